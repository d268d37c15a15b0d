package io.neoncdc.postgres.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the SQL jar holds: the connector's classes, the third-party code relocated under {@code
 * io.neoncdc.shaded} and named in NOTICE, nothing Flink provides (Flink, slf4j, log4j, Jackson),
 * the table factory's service file, LICENSE and NOTICE; and no service that registers something
 * JVM-wide (a JDBC driver, a file system provider).
 */
class SqlJarContentsITCase {
    private static final String OWN = "io/neoncdc/postgres/";
    private static final String SHADED = "io/neoncdc/shaded/";

    /** Relocated package -> the artifact NOTICE must name for it. */
    private static final Map<String, String> BUNDLED =
            Map.of(
                    SHADED + "org/postgresql/", "org.postgresql:postgresql",
                    SHADED + "org/checkerframework/", "org.checkerframework:checker-qual",
                    SHADED + "org/apache/sshd/", "org.apache.sshd:sshd-core",
                    SHADED + "net/i2p/crypto/eddsa/", "net.i2p.crypto:eddsa");

    private static Path jar;
    private static List<String> entries;

    @BeforeAll
    static void open() throws IOException {
        Path dir = Path.of(System.getProperty("neoncdc.build.directory", "target"));
        String name = System.getProperty("neoncdc.build.finalName", "");
        jar = dir.resolve(name + "-sql.jar");
        assertThat(jar).as("built by mvn package").exists();
        try (JarFile file = new JarFile(jar.toFile())) {
            entries =
                    Collections.list(file.entries()).stream()
                            .map(JarEntry::getName)
                            .collect(Collectors.toList());
        }
        long classes = entries.stream().filter(e -> e.endsWith(".class")).count();
        System.out.printf(
                "SQL jar %s: %,d bytes (%.1f MiB), %,d classes%n",
                jar.getFileName(), Files.size(jar), Files.size(jar) / 1048576.0, classes);
    }

    @Test
    void everyClassIsTheConnectorsOrRelocatedBundledCode() {
        List<String> foreign = new ArrayList<>();
        Set<String> bundled = new TreeSet<>();
        for (String entry : entries) {
            if (!entry.endsWith(".class")) {
                continue;
            }
            String path = entry.replaceFirst("^META-INF/versions/\\d+/", "");
            if (path.startsWith(OWN)) {
                continue;
            }
            String artifact =
                    BUNDLED.entrySet().stream()
                            .filter(b -> path.startsWith(b.getKey()))
                            .map(Map.Entry::getValue)
                            .findFirst()
                            .orElse(null);
            if (artifact == null) {
                foreign.add(entry);
            } else {
                bundled.add(artifact);
            }
        }
        assertThat(foreign)
                .as(
                        "classes outside the connector and the known relocated code (new bundled"
                                + " code must be relocated and named in NOTICE and here)")
                .isEmpty();
        assertThat(bundled).containsExactlyInAnyOrderElementsOf(BUNDLED.values());
    }

    @Test
    void nothingFlinkProvidesIsBundled() {
        for (String prefix :
                List.of(
                        "org/apache/flink/",
                        "org/slf4j/",
                        "org/apache/logging/",
                        "org/apache/log4j/",
                        "com/fasterxml/jackson/",
                        "org/postgresql/",
                        "org/apache/sshd/")) {
            assertThat(entries)
                    .as("unrelocated %s", prefix)
                    .noneMatch(
                            e -> e.replaceFirst("^META-INF/versions/\\d+/", "").startsWith(prefix));
        }
    }

    @Test
    void servicesAreTheTableFactoryOnly() throws IOException {
        assertThat(
                        entries.stream()
                                .filter(
                                        e ->
                                                e.startsWith("META-INF/services/")
                                                        && !e.endsWith("/")))
                .containsExactly("META-INF/services/org.apache.flink.table.factories.Factory");
        assertThat(read("META-INF/services/org.apache.flink.table.factories.Factory"))
                .contains("io.neoncdc.postgres.table.NeonPostgresDynamicTableFactory");
    }

    @Test
    void licenseAndNoticeNameTheBundledCode() throws IOException {
        assertThat(read("META-INF/LICENSE"))
                .contains("Apache License", "Version 2.0, January 2004");
        String notice = read("META-INF/NOTICE");
        assertThat(notice).contains(BUNDLED.values());
        for (String license :
                List.of("pgjdbc", "checker-qual", "eddsa", "ongres-scram", "ongres-stringprep")) {
            String file = "META-INF/licenses/LICENSE-" + license + ".txt";
            assertThat(entries).contains(file);
            assertThat(notice).contains("licenses/LICENSE-" + license + ".txt");
        }
        assertThat(entries).doesNotContain("META-INF/DEPENDENCIES");
    }

    private static String read(String entry) throws IOException {
        try (JarFile file = new JarFile(jar.toFile());
                InputStream in = file.getInputStream(file.getJarEntry(entry))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
