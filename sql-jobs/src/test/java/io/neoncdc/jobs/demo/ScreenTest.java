package io.neoncdc.jobs.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The live view on terminals of different sizes: redraw when it fits, plain and cut otherwise. */
class ScreenTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @Test
    void redrawsInPlaceWhenTheFrameFits() {
        Screen screen = new Screen(out, true, new int[] {120, 40});
        screen.show(frame(30, 94));
        assertThat(screen.redraws()).isTrue();
        assertThat(printed()).startsWith("\033[2J\033[H").doesNotContain("smaller");
    }

    @Test
    void anEightyByTwentyFourTerminalGetsPlainFramesCutToItsWidth() {
        Screen screen = new Screen(out, true, new int[] {80, 24});
        screen.show(frame(30, 94));
        screen.show(frame(30, 94));

        assertThat(screen.redraws()).isFalse();
        String printed = printed();
        assertThat(printed)
                .doesNotContain("\033[")
                .contains("This terminal (80x24) is smaller than the live view (94x31)");
        assertThat(printed.lines().filter(l -> !l.startsWith("This terminal")))
                .allMatch(l -> l.length() <= 80)
                .contains("x".repeat(80));
    }

    @Test
    void tooFewRowsAloneAlsoFallsBack() {
        Screen screen = new Screen(out, true, new int[] {200, 24});
        screen.show(frame(30, 50));
        assertThat(screen.redraws()).isFalse();
    }

    @Test
    void anUnknownSizeKeepsRedrawing() {
        Screen screen = new Screen(out, true, null);
        screen.show(frame(30, 94));
        assertThat(screen.redraws()).isTrue();
    }

    private static List<String> frame(int lines, int width) {
        List<String> frame = new ArrayList<>();
        for (int i = 0; i < lines; i++) {
            frame.add("x".repeat(width));
        }
        return frame;
    }

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
