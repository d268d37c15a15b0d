package io.neoncdc.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Fails when the connector's packages import each other in a circle, reading the main source tree's
 * imports and fully qualified names (a "room" is a package directly below {@code
 * io.neoncdc.postgres}; sub-packages such as {@code reader.stream} belong to their room).
 */
class PackageCyclesTest {
    private static final String BASE = "io.neoncdc.postgres";
    private static final Path SOURCES = Paths.get("src", "main", "java");
    private static final Pattern PACKAGE =
            Pattern.compile("^package\\s+([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern REFERENCE =
            Pattern.compile("\\bio\\.neoncdc\\.postgres((?:\\.[a-z]\\w*)*)\\.([A-Z]\\w*)");

    /**
     * Arrows allowed to close a circle while a move is under way (empty: there are none); an entry
     * that no longer closes a circle fails the test, so the list can only shrink.
     */
    private static final Set<String> ALLOWED_BACK_ARROWS = Set.of();

    /**
     * Arrows that point down by floor but are wrong by role: the CLI reports the source's own
     * checks and options, the catalog and snapshot code take plain values, the reader plans no
     * chunks of the enumerator's.
     */
    private static final Set<String> FORBIDDEN_ARROWS =
            Set.of(
                    "cli -> table",
                    "cli -> enumerator",
                    "catalog -> config",
                    "snapshot -> reader",
                    "reader -> enumerator",
                    "schema -> reader",
                    "setup -> enumerator",
                    "slot -> enumerator");

    @Test
    void noPackageImportsWhatItsRoleForbids() throws IOException {
        Map<String, Map<String, Set<String>>> arrows = arrows();
        List<String> found = new ArrayList<>();
        for (String forbidden : FORBIDDEN_ARROWS) {
            String[] ends = forbidden.split(" -> ");
            Set<String> why = arrows.getOrDefault(ends[0], Map.of()).get(ends[1]);
            if (why != null) {
                found.add(forbidden + " " + why);
            }
        }
        assertThat(found).as("arrows wrong by role").isEmpty();
    }

    @Test
    void packagesFormNoCycles() throws IOException {
        Map<String, Map<String, Set<String>>> arrows = arrows();
        Map<String, Map<String, Set<String>>> remaining = new TreeMap<>();
        arrows.forEach(
                (from, to) ->
                        to.forEach(
                                (target, why) -> {
                                    if (!ALLOWED_BACK_ARROWS.contains(from + " -> " + target)) {
                                        remaining
                                                .computeIfAbsent(from, k -> new TreeMap<>())
                                                .put(target, why);
                                    }
                                }));
        List<String> cycles = describe(cycles(remaining), remaining);
        assertThat(cycles).as("package cycles (move a class so every arrow points down)").isEmpty();

        List<String> stale = new ArrayList<>();
        for (String allowed : ALLOWED_BACK_ARROWS) {
            String[] ends = allowed.split(" -> ");
            boolean closesCircle =
                    arrows.getOrDefault(ends[0], Map.of()).containsKey(ends[1])
                            && reachable(arrows, ends[1], ends[0]);
            if (!closesCircle) {
                stale.add(allowed);
            }
        }
        assertThat(stale)
                .as("allow-listed arrows that no longer close a circle: remove them")
                .isEmpty();
    }

    /** Room → room → the "File -> Class" references that make the arrow. */
    static Map<String, Map<String, Set<String>>> arrows() throws IOException {
        Map<String, String> roomOfClass = new HashMap<>();
        Map<Path, String> sources = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".java"))
                            .collect(Collectors.toList())) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                Matcher pkg = PACKAGE.matcher(text);
                assertThat(pkg.find()).as("package declaration in %s", file).isTrue();
                sources.put(file, text);
                roomOfClass.put(pkg.group(1) + "." + simpleName(file), room(pkg.group(1)));
            }
        }
        Map<String, Map<String, Set<String>>> arrows = new TreeMap<>();
        for (Map.Entry<Path, String> source : sources.entrySet()) {
            Matcher pkg = PACKAGE.matcher(source.getValue());
            pkg.find();
            String from = room(pkg.group(1));
            Matcher ref = REFERENCE.matcher(source.getValue());
            while (ref.find()) {
                String target = roomOfClass.get(BASE + ref.group(1) + "." + ref.group(2));
                if (target != null && !target.equals(from)) {
                    arrows.computeIfAbsent(from, k -> new TreeMap<>())
                            .computeIfAbsent(target, k -> new TreeSet<>())
                            .add(simpleName(source.getKey()) + " -> " + ref.group(2));
                }
            }
        }
        return arrows;
    }

    private static String room(String pkg) {
        if (pkg.equals(BASE)) {
            return "(root)";
        }
        return pkg.substring(BASE.length() + 1).split("\\.")[0];
    }

    private static String simpleName(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - ".java".length());
    }

    /** Groups of rooms that reach each other (strongly connected, more than one room). */
    private static List<Set<String>> cycles(Map<String, Map<String, Set<String>>> arrows) {
        Set<String> rooms = new TreeSet<>(arrows.keySet());
        arrows.values().forEach(to -> rooms.addAll(to.keySet()));
        List<Set<String>> cycles = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String room : rooms) {
            if (seen.contains(room)) {
                continue;
            }
            Set<String> group = new TreeSet<>();
            for (String other : rooms) {
                if (room.equals(other)
                        || (reachable(arrows, room, other) && reachable(arrows, other, room))) {
                    group.add(other);
                }
            }
            seen.addAll(group);
            if (group.size() > 1) {
                cycles.add(group);
            }
        }
        return cycles;
    }

    private static boolean reachable(
            Map<String, Map<String, Set<String>>> arrows, String from, String to) {
        Set<String> visited = new HashSet<>();
        List<String> todo = new ArrayList<>(List.of(from));
        while (!todo.isEmpty()) {
            String next = todo.remove(todo.size() - 1);
            if (next.equals(to)) {
                return true;
            }
            if (visited.add(next)) {
                todo.addAll(arrows.getOrDefault(next, Map.of()).keySet());
            }
        }
        return false;
    }

    private static List<String> describe(
            List<Set<String>> cycles, Map<String, Map<String, Set<String>>> arrows) {
        List<String> lines = new ArrayList<>();
        for (Set<String> group : cycles) {
            StringBuilder line = new StringBuilder("cycle " + group + ":");
            for (String from : group) {
                arrows.getOrDefault(from, Map.of())
                        .forEach(
                                (to, why) -> {
                                    if (group.contains(to)) {
                                        line.append("\n    ")
                                                .append(from)
                                                .append(" -> ")
                                                .append(to)
                                                .append(' ')
                                                .append(why);
                                    }
                                });
            }
            lines.add(line.toString());
        }
        return lines;
    }
}
