package io.neoncdc.jobs.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** What the bench ran on: CPU, cores, RAM, JDK, PostgreSQL, date and the load average. */
final class Machine {
    private Machine() {}

    static String describe(BenchServer server) throws SQLException {
        String pg;
        try (Connection c = server.connect();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT version()")) {
            rs.next();
            pg = rs.getString(1);
        }
        return String.join(
                "\n",
                "* Date: "
                        + ZonedDateTime.now(ZoneOffset.UTC)
                                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")),
                "* CPU: "
                        + cpuModel()
                        + ", "
                        + Runtime.getRuntime().availableProcessors()
                        + " cores available to the JVM; RAM "
                        + memTotal(),
                "* JDK: "
                        + System.getProperty("java.vm.name")
                        + " "
                        + System.getProperty("java.runtime.version")
                        + ", bench heap (-Xmx) "
                        + Runtime.getRuntime().maxMemory() / (1 << 20)
                        + " MB",
                "* PostgreSQL: " + pg + " (" + server.kind + ")");
    }

    /** {@code /proc/loadavg}'s three averages, or "unknown". */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String cpuModel() {
        return procLine("/proc/cpuinfo", "model name").orElse("unknown CPU");
    }

    private static String memTotal() {
        return procLine("/proc/meminfo", "MemTotal")
                .map(v -> Long.parseLong(v.replaceAll("[^0-9]", "")) / (1 << 20) + " GB")
                .orElse("unknown");
    }

    private static java.util.Optional<String> procLine(String file, String key) {
        try {
            List<String> lines = Files.readAllLines(Path.of(file));
            for (String line : lines) {
                if (line.startsWith(key)) {
                    return java.util.Optional.of(line.substring(line.indexOf(':') + 1).trim());
                }
            }
        } catch (IOException e) {
            // not Linux: fall through
        }
        return java.util.Optional.empty();
    }
}
