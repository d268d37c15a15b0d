package io.neoncdc.postgres.testutil;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;

/** Copies a stopped server's data directory (a cold backup), optionally without its slots. */
public final class DataDirCopy {
    private static final Set<String> SKIPPED =
            Set.of("postmaster.pid", "postmaster.opts", "epg-lock");

    private DataDirCopy() {}

    public static void copy(Path from, Path to, boolean withSlots) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path rel = from.relativize(f);
                if (SKIPPED.contains(rel.toString())
                        || (!withSlots
                                && rel.getNameCount() > 1
                                && rel.getName(0).toString().equals("pg_replslot"))) {
                    continue;
                }
                Path target = to.resolve(rel.toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                    Files.setPosixFilePermissions(target, Files.getPosixFilePermissions(f));
                } else {
                    Files.copy(f, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /** Replaces {@code dir}'s contents by {@code backup}'s. */
    public static void restore(Path backup, Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder())
                    .filter(f -> !f.equals(dir))
                    .forEach(f -> f.toFile().delete());
        }
        copy(backup, dir, true);
    }
}
