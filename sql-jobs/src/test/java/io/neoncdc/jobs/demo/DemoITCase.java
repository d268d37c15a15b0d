package io.neoncdc.jobs.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs the whole demo in-process with {@code --duration}: embedded PostgreSQL, traffic, the Flink
 * job and the console view, then checks what it printed and that nothing was left running.
 */
class DemoITCase {

    @Test
    @Timeout(180)
    void runsSnapshotStreamAndAggregateThenStopsEverything() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(new Tee(captured, System.out), true, "UTF-8");
        String[] args = {"--duration", "15s", "--plain", "--refresh", "3s", "--orders", "1000"};

        // No NEON_* variables: whatever the environment holds, this is the embedded run.
        int exit = Demo.run(args, Map.of(), out);
        String printed = captured.toString(StandardCharsets.UTF_8);

        assertThat(exit).isZero();
        assertThat(printed)
                .contains("Snapshot complete: ")
                .contains("Exactly once: Flink's rows equal PostgreSQL's")
                .containsPattern(
                        "(?m)^Stopped: traffic generator, Flink job cancelled,"
                                + " PostgreSQL \\(port \\d+ closed\\)$");
        // Streamed changes (not snapshot rows) with their commit time.
        assertThat(printed)
                .containsPattern(
                        "(?m)^  \\+I  \\w+ +[\\d/]+ +\\w+=.* \\d\\d:\\d\\d:\\d\\d\\.\\d{3}$")
                .containsPattern(
                        "(?m)^  (\\+U|-D)  \\w+ +[\\d/]+ .* \\d\\d:\\d\\d:\\d\\d\\.\\d{3}$");
        // The revenue aggregate: ranked customers with order counts and revenue.
        assertThat(printed)
                .containsPattern("(?m)^   1  \\w+ \\w+ \\(#\\d+\\) +\\d+ +[\\d,]+\\.\\d\\d$");

        int port = port(printed);
        assertThatThrownBy(() -> connect(port)).isInstanceOf(IOException.class);
        assertThat(
                        ProcessHandle.allProcesses()
                                .filter(p -> p.isAlive())
                                .map(p -> p.info().commandLine().orElse(""))
                                .filter(cmd -> cmd.contains("postgres"))
                                .filter(cmd -> cmd.matches(".* -p " + port + "( .*)?")))
                .isEmpty();
        // The MiniCluster, the readers and the traffic thread are gone from this JVM.
        assertThat(leftoverThreads()).isEmpty();
    }

    private static List<String> leftoverThreads() throws InterruptedException {
        Pattern demo =
                Pattern.compile("flink-pekko|jobmanager|taskmanager|Source Data Fetcher|demo-");
        List<String> left = List.of();
        for (int i = 0; i < 40; i++) {
            left =
                    Thread.getAllStackTraces().keySet().stream()
                            .filter(Thread::isAlive)
                            .map(Thread::getName)
                            .filter(name -> demo.matcher(name).find())
                            .collect(Collectors.toList());
            if (left.isEmpty()) {
                break;
            }
            Thread.sleep(250);
        }
        return left;
    }

    private static int port(String printed) {
        Matcher m = Pattern.compile("PostgreSQL \\(port (\\d+) closed\\)").matcher(printed);
        assertThat(m.find()).as("the stop line names the port").isTrue();
        return Integer.parseInt(m.group(1));
    }

    private static void connect(int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
        }
    }

    /** Writes to two streams: the captured output and the test log. */
    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public void write(byte[] buf, int off, int len) throws IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }

        @Override
        public void flush() throws IOException {
            a.flush();
            b.flush();
        }
    }
}
