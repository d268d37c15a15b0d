package io.neoncdc.jobs.demo;

import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Prints frames: on a terminal it redraws in place (ANSI cursor-home and clear-to-end), otherwise
 * it prints each frame after the previous one, with a separator, for logs and CI. A terminal too
 * small for a frame (it would wrap into a mess) gets plain frames cut to its width.
 */
final class Screen {
    private static final String HOME = "\033[H";
    private static final String CLEAR_LINE = "\033[K";
    private static final String CLEAR_BELOW = "\033[J";
    private static final String CLEAR_ALL = "\033[2J";

    private final PrintStream out;

    /** Columns and rows of the terminal, or null when unknown (not a terminal, no stty). */
    private final int[] size;

    private boolean redraw;
    private boolean first = true;

    Screen(PrintStream out, boolean redraw) {
        this(out, redraw, redraw ? terminalSize() : null);
    }

    Screen(PrintStream out, boolean redraw, int[] size) {
        this.out = out;
        this.redraw = redraw;
        this.size = size;
    }

    /** Whether stdout is an interactive terminal that understands ANSI escapes. */
    static boolean isTerminal() {
        return System.console() != null && !"dumb".equals(System.getenv("TERM"));
    }

    /** Whether frames are redrawn in place (false after falling back to plain frames). */
    boolean redraws() {
        return redraw;
    }

    void show(List<String> frame) {
        if (redraw && size != null && !fits(frame)) {
            redraw = false;
            say(
                    String.format(
                            "This terminal (%dx%d) is smaller than the live view (%dx%d): printing"
                                    + " frames one after another instead (resize it and restart"
                                    + " for the live view).",
                            size[0], size[1], width(frame), frame.size() + 1));
        }
        StringBuilder sb = new StringBuilder();
        if (redraw) {
            sb.append(first ? CLEAR_ALL + HOME : HOME);
            frame.forEach(l -> sb.append(l).append(CLEAR_LINE).append('\n'));
            sb.append(CLEAR_BELOW);
        } else {
            sb.append(first ? "" : "\n").append(cut("-".repeat(100))).append('\n');
            frame.forEach(l -> sb.append(cut(l)).append('\n'));
        }
        first = false;
        out.print(sb);
        out.flush();
    }

    /** A plain message line (below the last frame). */
    void say(String line) {
        out.println(line);
        out.flush();
    }

    /** Redrawing needs every line within the width and the frame (plus the cursor) in the rows. */
    private boolean fits(List<String> frame) {
        return width(frame) <= size[0] && frame.size() + 1 <= size[1];
    }

    private static int width(List<String> frame) {
        return frame.stream().mapToInt(String::length).max().orElse(0);
    }

    /** A line no wider than a known terminal (a wrapped line would break the columns). */
    private String cut(String line) {
        return size == null || line.length() <= size[0] ? line : line.substring(0, size[0]);
    }

    /**
     * The terminal's {@code {columns, rows}}: {@code stty size} on /dev/tty, else the COLUMNS and
     * LINES variables, else null.
     */
    static int[] terminalSize() {
        try {
            Process p =
                    new ProcessBuilder("stty", "size")
                            .redirectInput(new File("/dev/tty"))
                            .redirectError(ProcessBuilder.Redirect.DISCARD)
                            .start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor(2, TimeUnit.SECONDS) && p.exitValue() == 0) {
                String[] rowsColumns = text.trim().split("\\s+");
                if (rowsColumns.length == 2) {
                    return new int[] {
                        Integer.parseInt(rowsColumns[1]), Integer.parseInt(rowsColumns[0])
                    };
                }
            }
        } catch (Exception e) {
            // No stty or no terminal: try the variables.
        }
        try {
            return new int[] {
                Integer.parseInt(System.getenv("COLUMNS")), Integer.parseInt(System.getenv("LINES"))
            };
        } catch (RuntimeException e) {
            return null;
        }
    }
}
