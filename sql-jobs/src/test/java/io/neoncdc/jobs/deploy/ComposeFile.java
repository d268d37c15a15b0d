package io.neoncdc.jobs.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * A docker-compose file parsed as plain YAML, with compose's {@code <<: *anchor} merges applied
 * (YAML 1.2 parsers leave them as a key named {@code <<}).
 */
final class ComposeFile {
    final Path file;
    final Map<String, Object> root;

    private ComposeFile(Path file, Map<String, Object> root) {
        this.file = file;
        this.root = root;
    }

    @SuppressWarnings("unchecked")
    static ComposeFile load(Path file) throws IOException {
        Object yaml =
                new Load(LoadSettings.builder().build())
                        .loadFromString(Files.readString(file, StandardCharsets.UTF_8));
        return new ComposeFile(file, (Map<String, Object>) yaml);
    }

    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> services() {
        Map<String, Map<String, Object>> services = new LinkedHashMap<>();
        ((Map<String, Object>) root.get("services"))
                .forEach((name, s) -> services.put(name, merged((Map<String, Object>) s)));
        return services;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> merged(Map<String, Object> service) {
        Map<String, Object> result = new LinkedHashMap<>();
        Object base = service.get("<<");
        if (base instanceof Map) {
            result.putAll((Map<String, Object>) base);
        }
        service.forEach(
                (k, v) -> {
                    if (!k.equals("<<")) {
                        result.put(k, v);
                    }
                });
        return result;
    }

    /** {@code volumes} entries as "source:target[:mode]" strings. */
    @SuppressWarnings("unchecked")
    static List<String> volumes(Map<String, Object> service) {
        Object volumes = service.get("volumes");
        return volumes == null ? List.of() : (List<String>) volumes;
    }

    /** {@code depends_on} as a list or a map of service names. */
    @SuppressWarnings("unchecked")
    static Iterable<String> dependencies(Map<String, Object> service) {
        Object deps = service.get("depends_on");
        if (deps == null) {
            return List.of();
        }
        return deps instanceof Map ? ((Map<String, Object>) deps).keySet() : (List<String>) deps;
    }
}
