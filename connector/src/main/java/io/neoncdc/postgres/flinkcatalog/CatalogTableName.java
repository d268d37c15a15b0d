package io.neoncdc.postgres.flinkcatalog;

import io.neoncdc.postgres.catalog.TableId;
import org.apache.flink.table.catalog.ObjectPath;

/**
 * A table name in the catalog: {@code schema.table}, or {@code schema.`table$meta`} for the same
 * table with every metadata column appended (a catalog table has no DDL to declare them in).
 */
final class CatalogTableName {
    static final String METADATA_SUFFIX = "$meta";

    private final TableId table;
    private final boolean withMetadata;

    private CatalogTableName(TableId table, boolean withMetadata) {
        this.table = table;
        this.withMetadata = withMetadata;
    }

    /** The exact table (a real table named {@code x$meta} wins over the variant of {@code x}). */
    static CatalogTableName exact(ObjectPath path) {
        return new CatalogTableName(
                new TableId(path.getDatabaseName(), path.getObjectName()), false);
    }

    /** The metadata variant {@code path} names, or null when its name has no suffix. */
    static CatalogTableName variant(ObjectPath path) {
        String name = path.getObjectName();
        if (!name.endsWith(METADATA_SUFFIX) || name.length() == METADATA_SUFFIX.length()) {
            return null;
        }
        String base = name.substring(0, name.length() - METADATA_SUFFIX.length());
        return new CatalogTableName(new TableId(path.getDatabaseName(), base), true);
    }

    /** The PostgreSQL table. */
    TableId table() {
        return table;
    }

    /** Whether the Flink table carries the metadata columns. */
    boolean withMetadata() {
        return withMetadata;
    }
}
