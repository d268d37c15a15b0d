package io.neoncdc.postgres.types;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.testutil.PostgresTestServer;
import io.neoncdc.postgres.testutil.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every type of DESIGN §7 (and a row NULL in every column) read by a Flink SQL job through the
 * snapshot and again through the stream: both give the expected values, identically.
 */
@Timeout(240)
class AllTypesITCase {
    private static final Logger LOG = LoggerFactory.getLogger(AllTypesITCase.class);

    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();

    static TestDatabase db;
    static AllTypesTable table;

    @BeforeAll
    static void setUp() {
        int version = PostgresTestServer.get().serverVersionNum();
        db = PostgresTestServer.get().createDatabase("all_types");
        db.execute(TypeColumns.SETUP);
        table = new AllTypesTable("all_types", TypeColumns.forServer(version));
        List<String> skipped = TypeColumns.skipped(version);
        if (!skipped.isEmpty()) {
            LOG.warn("Types left out on server {}: {}", version, skipped);
        }
        db.execute(
                table.create(),
                "ALTER TABLE all_types REPLICA IDENTITY FULL",
                "CREATE PUBLICATION neon_cdc_pub FOR ALL TABLES",
                table.insertSamples(1),
                table.insertNulls(2));
    }

    @Test
    void snapshotAndStreamGiveTheExpectedValuesIdentically() throws Exception {
        RowsById job =
                new RowsById(
                        "CREATE TABLE t ("
                                + table.flinkColumns(null)
                                + ") "
                                + db.withClause(
                                        "all_types",
                                        "slot.name",
                                        "all_types_snapshot",
                                        "binary.representation",
                                        "base64"));
        Map<Integer, Row> rows =
                job.collect(
                        List.of(1, 2),
                        () -> db.execute(table.insertSamples(101), table.insertNulls(102)),
                        List.of(101, 102));
        List<String> names = names();
        assertThat(RowsById.fields(rows.get(1), names))
                .as("snapshot row")
                .containsExactlyElementsOf(table.expectedSamples());
        assertThat(RowsById.fields(rows.get(101), names))
                .as("streamed row")
                .containsExactlyElementsOf(table.expectedSamples());
        assertThat(RowsById.fields(rows.get(2), names))
                .as("snapshot NULL row")
                .containsExactlyElementsOf(table.expectedNulls());
        assertThat(RowsById.fields(rows.get(102), names))
                .as("streamed NULL row")
                .containsExactlyElementsOf(table.expectedNulls());
    }

    @Test
    void everyTypeReadsIntoStringAsPostgresPrintsIt() throws Exception {
        RowsById job =
                new RowsById(
                        "CREATE TABLE t ("
                                + table.flinkColumns("STRING")
                                + ") "
                                + db.withClause("all_types", "slot.name", "all_types_string"));
        Map<Integer, Row> rows =
                job.collect(
                        List.of(1, 2),
                        () -> db.execute(table.insertSamples(301), table.insertNulls(302)),
                        List.of(301, 302));
        List<String> names = names();
        List<String> expected = postgresText(1);
        assertThat(RowsById.fields(rows.get(1), names)).as("snapshot").isEqualTo(expected);
        assertThat(RowsById.fields(rows.get(301), names)).as("stream").isEqualTo(expected);
        assertThat(RowsById.fields(rows.get(302), names)).as("NULL row").isEqualTo(postgresText(2));
    }

    /**
     * Each column's output-function text (what pgoutput sends; {@code ::text} differs for boolean,
     * char(n) and inet) under the connector's session settings.
     */
    private static List<String> postgresText(int id) {
        String select =
                table.columns.stream()
                        .map(
                                c ->
                                        // NOT (x IS NULL): a composite with a NULL field is not
                                        // "IS NOT NULL", but it is not NULL either.
                                        "quote_nullable(CASE WHEN NOT ("
                                                + c.name
                                                + " IS NULL) THEN format('%s', "
                                                + c.name
                                                + ") END)")
                        .collect(Collectors.joining(" || '|' || "));
        db.execute("ALTER DATABASE " + db.name() + " SET IntervalStyle = iso_8601");
        String line = db.queryValue("SELECT " + select + " FROM all_types WHERE id = " + id);
        List<String> names = names();
        List<String> values = TextValues.split(line);
        List<String> result = new java.util.ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            result.add(names.get(i) + "=" + values.get(i));
        }
        return result;
    }

    static List<String> names() {
        return table.columns.stream().map(c -> c.name).collect(Collectors.toList());
    }
}
