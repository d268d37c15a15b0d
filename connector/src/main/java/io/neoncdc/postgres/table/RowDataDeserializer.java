package io.neoncdc.postgres.table;

import io.neoncdc.postgres.config.ChangelogMode;
import io.neoncdc.postgres.config.NeonPostgresSourceConfig;
import io.neoncdc.postgres.event.ChangeEvent;
import io.neoncdc.postgres.event.ChangeEventDeserializer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.utils.JoinedRowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.types.RowKind;
import org.apache.flink.util.Collector;

/**
 * Change events → RowData of a SQL table or a DataStream: physical columns then the requested
 * metadata columns, with -U/+U for updates in {@code all} mode and +U only in {@code upsert} mode.
 * (A SQL table whose old rows come from Flink state uses {@link KeyedChanges} instead.)
 */
public final class RowDataDeserializer implements ChangeEventDeserializer<RowData> {
    private static final long serialVersionUID = 1L;

    private ChangelogMode mode;
    private final MetadataColumn[] metadata;
    private final TypeInformation<RowData> producedType;
    private final int[] keyFields;
    private final RowType requiredRowType;
    private final EmittedRows emitted;

    RowDataDeserializer(
            ChangelogMode mode,
            List<MetadataColumn> metadata,
            TypeInformation<RowData> producedType) {
        this(mode, metadata, producedType, new int[0]);
    }

    /**
     * @param keyFields the declared primary key's physical fields: in upsert mode an update that
     *     changes them also deletes the old key
     */
    RowDataDeserializer(
            ChangelogMode mode,
            List<MetadataColumn> metadata,
            TypeInformation<RowData> producedType,
            int[] keyFields) {
        this(mode, metadata, producedType, keyFields, null);
    }

    private RowDataDeserializer(
            ChangelogMode mode,
            List<MetadataColumn> metadata,
            TypeInformation<RowData> producedType,
            int[] keyFields,
            RowType requiredRowType) {
        this.keyFields = keyFields;
        this.requiredRowType = requiredRowType;
        this.mode = mode;
        this.metadata = metadata.toArray(new MetadataColumn[0]);
        this.producedType = producedType;
        this.emitted =
                producedType instanceof InternalTypeInfo
                        ? new EmittedRows(
                                this.metadata,
                                ((InternalTypeInfo<RowData>) producedType).toRowType())
                        : null;
    }

    /**
     * For the DataStream API: every captured table is read into the physical columns of {@code
     * physicalRowType} (matched by name, like a SQL table declaration), followed by the given
     * metadata columns ({@code topic}, {@code table_name}, {@code op_ts}, …); the row kinds follow
     * the source's {@code changelog-mode}.
     */
    public static RowDataDeserializer forRows(DataType physicalRowType, String... metadataKeys) {
        RowType physical = (RowType) physicalRowType.getLogicalType();
        List<MetadataColumn> columns = new ArrayList<>();
        List<RowType.RowField> fields = new ArrayList<>(physical.getFields());
        for (String key : metadataKeys) {
            MetadataColumn m = MetadataColumn.of(key);
            columns.add(m);
            fields.add(new RowType.RowField(key, m.type().getLogicalType()));
        }
        return new RowDataDeserializer(
                null, columns, InternalTypeInfo.of(new RowType(fields)), new int[0], physical);
    }

    @Override
    public void open(NeonPostgresSourceConfig config) {
        if (mode == null) {
            mode = config.changelogMode();
        }
    }

    @Override
    public RowType requiredRowType() {
        return requiredRowType;
    }

    @Override
    public void deserialize(ChangeEvent event, Collector<RowData> out) {
        switch (event.op()) {
            case READ:
            case INSERT:
                out.collect(row(RowKind.INSERT, event.after(), event));
                break;
            case UPDATE:
                if (mode == ChangelogMode.ALL) {
                    checkWholeOldRow(event);
                    out.collect(row(RowKind.UPDATE_BEFORE, event.before(), event));
                } else if (keyChanged(event.before(), event.after())) {
                    // An upsert stream is keyed: the row under the old key is gone.
                    out.collect(row(RowKind.DELETE, event.before(), event));
                }
                out.collect(row(RowKind.UPDATE_AFTER, event.after(), event));
                break;
            case DELETE:
                if (mode == ChangelogMode.ALL) {
                    checkWholeOldRow(event);
                }
                out.collect(row(RowKind.DELETE, event.before(), event));
                break;
            default:
                throw new IllegalStateException("Unknown op " + event.op());
        }
    }

    /** 'all' emits the old row as -U/-D: a key-only one would have NULL columns (review §8). */
    private static void checkWholeOldRow(ChangeEvent event) {
        if (OldRowMissing.lacksOldRow(event)) {
            throw OldRowMissing.failure(
                    event,
                    "'changelog-mode' = 'all' emits the old row as -U/-D, while this job keeps no"
                            + " rows in Flink state (every captured table had REPLICA IDENTITY"
                            + " FULL when the SQL job was planned, or it is a DataStream source)");
        }
    }

    private boolean keyChanged(RowData before, RowData after) {
        if (before == null || keyFields.length == 0) {
            return false;
        }
        GenericRowData b = (GenericRowData) before;
        GenericRowData a = (GenericRowData) after;
        for (int k : keyFields) {
            if (!Objects.deepEquals(b.getField(k), a.getField(k))) {
                return true;
            }
        }
        return false;
    }

    private RowData row(RowKind kind, RowData physical, ChangeEvent event) {
        if (emitted != null) {
            return emitted.row(kind, physical, event);
        }
        if (metadata.length == 0) {
            GenericRowData copy = copyOf(EmittedRows.generic(physical, event.table().rowType()));
            copy.setRowKind(kind);
            return copy;
        }
        GenericRowData meta = new GenericRowData(metadata.length);
        for (int i = 0; i < metadata.length; i++) {
            meta.setField(i, metadata[i].read(event));
        }
        return new JoinedRowData(kind, physical, meta);
    }

    /** Events share row objects (an update's -U and +U of a TOAST value): never mutate them. */
    private static GenericRowData copyOf(RowData row) {
        GenericRowData source = (GenericRowData) row;
        GenericRowData copy = new GenericRowData(source.getArity());
        for (int i = 0; i < source.getArity(); i++) {
            copy.setField(i, source.getField(i));
        }
        return copy;
    }

    @Override
    public TypeInformation<RowData> getProducedType() {
        return producedType;
    }
}
