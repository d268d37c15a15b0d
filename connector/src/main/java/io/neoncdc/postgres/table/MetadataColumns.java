package io.neoncdc.postgres.table;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.table.types.DataType;

/** The metadata keys a neon-postgres-cdc table can read, with their types, in declaration order. */
public final class MetadataColumns {
    private MetadataColumns() {}

    /** Key → type of every readable metadata column ({@code METADATA FROM '…' VIRTUAL}). */
    public static Map<String, DataType> readable() {
        Map<String, DataType> result = new LinkedHashMap<>();
        for (MetadataColumn m : MetadataColumn.values()) {
            result.put(m.key(), m.type());
        }
        return result;
    }
}
