package io.neoncdc.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every part and every path of the bench with tiny sizes, so CI proves the bench still runs
 * end to end: all paths share one worker JVM and checkpoints come every second, which keeps it
 * short. It asserts what was measured and written, never how fast anything was.
 */
class BenchITCase {

    @Test
    @Timeout(300)
    void quickBenchMeasuresEveryPartAndWritesTheResults(@TempDir Path dir) throws Exception {
        Path results = dir.resolve("RESULTS.md");
        String[] args = {
            "--quick",
            "--one-worker",
            "--warmups",
            "0",
            "--checkpoint-seconds",
            "1",
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
            "--shared-changes",
            "240",
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
        List<String> figures = new ArrayList<>();
        for (BenchPath path : BenchPath.SNAPSHOT) {
            figures.add("narrow snapshot, " + path.label + ", p1");
            figures.add("narrow snapshot, " + path.label + ", p2");
        }
        for (BenchPath path : BenchPath.DRAIN) {
            figures.add("drain 500 single-row inserts, " + path.label);
            figures.add("drain 500 single-row updates, " + path.label);
            figures.add("drain 500 rows in one transaction, " + path.label);
        }
        figures.addAll(
                List.of(
                        "wide snapshot, SQL, p1",
                        "chunk size 1000, SQL, p1",
                        "latency p99, write → sink",
                        "peak heap: narrow snapshot, SQL",
                        "peak heap: drain of one 500-row transaction, SQL",
                        "drain 240 changes over 12 tables, one shared slot"));
        for (String figure : figures) {
            // Every figure has a measured value: no "–" in the "ours" column.
            assertThat(report).containsPattern("\\| " + Pattern.quote(figure) + "[^|]*\\| [0-9]");
        }
        assertThat(report).doesNotContain("FAILED");
        assertThat(console.toString(StandardCharsets.UTF_8)).contains("Written to ");
    }
}
