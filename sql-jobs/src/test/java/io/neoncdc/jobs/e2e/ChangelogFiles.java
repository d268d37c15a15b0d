package io.neoncdc.jobs.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.DeserializationFeature;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * The part files a filesystem sink with {@code 'format' = 'debezium-json'} has committed, read as
 * records ({@code {"before":…,"after":…,"op":"c"|"d"}}) and materialized by key.
 */
final class ChangelogFiles {
    /** Decimals as written (no rounding through double). */
    private static final ObjectMapper JSON =
            new ObjectMapper()
                    .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                    .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    private ChangelogFiles() {}

    /**
     * The records of the committed files (in-progress ones start with a dot), each subtask's files
     * in the order it wrote them: {@code part-<uuid>-<subtask>-<counter>}.
     */
    static List<JsonNode> records(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> committed =
                    files.filter(f -> !f.getFileName().toString().startsWith("."))
                            .sorted(
                                    Comparator.comparingLong(ChangelogFiles::subtask)
                                            .thenComparingLong(ChangelogFiles::counter))
                            .collect(Collectors.toList());
            List<JsonNode> records = new ArrayList<>();
            for (Path file : committed) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        records.add(JSON.readTree(line));
                    }
                }
            }
            return records;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Applies the records in order: "c" puts {@code after} by key, "d" removes {@code before}. */
    static Map<String, String> materialize(List<JsonNode> records, String key, String... columns) {
        Map<String, String> table = new TreeMap<>();
        for (JsonNode record : records) {
            if ("d".equals(record.path("op").asText())) {
                table.remove(record.path("before").path(key).asText());
            } else {
                JsonNode after = record.path("after");
                table.put(after.path(key).asText(), values(after, columns));
            }
        }
        return table;
    }

    /**
     * The named fields' text forms joined by ", ", numbers without trailing zeros ("120.5" for
     * 120.50): Flink 1.20's JSON formats (Jackson 2.14) strip them when they write a decimal, 2.x
     * keeps the scale, so the files are compared by value with PostgreSQL's {@code trim_scale}.
     */
    static String values(JsonNode row, String... columns) {
        List<String> values = new ArrayList<>();
        for (String column : columns) {
            JsonNode value = row.path(column);
            values.add(
                    value.isNumber()
                            ? value.decimalValue().stripTrailingZeros().toPlainString()
                            : value.asText());
        }
        return String.join(", ", values);
    }

    private static long subtask(Path file) {
        return part(file, 2);
    }

    private static long counter(Path file) {
        return part(file, 1);
    }

    /** The n-th dash-separated field from the end of the file name, as a number. */
    private static long part(Path file, int fromEnd) {
        String[] parts = file.getFileName().toString().split("-");
        try {
            return Long.parseLong(parts[parts.length - fromEnd]);
        } catch (RuntimeException e) {
            return Long.MAX_VALUE;
        }
    }
}
