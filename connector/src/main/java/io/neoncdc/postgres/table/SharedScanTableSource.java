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
import java.util.concurrent.atomic.AtomicReference;
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
    private final boolean toastModeDeclared;
    private final AtomicReference<ChangelogPlan> plan;
    private RowType physical;
    private DataType producedDataType;
    private List<MetadataColumn> metadata = new ArrayList<>();

    private SharedScanTableSource(
            NeonPostgresSourceConfig config,
            SharedSlotKey key,
            List<TableId> tables,
            List<String> primaryKey,
            DataType physicalDataType,
            boolean toastModeDeclared,
            AtomicReference<ChangelogPlan> plan) {
        this.toastModeDeclared = toastModeDeclared;
        this.plan = plan;
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
     * @param toastModeDeclared whether {@code toast.unchanged-value} was set (else: fill where
     *     state holds old rows)
     */
    static SharedScanTableSource of(
            NeonPostgresSourceConfig config,
            Map<String, String> options,
            DataType physicalDataType,
            List<String> primaryKey,
            boolean toastModeDeclared) {
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
        return new SharedScanTableSource(
                config,
                key,
                tables,
                primaryKey,
                physicalDataType,
                toastModeDeclared,
                new AtomicReference<>());
    }

    /** The plan, looked up once per planning (copies of this source share it). */
    private ChangelogPlan plan() {
        ChangelogPlan p = plan.get();
        if (p == null) {
            p = ChangelogPlan.lookUp(config);
            plan.set(p);
        }
        return p;
    }

    @Override
    public ChangelogMode getChangelogMode() {
        // As NeonPostgresTableSource: whole old rows from the WAL or from the keyed state.
        if (config.changelogMode() == io.neoncdc.postgres.config.ChangelogMode.UPSERT
                && !plan().keepsState()) {
            return ChangelogMode.upsert();
        }
        return ChangelogMode.all();
    }

    @Override
    public ScanRuntimeProvider getScanRuntimeProvider(ScanContext context) {
        RowType produced = (RowType) producedDataType.getLogicalType();
        ChangelogPlan p = plan();
        SharedScan scan;
        if (p.keepsState()) {
            KeyedChangeRows rows =
                    new KeyedChangeRows(
                            new KeyedChanges(metadata, produced, p.withoutState()), produced);
            boolean fillToast = !toastModeDeclared || config.values().toastMode() == ToastMode.FILL;
            scan =
                    new SharedScan(
                            tables,
                            physical,
                            primaryKey,
                            rows,
                            KeyedChangeRows.rowType(produced),
                            true,
                            fillToast);
        } else {
            int[] keyFields =
                    primaryKey.stream()
                            .mapToInt(physical::getFieldIndex)
                            .filter(i -> i >= 0)
                            .toArray();
            RowDataDeserializer deserializer =
                    new RowDataDeserializer(
                            config.changelogMode(),
                            metadata,
                            InternalTypeInfo.of(produced),
                            keyFields);
            scan =
                    new SharedScan(
                            tables, physical, primaryKey, deserializer, produced, false, false);
        }
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
                new SharedScanTableSource(
                        config, key, tables, primaryKey, producedDataType, toastModeDeclared, plan);
        copy.physical = physical;
        copy.metadata = new ArrayList<>(metadata);
        return copy;
    }

    @Override
    public String asSummaryString() {
        return "neon-postgres-cdc (shared slot)";
    }
}
