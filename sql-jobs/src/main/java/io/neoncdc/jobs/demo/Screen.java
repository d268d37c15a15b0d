package io.neoncdc.jobs.demo;

import java.io.PrintStream;
import java.util.List;

/**
 * Prints frames: on a terminal it redraws in place (ANSI cursor-home and clear-to-end), otherwise
 * it prints each frame after the previous one, with a separator, for logs and CI.
 */
final class Screen {
    private static final String HOME = "\033[H";
    private static final String CLEAR_LINE = "\033[K";
    private static final String CLEAR_BELOW = "\033[J";
    private static final String CLEAR_ALL = "\033[2J";

    private final PrintStream out;
    private final boolean redraw;
    private boolean first = true;

    Screen(PrintStream out, boolean redraw) {
        this.out = out;
        this.redraw = redraw;
    }

    /** Whether stdout is an interactive terminal that understands ANSI escapes. */
    static boolean isTerminal() {
        return System.console() != null && !"dumb".equals(System.getenv("TERM"));
    }

    void show(List<String> frame) {
        StringBuilder sb = new StringBuilder();
        if (redraw) {
            sb.append(first ? CLEAR_ALL + HOME : HOME);
            frame.forEach(l -> sb.append(l).append(CLEAR_LINE).append('\n'));
            sb.append(CLEAR_BELOW);
        } else {
            sb.append(first ? "" : "\n").append("-".repeat(100)).append('\n');
            frame.forEach(l -> sb.append(l).append('\n'));
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
}
