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
import org.apache.flink.table.connector.source.abilities.SupportsProjectionPushDown;
import org.apache.flink.table.connector.source.abilities.SupportsReadingMetadata;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.RowType;

/**
 * The {@code neon-postgres-cdc} scan source of a SQL table: the source alone when the WAL carries
 * every old row it needs ({@link ChangelogPlan}), else the source followed by {@link
 * ChangelogMaterializer}. Reads only the columns a query uses (projection push-down: the chunks
 * COPY them, the stream converts them) and computes only the metadata columns it selects.
 */
public final class NeonPostgresTableSource
        implements ScanTableSource, SupportsReadingMetadata, SupportsProjectionPushDown {
    /** As declared: the plan is decided on it, whatever a query projects. */
    private final NeonPostgresSourceConfig config;

    private final boolean toastModeDeclared;
    private final AtomicReference<ChangelogPlan> plan;
    private DataType producedDataType;
    private List<MetadataColumn> metadata = new ArrayList<>();

    /** The declared physical columns the query reads (push-down), or null for all of them. */
    private RowType projected;

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
        RowType physical = physicalRowType();
        if (p.keepsState()) {
            RowType produced = (RowType) producedDataType.getLogicalType();
            // Keys are built from the rows the source reads: it reads the key columns too.
            RowType read = withKeyColumns(physical, p.keyColumns());
            KeyedChanges changes =
                    new KeyedChanges(metadata, produced, p.withoutState())
                            .readingFirst(physical.getFieldCount(), read.getFieldCount());
            NeonPostgresSourceConfig withState =
                    withToastMode(declaring(read).withOldRowsFromState(true), ToastMode.FILL);
            return new ChangelogStateScan(
                    NeonPostgresSource.<Tuple3<RowData, byte[], RowData>>builderFor(withState)
                            .deserializer(changes)
                            .build(),
                    produced,
                    physical.getFieldCount());
        }
        RowDataDeserializer deserializer =
                new RowDataDeserializer(
                        config.changelogMode(),
                        metadata,
                        context.<RowData>createTypeInformation(producedDataType),
                        keyFields(physical));
        // No state to fill unchanged TOASTed values from: the WAL's old rows carry them.
        NeonPostgresSourceConfig read = declaring(physical);
        NeonPostgresSourceConfig stateless =
                read.values().toastMode() == ToastMode.FILL
                        ? withToastMode(read, ToastMode.FAIL)
                        : read;
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

    /** The declared key's fields in the physical row read; keys not read are left out. */
    private int[] keyFields(RowType physical) {
        return config.declaredPrimaryKey().stream()
                .mapToInt(physical::getFieldIndex)
                .filter(i -> i >= 0)
                .toArray();
    }

    /** The physical columns the query reads. */
    private RowType physicalRowType() {
        return projected != null ? projected : config.declaredRowType();
    }

    /**
     * The columns read followed by the declared key columns it lacks; all declared columns when the
     * keys are unknown (the plan could not look the tables up).
     */
    private RowType withKeyColumns(RowType physical, java.util.Set<String> keys) {
        RowType declared = config.declaredRowType();
        if (physical.equals(declared)) {
            return declared;
        }
        if (keys == null) {
            List<RowType.RowField> fields = new ArrayList<>(physical.getFields());
            for (RowType.RowField f : declared.getFields()) {
                if (physical.getFieldIndex(f.getName()) < 0) {
                    fields.add(f);
                }
            }
            return new RowType(declared.isNullable(), fields);
        }
        List<RowType.RowField> fields = new ArrayList<>(physical.getFields());
        for (String key : keys) {
            int i = declared.getFieldIndex(key);
            if (i >= 0 && physical.getFieldIndex(key) < 0) {
                fields.add(declared.getFields().get(i));
            }
        }
        return new RowType(declared.isNullable(), fields);
    }

    /** The config whose chunks and stream read these declared columns. */
    private NeonPostgresSourceConfig declaring(RowType physical) {
        if (physical.equals(config.declaredRowType())) {
            return config;
        }
        return config.toBuilder().declaredSchema(physical, config.declaredPrimaryKey()).build();
    }

    @Override
    public boolean supportsNestedProjection() {
        return false;
    }

    /**
     * Reads only the projected physical columns. The plan is still decided on the declared columns,
     * and the declared primary key stays as declared (the replica identity checks); the planner
     * keeps an upsert source's key in the projection.
     */
    @Override
    public void applyProjection(int[][] projectedFields, DataType producedDataType) {
        RowType declared = config.declaredRowType();
        List<RowType.RowField> fields = new ArrayList<>();
        for (int[] path : projectedFields) {
            fields.add(declared.getFields().get(path[0]));
        }
        this.projected = new RowType(declared.isNullable(), fields);
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
        NeonPostgresTableSource copy =
                new NeonPostgresTableSource(config, producedDataType, toastModeDeclared, plan);
        copy.metadata = new ArrayList<>(metadata);
        copy.projected = projected;
        return copy;
    }

    @Override
    public String asSummaryString() {
        return "neon-postgres-cdc";
    }
}
