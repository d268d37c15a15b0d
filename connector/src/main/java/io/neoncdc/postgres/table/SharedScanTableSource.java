package io.neoncdc.postgres.table;

import io.neoncdc.postgres.catalog.TableId;
import io.neoncdc.postgres.config.NeonPostgresSourceConfig;
import io.neoncdc.postgres.config.ToastMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.connector.source.ScanTableSource;
import org.apache.flink.table.connector.source.abilities.SupportsProjectionPushDown;
import org.apache.flink.table.connector.source.abilities.SupportsReadingMetadata;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.RowType;

/**
 * A {@code neon-postgres-cdc} scan served by the job's one shared source of its connection and slot
 * (catalog tables; CREATE TABLE tables with {@code 'slot.shared' = 'true'}): the same rows as
 * {@link NeonPostgresTableSource}, with projection push-down (only the columns the job reads are
 * converted).
 */
public final class SharedScanTableSource
        implements ScanTableSource, SupportsReadingMetadata, SupportsProjectionPushDown {
    private final NeonPostgresSourceConfig config;
    private final SharedSlotKey key;
    private final List<TableId> tables;
    private final List<String> primaryKey;
    private RowType physical;
    private DataType producedDataType;
    private List<MetadataColumn> metadata = new ArrayList<>();

    private SharedScanTableSource(
            NeonPostgresSourceConfig config,
            SharedSlotKey key,
            List<TableId> tables,
            List<String> primaryKey,
            DataType physicalDataType) {
        this.config = config;
        this.key = key;
        this.tables = tables;
        this.primaryKey = primaryKey;
        this.physical = (RowType) physicalDataType.getLogicalType();
        this.producedDataType = physicalDataType;
    }

    /**
     * A shared scan of the table(s) {@code config} names exactly.
     *
     * @param options the table's connector options (with hints): decide which scans share
     */
    static SharedScanTableSource of(
            NeonPostgresSourceConfig config,
            Map<String, String> options,
            DataType physicalDataType,
            List<String> primaryKey) {
        List<TableId> tables = config.captureList().exactNames();
        if (tables.isEmpty()) {
            throw new ValidationException(
                    "'slot.shared' = 'true' needs the exact names of the captured tables"
                            + " ('table-list', or 'schema-name' and 'table-name' without regular"
                            + " expressions): a shared source reads the tables its scans name.");
        }
        NeonPostgresDynamicTableFactory factory = new NeonPostgresDynamicTableFactory();
        Set<ConfigOption<?>> known = new HashSet<>(factory.requiredOptions());
        known.addAll(factory.optionalOptions());
        SharedSlotKey key = SharedSlotKey.of(options, known);
        return new SharedScanTableSource(config, key, tables, primaryKey, physicalDataType);
    }

    @Override
    public ChangelogMode getChangelogMode() {
        return config.changelogMode() == io.neoncdc.postgres.config.ChangelogMode.UPSERT
                ? ChangelogMode.upsert()
                : ChangelogMode.all();
    }

    @Override
    public ScanRuntimeProvider getScanRuntimeProvider(ScanContext context) {
        RowType produced = (RowType) producedDataType.getLogicalType();
        boolean fill = config.values().toastMode() == ToastMode.FILL;
        RowType emitted = fill ? FillingScanProvider.markedType(produced) : produced;
        int[] keyFields =
                primaryKey.stream().mapToInt(physical::getFieldIndex).filter(i -> i >= 0).toArray();
        RowDataDeserializer deserializer =
                new RowDataDeserializer(
                        config.changelogMode(),
                        metadata,
                        InternalTypeInfo.of(emitted),
                        fill,
                        keyFields);
        SharedScan scan = new SharedScan(tables, physical, primaryKey, deserializer, emitted, fill);
        return new SharedScanProvider(key, config, scan, produced);
    }

    @Override
    public boolean supportsNestedProjection() {
        return false;
    }

    @Override
    public void applyProjection(int[][] projectedFields, DataType producedDataType) {
        this.physical = (RowType) producedDataType.getLogicalType();
        this.producedDataType = producedDataType;
    }

    @Override
    public Map<String, DataType> listReadableMetadata() {
        Map<String, DataType> result = new LinkedHashMap<>();
        for (MetadataColumn m : MetadataColumn.values()) {
            result.put(m.key(), m.type());
        }
        return result;
    }

    @Override
    public void applyReadableMetadata(List<String> keys, DataType producedDataType) {
        List<MetadataColumn> columns = new ArrayList<>();
        keys.forEach(k -> columns.add(MetadataColumn.of(k)));
        this.metadata = columns;
        this.producedDataType = producedDataType;
    }

    @Override
    public DynamicTableSource copy() {
        SharedScanTableSource copy =
                new SharedScanTableSource(config, key, tables, primaryKey, producedDataType);
        copy.physical = physical;
        copy.metadata = new ArrayList<>(metadata);
        return copy;
    }

    @Override
    public String asSummaryString() {
        return "neon-postgres-cdc (shared slot)";
    }
}
