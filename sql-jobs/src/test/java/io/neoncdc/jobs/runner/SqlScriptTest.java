package io.neoncdc.jobs.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Splitting SQL files into statements like Flink's SQL client, and masking passwords. */
class SqlScriptTest {

    private static List<String> texts(String sql) {
        return SqlScript.split(sql, "f.sql").stream()
                .map(SqlStatement::text)
                .collect(Collectors.toList());
    }

    @Test
    void splitsAtSemicolonsAndDropsComments() {
        String sql =
                "-- header; with a semicolon\n"
                        + "CREATE TABLE t (id INT); /* block; comment */\n"
                        + "\n"
                        + "INSERT INTO t VALUES (1) -- trailing\n"
                        + ";\n"
                        + "-- nothing after the last statement\n";
        assertThat(texts(sql))
                .containsExactly("CREATE TABLE t (id INT)", "INSERT INTO t VALUES (1)");
    }

    @Test
    void keepsSemicolonsAndCommentMarkersInsideQuotes() {
        String sql = "SELECT 'a;b', 'it''s -- not a comment', \"x;y\", `p;q` FROM t; SELECT 2";
        assertThat(texts(sql))
                .containsExactly(
                        "SELECT 'a;b', 'it''s -- not a comment', \"x;y\", `p;q` FROM t",
                        "SELECT 2");
    }

    @Test
    void keepsOptimizerHints() {
        String sql = "SELECT * FROM orders /*+ OPTIONS('slot.name' = 'a;b') */;";
        assertThat(texts(sql))
                .containsExactly("SELECT * FROM orders /*+ OPTIONS('slot.name' = 'a;b') */");
    }

    @Test
    void statementSetIsOneStatement() {
        String sql =
                "EXECUTE STATEMENT SET\n"
                        + "BEGIN\n"
                        + "  INSERT INTO a SELECT 1;\n"
                        + "  INSERT INTO b SELECT 2;\n"
                        + "END;\n"
                        + "EXPLAIN STATEMENT SET BEGIN INSERT INTO a SELECT 1; END;\n"
                        + "SELECT 3;";
        assertThat(texts(sql))
                .containsExactly(
                        "EXECUTE STATEMENT SET\nBEGIN\n  INSERT INTO a SELECT 1;\n"
                                + "  INSERT INTO b SELECT 2;\nEND",
                        "EXPLAIN STATEMENT SET BEGIN INSERT INTO a SELECT 1; END",
                        "SELECT 3");
    }

    @Test
    void statementsKnowWhereTheyStartAndWhatTheyAre() {
        List<SqlStatement> statements =
                SqlScript.split(
                        "-- c\n\nSET 'a' = 'b';\n/* x\n y */ INSERT INTO t\nSELECT 1;", "j.sql");
        assertThat(statements)
                .extracting(SqlStatement::position)
                .containsExactly("j.sql:3", "j.sql:5");
        assertThat(statements)
                .extracting(SqlStatement::kind)
                .containsExactly(SqlStatement.Kind.SET, SqlStatement.Kind.JOB);
    }

    @Test
    void anUnterminatedQuoteNamesItsLine() {
        assertThatThrownBy(() -> SqlScript.split("SELECT 1;\nSELECT 'oops;", "q.sql"))
                .hasMessageContaining("q.sql:2");
    }

    @Test
    void passwordsAreMaskedForPrinting() {
        SqlStatement s =
                new SqlStatement(
                        "CREATE TABLE t WITH ('password' = 'se''cret', 'ssh.password'='x',"
                                + " 'port'='1')",
                        "f.sql",
                        1);
        assertThat(s.masked())
                .isEqualTo(
                        "CREATE TABLE t WITH ('password' = '****', 'ssh.password'='****',"
                                + " 'port'='1')");
    }
}
