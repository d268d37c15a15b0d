package io.neoncdc.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every part of the bench with tiny sizes, so CI proves the bench still runs end to end. It
 * asserts what was measured and written, never how fast anything was.
 */
class BenchITCase {

    @Test
    @Timeout(240)
    void quickBenchMeasuresEveryPartAndWritesTheResults(@TempDir Path dir) throws Exception {
        Path results = dir.resolve("RESULTS.md");
        String[] args = {
            "--quick",
            "--rows",
            "3000",
            "--wide-rows",
            "300",
            "--changes",
            "500",
            "--chunk-sizes",
            "1000",
            "--latency-rate",
            "200",
            "--latency-seconds",
            "1",
            "--out",
            results.toString()
        };
        ByteArrayOutputStream console = new ByteArrayOutputStream();

        String report =
                Bench.run(
                        BenchOptions.parse(args),
                        String.join(" ", args),
                        new PrintStream(console, true, StandardCharsets.UTF_8));

        assertThat(Files.readString(results)).isEqualTo(report);
        assertThat(report)
                .contains("## Machine", "Load average (1, 5, 15 min)", "PostgreSQL 1")
                .contains("bench_narrow: 3,000 rows", "bench_wide: 300 rows");
        for (String figure :
                new String[] {
                    "narrow snapshot, p1",
                    "narrow snapshot, p2",
                    "wide snapshot, p1",
                    "chunk size 1000, p1",
                    "drain 500 single-row inserts",
                    "drain 500 single-row updates",
                    "drain 500 rows in one transaction",
                    "latency p99, write → sink",
                    "peak heap: narrow snapshot",
                    "peak heap: drain of one 500-row transaction"
                }) {
            // Every figure has a measured value: no "–" in the "ours" column.
            assertThat(report).containsPattern("\\| " + figure + "[^|]*\\| [0-9]");
        }
        assertThat(report).doesNotContain("FAILED");
        assertThat(console.toString(StandardCharsets.UTF_8)).contains("Written to ");
    }
}
