package io.neoncdc.postgres.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.table.api.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link TableList} reads {@code schema,table} / {@code schema.table} lines (CSV quoting, comments,
 * duplicates) and the {@code table-list} option, and reports each bad line with its number.
 */
class TableListTest {
    @TempDir Path dir;

    @Test
    void readsAGoodFile() throws Exception {
        Path file =
                write(
                        "\uFEFFpublic,orders",
                        "",
                        "# the sales schema",
                        "  sales.customers  ",
                        "   # indented comment",
                        "\"my,schema\",\"my.table\"",
                        "\"Mixed\".\"Case \"\"quoted\"\"\"",
                        " public , order items ",
                        "public.orders",
                        "sales,customers");
        assertThat(TableList.readFile(file))
                .containsExactly(
                        new TableId("public", "orders"),
                        new TableId("sales", "customers"),
                        new TableId("my,schema", "my.table"),
                        new TableId("Mixed", "Case \"quoted\""),
                        new TableId("public", "order items"));
    }

    @Test
    void reportsEveryBadLineWithItsNumberAndReason() throws Exception {
        Path file =
                write(
                        "public.orders",
                        "orders",
                        "public.orders.extra",
                        "\"public,orders",
                        "\"public\"x,orders",
                        "pub\"lic,orders",
                        ",orders",
                        "public.",
                        "\"\",orders",
                        "a,b,c");
        assertThatThrownBy(() -> TableList.readFile(file))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("Table list file '" + file + "' has 9 bad line(s)")
                .hasMessageContaining("line 2: expected schema,table or schema.table but found one")
                .hasMessageContaining("line 3: expected two names (schema and table) but found 3")
                .hasMessageContaining("line 4: unterminated quoted name")
                .hasMessageContaining("line 5: unexpected text after the quoted name \"public\"")
                .hasMessageContaining("line 6: a double quote inside an unquoted name")
                .hasMessageContaining("line 7: missing schema name: ,orders")
                .hasMessageContaining("line 8: missing table name: public.")
                .hasMessageContaining("line 9: empty schema name")
                .hasMessageContaining("line 10: expected two names")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("line 1:"));
    }

    @Test
    void aFileWithoutTablesOrMissingFails() throws Exception {
        Path empty = write("# nothing", "", "   ");
        assertThatThrownBy(() -> TableList.readFile(empty)).hasMessageContaining("names no table");
        assertThatThrownBy(() -> TableList.readFile(dir.resolve("nope.csv")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("Cannot read table list file");
    }

    @Test
    void parsesTheOptionAndFormatsItBack() {
        List<TableId> tables =
                TableList.parseOption(" public.orders , \"my,schema\".\"my.table\",sales.x");
        assertThat(tables)
                .containsExactly(
                        new TableId("public", "orders"),
                        new TableId("my,schema", "my.table"),
                        new TableId("sales", "x"));
        List<TableId> odd = List.of(new TableId("we\"ird", "a, b.c"), new TableId("s", "t"));
        assertThat(TableList.parseOption(TableList.format(odd))).isEqualTo(odd);
        assertThat(TableList.parseOption("s.t, s.t")).containsExactly(new TableId("s", "t"));
    }

    @Test
    void badOptionEntriesAreNamed() {
        assertThatThrownBy(() -> TableList.parseOption("public.orders, customers"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("Invalid 'table-list' = 'public.orders, customers'")
                .hasMessageContaining("entry 2: expected schema.table");
        assertThatThrownBy(() -> TableList.parseOption("a.b.c"))
                .hasMessageContaining("entry 1: expected schema.table");
        assertThatThrownBy(() -> TableList.parseOption("a.\"b"))
                .hasMessageContaining("unterminated quoted name");
    }

    @Test
    void parsesOneNameInEitherForm() {
        assertThat(TableList.parseName("public.orders")).isEqualTo(new TableId("public", "orders"));
        assertThat(TableList.parseName("public,orders")).isEqualTo(new TableId("public", "orders"));
        assertThatThrownBy(() -> TableList.parseName("orders"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("Invalid table name 'orders'");
    }

    private Path write(String... lines) throws Exception {
        Path file = Files.createTempFile(dir, "tables", ".csv");
        Files.write(file, List.of(lines), StandardCharsets.UTF_8);
        return file;
    }
}
