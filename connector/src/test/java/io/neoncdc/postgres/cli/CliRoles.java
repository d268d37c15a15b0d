package io.neoncdc.postgres.cli;

import io.neoncdc.postgres.testutil.TestDatabase;
import java.util.LinkedHashMap;
import java.util.Map;

/** Roles (shared by the whole test server) and connection options for the CLI tests. */
final class CliRoles {
    /** The password given to the CLI; the output must never show it. */
    static final String PASSWORD = "cli-s3cret-Pa55";

    private CliRoles() {}

    /** A statement creating the role if missing and giving it these attributes. */
    static String role(String role, String attributes) {
        return "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '"
                + role
                + "') THEN CREATE ROLE "
                + role
                + "; END IF; ALTER ROLE "
                + role
                + " "
                + attributes
                + "; END $$";
    }

    /** Connection options of the database as this role, plus alternating extra keys and values. */
    static Map<String, String> options(TestDatabase db, String role, String... extra) {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("hostname", db.server().host());
        o.put("port", String.valueOf(db.server().port()));
        o.put("username", role);
        o.put("password", PASSWORD);
        o.put("database-name", db.name());
        o.put("ssl.mode", db.server().sslMode());
        for (int i = 0; i + 1 < extra.length; i += 2) {
            o.put(extra[i], extra[i + 1]);
        }
        return o;
    }
}
