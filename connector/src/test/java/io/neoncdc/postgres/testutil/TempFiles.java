package io.neoncdc.postgres.testutil;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * Temporary files and directories (test keys, known_hosts, TLS certificates) that are deleted when
 * the test JVM exits: a server may still read them until then, and nothing is left in the temp
 * folder afterwards.
 */
public final class TempFiles {
    private static final List<Path> CREATED = new CopyOnWriteArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TempFiles::deleteAll, "temp-files"));
    }

    private TempFiles() {}

    public static Path file(String prefix, String suffix) throws IOException {
        return remember(Files.createTempFile(prefix, suffix));
    }

    public static Path directory(String prefix) throws IOException {
        return remember(Files.createTempDirectory(prefix));
    }

    private static Path remember(Path path) {
        CREATED.add(path);
        return path;
    }

    private static void deleteAll() {
        for (Path path : CREATED) {
            try (Stream<Path> tree = Files.walk(path)) {
                tree.sorted(Comparator.reverseOrder()).forEach(TempFiles::delete);
            } catch (IOException | UncheckedIOException e) {
                // Already gone.
            }
        }
    }

    private static void delete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
