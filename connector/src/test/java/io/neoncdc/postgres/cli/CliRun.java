package io.neoncdc.postgres.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs {@link NeonCdcCli} in-process and keeps its exit code, standard output and errors. */
public final class CliRun {
    public final int exitCode;
    public final String out;
    public final String err;

    private CliRun(int exitCode, String out, String err) {
        this.exitCode = exitCode;
        this.out = out;
        this.err = err;
    }

    public static CliRun of(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code =
                NeonCdcCli.run(
                        args,
                        env,
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
        return new CliRun(
                code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs a command with these options, given as {@code --option key=value}. */
    public static CliRun withOptions(String command, Map<String, String> options, String... extra) {
        List<String> args = new ArrayList<>(List.of(command));
        options.forEach((k, v) -> args.addAll(List.of("--option", k + "=" + v)));
        args.addAll(List.of(extra));
        return of(Map.of(), args.toArray(new String[0]));
    }

    /** The output with the checklist's wrapped details joined back into one line per check. */
    public String flat() {
        return out.replace("\n       ", " ");
    }

    /** The checklist lines that start with this status, e.g. {@code [FAIL]}. */
    public List<String> lines(String status) {
        List<String> result = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.startsWith(status)) {
                result.add(line);
            }
        }
        return result;
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n" + out + err;
    }
}
