package io.neoncdc.jobs.e2e;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.postgresql.PGConnection;

/**
 * The main class {@link SharedJvmDriversITCase} runs in a JVM of its own whose class path is
 * Flink's lib/ with the SQL jar, flink-connector-jdbc and an unrelocated pgjdbc: a CDC job into a
 * JDBC sink, then what {@code DriverManager} hands out for {@code jdbc:postgresql:}. It reports
 * {@code key=value} lines; the test asserts them. Uses nothing of the connector but its SQL name.
 */
public final class SharedJvmJob {
    private static final long TIMEOUT_MS = 120_000;

    private SharedJvmJob() {}

    /** Arguments: JDBC URL, user, password, then the source table's WITH options as k=v. */
    public static void main(String[] args) throws Exception {
        String url = args[0];
        String user = args[1];
        String password = args[2];
        StringBuilder with = new StringBuilder("'connector' = 'neon-postgres-cdc'");
        for (int i = 3; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            with.append(
                    String.format(
                            ", '%s' = '%s'", args[i].substring(0, eq), args[i].substring(eq + 1)));
        }
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(
                        Configuration.fromMap(Map.of("execution.checkpointing.interval", "1 s")));
        env.setParallelism(1);
        StreamTableEnvironment tables = StreamTableEnvironment.create(env);
        String columns =
                "id BIGINT, name STRING, price DECIMAL(10, 2), PRIMARY KEY (id) NOT ENFORCED";
        tables.executeSql("CREATE TABLE items (" + columns + ") WITH (" + with + ")");
        tables.executeSql(
                "CREATE TABLE items_copy ("
                        + columns
                        + ") WITH ('connector' = 'jdbc', 'url' = '"
                        + url
                        + "', 'table-name' = 'items_copy', 'username' = '"
                        + user
                        + "', 'password' = '"
                        + password
                        + "', 'sink.buffer-flush.max-rows' = '1')");
        TableResult job = tables.executeSql("INSERT INTO items_copy SELECT * FROM items");
        try {
            // The snapshot, then a change read from the stream, both written by the JDBC sink.
            awaitCopy(url, user, password);
            execute(url, user, password, "INSERT INTO items VALUES (100, 'streamed', 1.00)");
            awaitCopy(url, user, password);
            System.out.println("copy=equal");
        } finally {
            job.getJobClient().orElseThrow().cancel().get();
        }
        report(url, user, password);
        System.exit(0);
    }

    /** What other code of this JVM gets from DriverManager for jdbc:postgresql:. */
    private static void report(String url, String user, String password) {
        List<String> drivers = new ArrayList<>();
        DriverManager.drivers().forEach(d -> drivers.add(d.getClass().getName()));
        System.out.println("registered=" + String.join(",", drivers));
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            Driver driver = DriverManager.getDriver(url);
            System.out.println("driver=" + driver.getClass().getName());
            System.out.println("connection=" + c.getClass().getName());
            PGConnection pg = c.unwrap(PGConnection.class);
            System.out.println("unwrap=" + pg.getClass().getName());
        } catch (SQLException e) {
            System.out.println("unwrap-failed=" + e);
        }
    }

    private static void awaitCopy(String url, String user, String password) throws Exception {
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        String source = rows(url, user, password, "items");
        while (!source.equals(rows(url, user, password, "items_copy"))) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError(
                        "items_copy never became "
                                + source
                                + ": "
                                + rows(url, user, password, "items_copy"));
            }
            Thread.sleep(200);
        }
    }

    private static String rows(String url, String user, String password, String table)
            throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, password);
                Statement st = c.createStatement();
                ResultSet rs =
                        st.executeQuery("SELECT id, name, price FROM " + table + " ORDER BY id")) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getLong(1) + "|" + rs.getString(2) + "|" + rs.getBigDecimal(3));
            }
            return rows.stream().collect(Collectors.joining(";"));
        }
    }

    private static void execute(String url, String user, String password, String sql)
            throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, password);
                Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
