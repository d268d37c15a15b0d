package io.neoncdc.postgres.testutil;

/** Identifier quoting for test SQL. */
final class TestDatabaseNames {
    private TestDatabaseNames() {}

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
