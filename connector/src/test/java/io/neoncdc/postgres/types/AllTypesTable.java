package io.neoncdc.postgres.types;

import java.util.List;
import java.util.stream.Collectors;

/** SQL of a table holding the given type columns (after an {@code id int} key). */
final class AllTypesTable {
    final String name;
    final List<TypeColumn> columns;

    AllTypesTable(String name, List<TypeColumn> columns) {
        this.name = name;
        this.columns = columns;
    }

    /** PostgreSQL's CREATE TABLE. */
    String create() {
        return "CREATE TABLE "
                + name
                + " (id int PRIMARY KEY, "
                + columns.stream().map(c -> c.name + " " + c.pgType).collect(joining())
                + ")";
    }

    /** Flink's column list, each column declared with {@code type} or its own Flink type. */
    String flinkColumns(String type) {
        return "id INT, "
                + columns.stream()
                        .map(c -> c.name + " " + (type == null ? c.flinkType : type))
                        .collect(joining());
    }

    /** Inserts the sample row under this id. */
    String insertSamples(int id) {
        return "INSERT INTO "
                + name
                + " VALUES ("
                + id
                + ", "
                + columns.stream().map(c -> c.literal).collect(joining())
                + ")";
    }

    /** Inserts a row that is NULL in every column that may be NULL. */
    String insertNulls(int id) {
        return "INSERT INTO "
                + name
                + " VALUES ("
                + id
                + ", "
                + columns.stream().map(c -> c.notNull ? c.literal : "NULL").collect(joining())
                + ")";
    }

    /** The expected rendering of the sample row's columns. */
    List<String> expectedSamples() {
        return columns.stream().map(c -> c.name + "=" + c.expected).collect(Collectors.toList());
    }

    /** The expected rendering of the NULL row's columns. */
    List<String> expectedNulls() {
        return columns.stream()
                .map(c -> c.name + "=" + (c.notNull ? c.expected : "null"))
                .collect(Collectors.toList());
    }

    private static java.util.stream.Collector<CharSequence, ?, String> joining() {
        return Collectors.joining(", ");
    }
}
