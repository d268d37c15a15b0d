package io.neoncdc.postgres.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.catalog.TableId;
import io.neoncdc.postgres.event.CapturedTableSchema;
import io.neoncdc.postgres.event.ChangeEvent;
import io.neoncdc.postgres.event.Op;
import io.neoncdc.postgres.event.UnchangedToast;
import java.util.List;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.logical.IntType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.VarCharType;
import org.apache.flink.types.RowKind;
import org.junit.jupiter.api.Test;

/** The hidden marker columns of {@code toast.unchanged-value = fill} and the fill key. */
class ToastMarkersTest {
    private static final RowType PHYSICAL =
            RowType.of(
                    new LogicalType[] {new IntType(), VarCharType.STRING_TYPE, new IntType()},
                    new String[] {"id", "big", "n"});

    private static ChangeEvent update(GenericRowData after) {
        CapturedTableSchema schema =
                new CapturedTableSchema("db", new TableId("public", "t"), PHYSICAL, List.of("id"));
        return new ChangeEvent(Op.UPDATE, schema, null, after, 1, 2, 3);
    }

    @Test
    void unchangedValuesBecomeNullPlusAMarkerBit() {
        GenericRowData after = GenericRowData.of(7, UnchangedToast.VALUE, 1);
        RowData row =
                ToastMarkers.rowWithMarkers(
                        RowKind.UPDATE_AFTER, after, new MetadataColumn[0], update(after));
        assertThat(row.getArity()).isEqualTo(5);
        assertThat(row.getRowKind()).isEqualTo(RowKind.UPDATE_AFTER);
        assertThat(row.isNullAt(1)).isTrue();
        assertThat(row.getString(3).toString()).isEqualTo("\"public\".\"t\"");
        byte[] mask = row.getBinary(4);
        assertThat(ToastMarkers.isMarked(mask, 1)).isTrue();
        assertThat(ToastMarkers.isMarked(mask, 0)).isFalse();
        assertThat(ToastMarkers.isMarked(mask, 2)).isFalse();
        assertThat(ToastMarkers.isMarked(mask, 64)).isFalse();
        assertThat(after.getField(1))
                .as("the event's row is not changed")
                .isSameAs(UnchangedToast.VALUE);
    }

    @Test
    void rowsWithoutUnchangedValuesCarryNoMask() {
        GenericRowData after = GenericRowData.of(7, StringData.fromString("x"), 1);
        RowData row =
                ToastMarkers.rowWithMarkers(
                        RowKind.INSERT,
                        after,
                        new MetadataColumn[] {MetadataColumn.OP},
                        update(after));
        assertThat(row.getArity()).isEqualTo(6);
        assertThat(row.getString(3).toString()).isEqualTo("u");
        assertThat(row.isNullAt(5)).isTrue();
        assertThat(ToastMarkers.withMarkerColumns(PHYSICAL).getFieldNames())
                .containsExactly(
                        "id", "big", "n", ToastMarkers.TABLE_COLUMN, ToastMarkers.MASK_COLUMN);
    }

    @Test
    void keyIsTablePlusPrimaryKeyWithoutCollisions() {
        ToastFillKey key =
                new ToastFillKey(
                        2,
                        new int[] {0, 1},
                        new LogicalType[] {VarCharType.STRING_TYPE, VarCharType.STRING_TYPE});
        String ab =
                key.getKey(
                        GenericRowData.of(
                                StringData.fromString("a|"),
                                StringData.fromString("b"),
                                StringData.fromString("t")));
        String a_b =
                key.getKey(
                        GenericRowData.of(
                                StringData.fromString("a"),
                                StringData.fromString("|b"),
                                StringData.fromString("t")));
        String nul =
                key.getKey(
                        GenericRowData.of(
                                null, StringData.fromString("b"), StringData.fromString("t")));
        String otherTable =
                key.getKey(
                        GenericRowData.of(
                                StringData.fromString("a|"),
                                StringData.fromString("b"),
                                StringData.fromString("u")));
        assertThat(List.of(ab, a_b, nul, otherTable)).doesNotHaveDuplicates();
        assertThat(
                        key.getKey(
                                GenericRowData.of(
                                        StringData.fromString("a|"),
                                        StringData.fromString("b"),
                                        StringData.fromString("t"))))
                .isEqualTo(ab);
    }
}
