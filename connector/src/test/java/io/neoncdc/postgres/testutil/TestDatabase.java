package io.neoncdc.postgres.testutil;

import io.neoncdc.postgres.catalog.PlatformSlots;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A fresh database of the shared test server, with helpers to run SQL and read rows back. */
public final class TestDatabase {
    private final PostgresTestServer server;
    private final String name;

    TestDatabase(PostgresTestServer server, String name) {
        this.server = server;
        this.name = name;
    }

    public String name() {
        return name;
    }

    public PostgresTestServer server() {
        return server;
    }

    public Connection connect() throws SQLException {
        return server.connect(name);
    }

    /**
     * The WITH clause of a {@code neon-postgres-cdc} table on this database, plus extra options
     * given as alternating keys and values.
     */
    public String withClause(String table, String... extra) {
        StringBuilder sb = new StringBuilder("WITH ('connector' = 'neon-postgres-cdc'");
        Map<String, String> options = new LinkedHashMap<>(connectionOptions());
        options.put("table-name", table);
        // Slots belong to the whole server: one per test database keeps test classes apart.
        options.put("slot.name", name);
        for (int i = 0; i + 1 < extra.length; i += 2) {
            options.put(extra[i], extra[i + 1]);
        }
        options.forEach(
                (k, v) ->
                        sb.append(", '")
                                .append(k)
                                .append("' = '")
                                .append(v.replace("'", "''"))
                                .append("'"));
        return sb.append(")").toString();
    }

    /** hostname, port, username, password, database-name and ssl.mode of this database. */
    public Map<String, String> connectionOptions() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("hostname", server.host());
        options.put("port", String.valueOf(server.port()));
        options.put("username", server.user());
        options.put("password", server.password());
        options.put("database-name", name);
        options.put("ssl.mode", server.sslMode());
        return options;
    }

    /** Creates the logical slot now, so a job started later sees every change from here on. */
    public void createSlot(String slot) {
        execute("SELECT pg_create_logical_replication_slot('" + slot + "', 'pgoutput')");
    }

    /**
     * Creates table {@code name (id bigint PRIMARY KEY, v int, s text)} with {@code REPLICA
     * IDENTITY FULL} and rows {@code (g, g % 100, 'row' || g)} for g in [0, rows), analyzed.
     */
    public void createIdTable(String name, int rows) {
        execute(
                "CREATE TABLE " + name + " (id bigint PRIMARY KEY, v int, s text)",
                "ALTER TABLE " + name + " REPLICA IDENTITY FULL",
                "INSERT INTO "
                        + name
                        + " SELECT g, g % 100, 'row' || g FROM generate_series(0, "
                        + (rows - 1)
                        + ") g",
                "ANALYZE " + name);
    }

    /**
     * Drops this database's idle slots (a test class's cleanup), tolerating slots that their job
     * drops or uses meanwhile, never one of the platform's own ({@link PlatformSlots}: on a Neon
     * branch, {@code PG_TEST_URL} shows them too).
     */
    public void dropIdleSlots() {
        try (Connection c = connect()) {
            PostgresTestServer.dropIdleSlots(c, java.util.List.of(name));
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Runs each statement in its own auto-commit transaction. */
    public void execute(String... statements) {
        try (Connection c = connect();
                Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Runs the statements in one transaction. */
    public void executeInTransaction(String... statements) {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                for (String sql : statements) {
                    st.execute(sql);
                }
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Each row of the query as its columns' text forms joined by ", ". */
    public List<String> queryRows(String sql) {
        try (Connection c = connect();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            List<String> rows = new ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder sb = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    if (i > 1) {
                        sb.append(", ");
                    }
                    sb.append(rs.getString(i));
                }
                rows.add(sb.toString());
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The single value of a one-row, one-column query. */
    public String queryValue(String sql) {
        List<String> rows = queryRows(sql);
        if (rows.size() != 1) {
            throw new IllegalStateException("Expected one row from " + sql + " but got " + rows);
        }
        return rows.get(0);
    }
}
