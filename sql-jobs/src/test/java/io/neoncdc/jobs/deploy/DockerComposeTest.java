package io.neoncdc.jobs.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.jobs.runner.SqlScript;
import io.neoncdc.jobs.runner.SqlStatement;
import io.neoncdc.jobs.runner.Variables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.util.EnvironmentInformation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * docker/*.yml without Docker: the structure compose needs, images of the Flink version we build
 * against, mounts of files that exist (or that the build writes), and a runner whose SQL files
 * resolve with its environment.
 */
class DockerComposeTest {
    private static final Path REPO =
            Path.of(System.getProperty("basedir", "."), "..").toAbsolutePath().normalize();
    private static final List<String> BUILT =
            List.of("../sql-jobs/target", "../sql-jobs/target/neon-postgres-cdc-sql.jar");

    @SuppressWarnings("unchecked")
    @ParameterizedTest
    @ValueSource(strings = {"docker-compose.yml", "docker-compose.neon.yml"})
    void flinkClusterAndRunnerAreComplete(String name) throws Exception {
        ComposeFile compose = ComposeFile.load(REPO.resolve("docker").resolve(name));
        Map<String, Map<String, Object>> services = compose.services();
        assertThat(services).containsKeys("jobmanager", "taskmanager", "sql-gateway", "sql-runner");
        // The stack runs the default Flink line's jars: on that line's build its image is this
        // build's Flink; the other line's build checks only that all four run one Flink image.
        String version = EnvironmentInformation.getVersion();
        String flinkImage =
                version.startsWith("1.")
                        ? String.valueOf(services.get("jobmanager").get("image"))
                        : "flink:" + version + "-scala_2.12-java17";
        assertThat(flinkImage).matches("flink:[0-9.]+-scala_2\\.12-java17");
        for (String flink : List.of("jobmanager", "taskmanager", "sql-gateway", "sql-runner")) {
            assertThat(services.get(flink).get("image")).as(flink).isEqualTo(flinkImage);
        }
        for (Map.Entry<String, Map<String, Object>> service : services.entrySet()) {
            for (String dependency : ComposeFile.dependencies(service.getValue())) {
                assertThat(services).as("%s depends on", service.getKey()).containsKey(dependency);
            }
            for (String volume : ComposeFile.volumes(service.getValue())) {
                String source = volume.split(":")[0];
                if (source.startsWith(".")) {
                    assertThat(
                                    BUILT.contains(source)
                                            || Files.exists(
                                                    compose.file.getParent().resolve(source)))
                            .as("%s mounts %s", service.getKey(), source)
                            .isTrue();
                } else {
                    assertThat((Map<String, Object>) compose.root.get("volumes"))
                            .containsKey(source);
                }
            }
        }
        assertRunnerJobsResolve(services);
    }

    @SuppressWarnings("unchecked")
    @Test
    void postgresHasLogicalReplicationAndTheShopSchema() throws Exception {
        String name = "docker-compose.yml";
        Map<String, Object> postgres =
                ComposeFile.load(REPO.resolve("docker").resolve(name)).services().get("postgres");
        assertThat((List<String>) postgres.get("command")).contains("wal_level=logical");
        assertThat(ComposeFile.volumes(postgres))
                .anyMatch(
                        v ->
                                v.startsWith(
                                        "../sql-jobs/sql/postgres/shop.sql:"
                                                + "/docker-entrypoint-initdb.d/"));
    }

    @SuppressWarnings("unchecked")
    @Test
    void theNeonVariantHasNoPostgres() throws Exception {
        String name = "docker-compose.neon.yml";
        Map<String, Map<String, Object>> services =
                ComposeFile.load(REPO.resolve("docker").resolve(name)).services();
        assertThat(services).doesNotContainKey("postgres");
        assertThat((Map<String, Object>) services.get("sql-runner").get("environment"))
                .containsKeys("NEON_HOST", "NEON_USER", "NEON_PASSWORD", "NEON_DATABASE");
    }

    /**
     * The runner's --jar is mounted in the gateway, and its SQL files exist and fill every variable
     * from the runner's environment.
     */
    @SuppressWarnings("unchecked")
    private static void assertRunnerJobsResolve(Map<String, Map<String, Object>> services)
            throws Exception {
        List<String> command = (List<String>) services.get("sql-runner").get("command");
        String jar = command.get(command.indexOf("--jar") + 1);
        assertThat(ComposeFile.volumes(services.get("sql-gateway")))
                .anyMatch(v -> v.split(":")[1].equals(jar));
        Map<String, String> env = new HashMap<>();
        ((Map<String, Object>) services.get("sql-runner").get("environment"))
                .forEach((k, v) -> env.put(k, String.valueOf(v)));
        List<SqlStatement> statements = new ArrayList<>();
        for (String arg : command) {
            if (arg.endsWith(".sql")) {
                Path file = REPO.resolve("sql-jobs/sql").resolve(Path.of(arg).getFileName());
                statements.addAll(SqlScript.split(Files.readString(file), file.toString()));
            }
        }
        assertThat(statements).isNotEmpty();
        assertThat(new Variables(Map.of(), env).substitute(statements)).hasSameSizeAs(statements);
    }
}
