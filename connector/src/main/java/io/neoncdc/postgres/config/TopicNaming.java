package io.neoncdc.postgres.config;

import io.neoncdc.postgres.catalog.TableId;
import java.io.Serializable;
import org.apache.flink.annotation.Internal;

/**
 * Names a table's Kafka topic like Debezium ({@code <topic.prefix>.<schema>.<table>}), optionally
 * with the database in front of the schema ({@code <prefix>.<database>_<schema>.<table>}).
 *
 * <p>Without a prefix the name starts at the schema ({@code <schema>.<table>} or {@code
 * <database>_<schema>.<table>}). Characters Kafka does not allow in topic names (anything but
 * letters, digits, {@code .}, {@code _} and {@code -}) become {@code _}, as Debezium does.
 */
@Internal
public final class TopicNaming implements Serializable {
    private static final long serialVersionUID = 1L;

    /** No prefix, no database: {@code <schema>.<table>}. */
    public static final TopicNaming DEFAULT = new TopicNaming(null, false);

    private final String prefix;
    private final boolean prefixDatabase;

    public TopicNaming(String prefix, boolean prefixDatabase) {
        this.prefix = prefix == null || prefix.isEmpty() ? null : prefix;
        this.prefixDatabase = prefixDatabase;
    }

    /** {@code topic.prefix}, or null when not set. */
    public String prefix() {
        return prefix;
    }

    public boolean prefixDatabase() {
        return prefixDatabase;
    }

    /** The topic of a table of {@code database}. */
    public String topic(String database, TableId table) {
        StringBuilder sb = new StringBuilder();
        if (prefix != null) {
            sb.append(prefix).append('.');
        }
        if (prefixDatabase) {
            sb.append(database).append('_');
        }
        sb.append(table.schema()).append('.').append(table.table());
        return sanitize(sb);
    }

    /**
     * Debezium's logical server name ({@code source.name} of its events): the topic prefix, or the
     * database name when no prefix is set (Debezium requires a prefix; this is the fallback).
     */
    public String serverName(String database) {
        return prefix != null ? prefix : database;
    }

    private static String sanitize(StringBuilder name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok =
                    (c >= 'a' && c <= 'z')
                            || (c >= 'A' && c <= 'Z')
                            || (c >= '0' && c <= '9')
                            || c == '.'
                            || c == '_'
                            || c == '-';
            if (!ok) {
                name.setCharAt(i, '_');
            }
        }
        return name.toString();
    }

    @Override
    public String toString() {
        return (prefix == null ? "" : prefix + ".")
                + (prefixDatabase ? "<database>_" : "")
                + "<schema>.<table>";
    }
}
