package io.neoncdc.postgres.table;

import io.neoncdc.postgres.event.CapturedTableSchema;
import io.neoncdc.postgres.event.ChangeEvent;
import io.neoncdc.postgres.event.Op;
import java.io.Serializable;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.binary.BinaryRowData;
import org.apache.flink.table.data.utils.JoinedRowData;
import org.apache.flink.table.data.utils.ProjectedRowData;
import org.apache.flink.table.runtime.typeutils.RowDataSerializer;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.types.RowKind;

/**
 * The rows a {@link RowDataDeserializer} emits, as {@link BinaryRowData} of the produced type:
 * without object reuse every chained operator copies its input, and a binary row is copied (and
 * serialized) as one array, a {@code GenericRowData} field by field. A snapshot row without
 * metadata columns is already such a row and is emitted as read; other rows are converted once.
 * Only the requested metadata columns are computed, and per-table ones once per table.
 */
final class EmittedRows implements Serializable {
    private static final long serialVersionUID = 1L;

    private final MetadataColumn[] metadata;
    private final RowType producedType;
    private transient RowDataSerializer serializer;
    private transient CapturedTableSchema lastTable;
    private transient Object[] tableValues;
    private transient Map<Op, StringData> opCodes;

    EmittedRows(MetadataColumn[] metadata, RowType producedType) {
        this.metadata = metadata;
        this.producedType = producedType;
    }

    /** The row to emit: the physical columns with {@code kind}, then the metadata columns. */
    RowData row(RowKind kind, RowData physical, ChangeEvent event) {
        return row(kind, physical, event, null);
    }

    /**
     * The same for the physical columns at {@code positions} of {@code physical} (null: all of
     * them, in order).
     */
    RowData row(RowKind kind, RowData physical, ChangeEvent event, int[] positions) {
        if (positions != null) {
            physical = ProjectedRowData.from(positions).replaceRow(physical);
        }
        if (metadata.length == 0 && physical instanceof BinaryRowData) {
            if (physical.getRowKind() == kind) {
                return physical; // read by the snapshot as a binary row; never changed after
            }
            BinaryRowData copy = ((BinaryRowData) physical).copy();
            copy.setRowKind(kind);
            return copy;
        }
        RowData whole =
                metadata.length == 0 ? physical : new JoinedRowData(kind, physical, meta(event));
        BinaryRowData binary = serializer().toBinaryRow(whole).copy();
        binary.setRowKind(kind);
        return binary;
    }

    /** The requested metadata columns of the event. */
    GenericRowData meta(ChangeEvent event) {
        if (event.table() != lastTable) {
            lastTable = event.table();
            tableValues = new Object[metadata.length];
            for (int i = 0; i < metadata.length; i++) {
                if (metadata[i].perTable()) {
                    tableValues[i] = metadata[i].read(event);
                }
            }
        }
        GenericRowData meta = new GenericRowData(metadata.length);
        for (int i = 0; i < metadata.length; i++) {
            MetadataColumn m = metadata[i];
            if (m.perTable()) {
                meta.setField(i, tableValues[i]);
            } else if (m == MetadataColumn.OP) {
                meta.setField(i, opCode(event.op()));
            } else {
                meta.setField(i, m.read(event));
            }
        }
        return meta;
    }

    /** The physical row as a GenericRowData (the TOAST fill markers work on its fields). */
    static GenericRowData generic(RowData physical, RowType type) {
        if (physical instanceof GenericRowData) {
            return (GenericRowData) physical;
        }
        GenericRowData row = new GenericRowData(physical.getRowKind(), type.getFieldCount());
        for (int i = 0; i < type.getFieldCount(); i++) {
            row.setField(
                    i, RowData.createFieldGetter(type.getTypeAt(i), i).getFieldOrNull(physical));
        }
        return row;
    }

    private StringData opCode(Op op) {
        if (opCodes == null) {
            opCodes = new EnumMap<>(Op.class);
        }
        return opCodes.computeIfAbsent(op, o -> StringData.fromString(o.code()));
    }

    private RowDataSerializer serializer() {
        if (serializer == null) {
            serializer = new RowDataSerializer(producedType);
        }
        return serializer;
    }
}
