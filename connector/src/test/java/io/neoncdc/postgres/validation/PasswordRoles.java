package io.neoncdc.postgres.validation;

import io.neoncdc.postgres.testutil.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.Assumptions;

/**
 * Test roles and server facts for bad-input cases: a role whose password is really checked (the
 * embedded server trusts local connections, so a rule for that one role is added to pg_hba.conf).
 */
final class PasswordRoles {
    private PasswordRoles() {}

    /** Creates a LOGIN role with a password that the server checks (or skips the test). */
    static void ensureRole(TestDatabase db, String role, String password) {
        db.execute(createRole(role, "LOGIN PASSWORD '" + password + "'"));
        if (!acceptsPassword(db, role, "certainly-not-" + password)) {
            return;
        }
        Path hba = Path.of(db.queryValue("SHOW hba_file"));
        Assumptions.assumeTrue(
                Files.isWritable(hba),
                "the server trusts role " + role + " and its pg_hba.conf is not writable here");
        String rules =
                "host all "
                        + role
                        + " 0.0.0.0/0 md5\nhost all "
                        + role
                        + " ::/0 md5\n"
                        + "host replication "
                        + role
                        + " 0.0.0.0/0 md5\n";
        try {
            String current = Files.readString(hba, StandardCharsets.UTF_8);
            Files.writeString(hba, rules + current, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot edit " + hba, e);
        }
        db.execute("SELECT pg_reload_conf()");
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (acceptsPassword(db, role, "certainly-not-" + password)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("pg_hba.conf reload did not take effect");
            }
            Thread.onSpinWait();
        }
    }

    /** A statement creating the role if missing and giving it these attributes. */
    static String createRole(String role, String attributes) {
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

    /** Skips the test unless the server has TLS turned off. */
    static void assumeServerWithoutTls(TestDatabase db) {
        Assumptions.assumeTrue(
                "off".equals(db.queryValue("SHOW ssl")), "the test server offers TLS");
    }

    private static boolean acceptsPassword(TestDatabase db, String role, String password) {
        Properties props = new Properties();
        props.setProperty("user", role);
        props.setProperty("password", password);
        props.setProperty("sslmode", db.server().sslMode());
        try (Connection c = DriverManager.getConnection(db.server().jdbcUrl(db.name()), props)) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }
}
