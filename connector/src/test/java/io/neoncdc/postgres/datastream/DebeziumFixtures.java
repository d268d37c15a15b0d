package io.neoncdc.postgres.datastream;

import io.neoncdc.postgres.catalog.PgType;
import io.neoncdc.postgres.catalog.TableId;
import io.neoncdc.postgres.config.TopicNaming;
import io.neoncdc.postgres.event.CapturedTableSchema;
import io.neoncdc.postgres.event.ChangeEvent;
import io.neoncdc.postgres.event.Op;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.GenericArrayData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.logical.ArrayType;
import org.apache.flink.table.types.logical.BigIntType;
import org.apache.flink.table.types.logical.BooleanType;
import org.apache.flink.table.types.logical.DateType;
import org.apache.flink.table.types.logical.DecimalType;
import org.apache.flink.table.types.logical.IntType;
import org.apache.flink.table.types.logical.LocalZonedTimestampType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.TimeType;
import org.apache.flink.table.types.logical.TimestampType;
import org.apache.flink.table.types.logical.VarBinaryType;
import org.apache.flink.table.types.logical.VarCharType;

/**
 * A table with one column of each common type, as the connector describes it without a declared
 * schema, and change events of one of its rows (the values the ITs write too).
 */
final class DebeziumFixtures {
    static final String[] NAMES = {
        "id", "big", "amount", "ratio", "note", "flag", "ts", "tstz", "day", "data", "uid", "doc",
        "tags", "t"
    };

    /** The PostgreSQL column definitions, in {@link #NAMES} order. */
    static final String DDL =
            "id int PRIMARY KEY, big bigint, amount numeric(10,2), ratio numeric, note text,"
                    + " flag boolean, ts timestamp, tstz timestamptz, day date, data bytea,"
                    + " uid uuid, doc jsonb, tags text[], t time";

    /** The row's values as PostgreSQL literals. */
    static final String VALUES =
            "1, 9007199254740993, 1234.50, 0.125, 'h\u00e9llo \"q\"', true,"
                    + " '2024-01-02 03:04:05.123456', '2024-01-02 03:04:05.123456+00',"
                    + " '2024-01-02', '\\x0102ff', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',"
                    + " '{\"a\": 1}', ARRAY['x', 'y', NULL], '03:04:05.123'";

    static final String DATABASE = "shop";
    static final TableId TABLE = new TableId("public", "everything");

    private DebeziumFixtures() {}

    static CapturedTableSchema schema(TopicNaming naming) {
        LogicalType[] types = {
            new IntType(false),
            new BigIntType(),
            new DecimalType(10, 2),
            new DecimalType(38, 18),
            new VarCharType(VarCharType.MAX_LENGTH),
            new BooleanType(),
            new TimestampType(6),
            new LocalZonedTimestampType(6),
            new DateType(),
            new VarBinaryType(VarBinaryType.MAX_LENGTH),
            new VarCharType(VarCharType.MAX_LENGTH),
            new VarCharType(VarCharType.MAX_LENGTH),
            new ArrayType(new VarCharType(VarCharType.MAX_LENGTH)),
            new TimeType(6)
        };
        PgType text = PgType.builtin(25, "text", -1);
        List<PgType> pg =
                List.of(
                        PgType.builtin(23, "int4", -1),
                        PgType.builtin(20, "int8", -1),
                        PgType.builtin(1700, "numeric", ((10 << 16) | 2) + 4),
                        PgType.builtin(1700, "numeric", -1),
                        text,
                        PgType.builtin(16, "bool", -1),
                        PgType.builtin(1114, "timestamp", -1),
                        PgType.builtin(1184, "timestamptz", -1),
                        PgType.builtin(1082, "date", -1),
                        PgType.builtin(17, "bytea", -1),
                        PgType.builtin(2950, "uuid", -1),
                        PgType.builtin(3802, "jsonb", -1),
                        new PgType(1009, "pg_catalog", "_text", -1, 'b', 'A', text, null),
                        PgType.builtin(1083, "time", -1));
        return new CapturedTableSchema(
                DATABASE, TABLE, RowType.of(types, NAMES), List.of("id"), pg, naming);
    }

    /** The row; {@code note} and {@code amount} vary to tell before and after apart. */
    static GenericRowData row(String note, String amount) {
        return GenericRowData.of(
                1,
                9007199254740993L,
                DecimalData.fromBigDecimal(new BigDecimal(amount), 10, 2),
                DecimalData.fromBigDecimal(new BigDecimal("0.125"), 38, 18),
                StringData.fromString(note),
                true,
                TimestampData.fromLocalDateTime(LocalDateTime.parse("2024-01-02T03:04:05.123456")),
                TimestampData.fromInstant(Instant.parse("2024-01-02T03:04:05.123456Z")),
                19724,
                new byte[] {1, 2, (byte) 0xff},
                StringData.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"),
                StringData.fromString("{\"a\": 1}"),
                new GenericArrayData(
                        new Object[] {
                            StringData.fromString("x"), StringData.fromString("y"), null
                        }),
                11_045_123);
    }

    /** A streamed change committed at 2024-05-06T07:08:09.654321Z in transaction 771. */
    static ChangeEvent change(Op op, GenericRowData before, GenericRowData after) {
        return new ChangeEvent(
                        op,
                        schema(new TopicNaming("shopserver", false)),
                        before,
                        after,
                        24_023_200L,
                        1_714_979_289_654_321L,
                        771)
                .at(24_023_128L, 24_023_000L);
    }
}
