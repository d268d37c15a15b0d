package io.neoncdc.postgres.table;

import io.neoncdc.postgres.NeonPostgresSource;
import io.neoncdc.postgres.config.NeonPostgresSourceConfig;
import io.neoncdc.postgres.config.ToastMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.connector.source.ScanTableSource;
import org.apache.flink.table.connector.source.SourceProvider;
import org.apache.flink.table.connector.source.abilities.SupportsReadingMetadata;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.RowType;

/**
 * The {@code neon-postgres-cdc} scan source of a SQL table: the source alone when the WAL carries
 * every old row it needs ({@link ChangelogPlan}), else the source followed by {@link
 * ChangelogMaterializer}.
 */
public final class NeonPostgresTableSource implements ScanTableSource, SupportsReadingMetadata {
    private final NeonPostgresSourceConfig config;
    private final boolean toastModeDeclared;
    private final AtomicReference<ChangelogPlan> plan;
    private DataType producedDataType;
    private List<MetadataColumn> metadata = new ArrayList<>();

    /**
     * @param toastModeDeclared whether {@code toast.unchanged-value} was set (else: fill where
     *     state holds old rows, fail elsewhere)
     */
    NeonPostgresTableSource(
            NeonPostgresSourceConfig config, DataType physicalDataType, boolean toastModeDeclared) {
        this(config, physicalDataType, toastModeDeclared, new AtomicReference<>());
    }

    private NeonPostgresTableSource(
            NeonPostgresSourceConfig config,
            DataType physicalDataType,
            boolean toastModeDeclared,
            AtomicReference<ChangelogPlan> plan) {
        this.config = config;
        this.producedDataType = physicalDataType;
        this.toastModeDeclared = toastModeDeclared;
        this.plan = plan;
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
        if (config.changelogMode() == io.neoncdc.postgres.config.ChangelogMode.UPSERT
                && !plan().keepsState()) {
            // The planner materializes before-images (ChangelogNormalize) where they are needed.
            return ChangelogMode.upsert();
        }
        // Whole old rows: from the WAL (REPLICA IDENTITY FULL) or from the materializer's state.
        return ChangelogMode.all();
    }

    @Override
    public ScanRuntimeProvider getScanRuntimeProvider(ScanContext context) {
        ChangelogPlan p = plan();
        if (p.keepsState()) {
            RowType produced = (RowType) producedDataType.getLogicalType();
            KeyedChanges changes = new KeyedChanges(metadata, produced, p.withoutState());
            NeonPostgresSourceConfig withState =
                    withToastMode(config.withOldRowsFromState(true), ToastMode.FILL);
            return new ChangelogStateScan(
                    NeonPostgresSource.<Tuple3<RowData, byte[], RowData>>builderFor(withState)
                            .deserializer(changes)
                            .build(),
                    produced,
                    config.declaredRowType().getFieldCount());
        }
        RowDataDeserializer deserializer =
                new RowDataDeserializer(
                        config.changelogMode(),
                        metadata,
                        context.<RowData>createTypeInformation(producedDataType),
                        keyFields());
        // No state to fill unchanged TOASTed values from: the WAL's old rows carry them.
        NeonPostgresSourceConfig stateless =
                config.values().toastMode() == ToastMode.FILL
                        ? withToastMode(config, ToastMode.FAIL)
                        : config;
        return SourceProvider.of(
                NeonPostgresSource.<RowData>builderFor(stateless)
                        .deserializer(deserializer)
                        .build());
    }

    /** The config with this TOAST mode unless the table declared one (kept where it works). */
    private NeonPostgresSourceConfig withToastMode(NeonPostgresSourceConfig c, ToastMode mode) {
        if (toastModeDeclared
                && (mode == ToastMode.FILL || c.values().toastMode() != ToastMode.FILL)) {
            return c;
        }
        return c.toBuilder().values(c.values().withToastMode(mode)).build();
    }

    private int[] keyFields() {
        RowType physical = config.declaredRowType();
        return config.declaredPrimaryKey().stream().mapToInt(physical::getFieldIndex).toArray();
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
        NeonPostgresTableSource copy =
                new NeonPostgresTableSource(config, producedDataType, toastModeDeclared, plan);
        copy.metadata = new ArrayList<>(metadata);
        return copy;
    }

    @Override
    public String asSummaryString() {
        return "neon-postgres-cdc";
    }
}
