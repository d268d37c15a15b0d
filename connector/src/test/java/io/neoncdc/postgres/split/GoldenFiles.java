package io.neoncdc.postgres.split;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Serialized bytes checked in under {@code src/test/resources/serializer/}: the state a running job
 * wrote with an older serializer version, which every later version must still read.
 *
 * <p>Regenerate (only while the serializer still writes that version, e.g. after a deliberate
 * change of a fixture): {@code mvn -pl connector test -Dtest='*GoldenTest'
 * -Dneoncdc.golden.write=true}, then review and commit the changed {@code .bin} files. Never
 * regenerate a file to make a failing read pass: that failure means old checkpoints no longer
 * restore.
 */
public final class GoldenFiles {
    public static final String WRITE_PROPERTY = "neoncdc.golden.write";
    private static final Path DIR = Path.of("src", "test", "resources", "serializer");

    private GoldenFiles() {}

    /**
     * The stored bytes of {@code name}; with {@code -Dneoncdc.golden.write=true} first replaces
     * them with {@code current}, which must be written by the version the file is named for.
     */
    public static byte[] load(String name, int fileVersion, int currentVersion, byte[] current) {
        if (Boolean.getBoolean(WRITE_PROPERTY)) {
            assertThat(currentVersion)
                    .as("golden file %s holds version %d bytes", name, fileVersion)
                    .isEqualTo(fileVersion);
            try {
                Files.createDirectories(DIR);
                Files.write(DIR.resolve(name), current);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return current;
        }
        try (InputStream in = GoldenFiles.class.getResourceAsStream("/serializer/" + name)) {
            assertThat(in)
                    .as("golden file serializer/%s (see GoldenFiles to generate it)", name)
                    .isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
