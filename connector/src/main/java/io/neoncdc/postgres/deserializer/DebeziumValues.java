package io.neoncdc.postgres.deserializer;

import io.neoncdc.postgres.catalog.PgType;
import io.neoncdc.postgres.config.DecimalHandlingMode;
import java.io.IOException;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Base64;
import java.util.IdentityHashMap;
import java.util.List;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.core.JsonGenerator;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.core.io.SerializedString;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.MapData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.logical.ArrayType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.MapType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.utils.LogicalTypeChecks;

/**
 * Writes column values as Debezium's PostgreSQL connector does with the JSON converter ({@code
 * schemas.enable=false}), {@code time.precision.mode=adaptive}, {@code binary.handling.mode=bytes},
 * {@code hstore.handling.mode=json} and the configured {@code decimal.handling.mode}.
 */
final class DebeziumValues implements Serializable {
    private static final long serialVersionUID = 1L;

    private final DecimalHandlingMode decimalMode;
    private transient IdentityHashMap<RowType, Columns> columns;

    DebeziumValues(DecimalHandlingMode decimalMode) {
        this.decimalMode = decimalMode;
    }

    /** Writes {@code internal} (Flink's internal form of a {@code type} value) as JSON. */
    void write(JsonGenerator g, Object internal, LogicalType type, PgType pg) throws IOException {
        if (internal == null) {
            g.writeNull();
            return;
        }
        switch (type.getTypeRoot()) {
            case BOOLEAN:
                g.writeBoolean((Boolean) internal);
                break;
            case TINYINT:
                g.writeNumber((Byte) internal);
                break;
            case SMALLINT:
                g.writeNumber((Short) internal);
                break;
            case INTEGER:
            case DATE: // io.debezium.time.Date: days since the epoch
                g.writeNumber((Integer) internal);
                break;
            case BIGINT: // also interval as io.debezium.time.MicroDuration
                g.writeNumber((Long) internal);
                break;
            case FLOAT:
                g.writeNumber((Float) internal); // NaN and ±Infinity as strings, like Jackson
                break;
            case DOUBLE:
                g.writeNumber((Double) internal);
                break;
            case DECIMAL:
                decimal(g, ((DecimalData) internal).toBigDecimal(), pg);
                break;
            case CHAR:
            case VARCHAR:
                text(g, (StringData) internal, pg);
                break;
            case BINARY:
            case VARBINARY:
                g.writeString(Base64.getEncoder().encodeToString((byte[]) internal));
                break;
            case TIME_WITHOUT_TIME_ZONE:
                // adaptive: TIME(0-3) is io.debezium.time.Time (ms), TIME(4-6) MicroTime (µs).
                int millis = (Integer) internal;
                if (LogicalTypeChecks.getPrecision(type) <= 3) {
                    g.writeNumber(millis);
                } else {
                    g.writeNumber(millis * 1000L);
                }
                break;
            case TIMESTAMP_WITHOUT_TIME_ZONE:
                // adaptive: TIMESTAMP(0-3) is io.debezium.time.Timestamp (ms), else MicroTimestamp.
                TimestampData ts = (TimestampData) internal;
                if (LogicalTypeChecks.getPrecision(type) <= 3) {
                    g.writeNumber(ts.getMillisecond());
                } else {
                    g.writeNumber(ts.getMillisecond() * 1000 + ts.getNanoOfMillisecond() / 1000);
                }
                break;
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
                g.writeString(zonedTimestamp((TimestampData) internal, type));
                break;
            case ARRAY:
                array(g, (ArrayData) internal, ((ArrayType) type).getElementType(), pg);
                break;
            case MAP:
                g.writeString(mapAsJson((MapData) internal, (MapType) type));
                break;
            case ROW:
                row(g, (RowData) internal, (RowType) type, null);
                break;
            default:
                g.writeString(internal.toString());
        }
    }

    /** Writes a row as an object of its columns; {@code pgTypes} may be null. */
    void row(JsonGenerator g, RowData row, RowType type, List<PgType> pgTypes) throws IOException {
        if (row == null) {
            g.writeNull();
            return;
        }
        Columns c = columns(type, pgTypes);
        g.writeStartObject();
        for (int i = 0; i < c.names.length; i++) {
            g.writeFieldName(c.names[i]);
            write(g, c.getters[i].getFieldOrNull(row), c.types[i], c.pgTypes[i]);
        }
        g.writeEndObject();
    }

    /** Column names, getters and types of a row type, worked out once per row type. */
    private Columns columns(RowType type, List<PgType> pgTypes) {
        if (columns == null) {
            columns = new IdentityHashMap<>();
        }
        Columns c = columns.get(type);
        if (c == null) {
            c = new Columns(type, pgTypes);
            columns.put(type, c);
        }
        return c;
    }

    /** What writing the columns of one row type needs, per column. */
    private static final class Columns {
        final SerializedString[] names;
        final RowData.FieldGetter[] getters;
        final LogicalType[] types;
        final PgType[] pgTypes;

        Columns(RowType type, List<PgType> pg) {
            int n = type.getFieldCount();
            names = new SerializedString[n];
            getters = new RowData.FieldGetter[n];
            types = new LogicalType[n];
            pgTypes = new PgType[n];
            for (int i = 0; i < n; i++) {
                names[i] = new SerializedString(type.getFieldNames().get(i));
                types[i] = type.getTypeAt(i);
                getters[i] = RowData.createFieldGetter(types[i], i);
                pgTypes[i] = pg == null || pg.size() <= i ? null : pg.get(i);
            }
        }
    }

    private void decimal(JsonGenerator g, BigDecimal value, PgType pg) throws IOException {
        boolean variableScale = isUnconstrainedNumeric(pg);
        if (variableScale) {
            // Flink holds unconstrained numeric at a fixed scale; trailing zeros are not data.
            value = value.stripTrailingZeros();
            if (value.scale() < 0) {
                value = value.setScale(0);
            }
        }
        switch (decimalMode) {
            case DOUBLE:
                g.writeNumber(value.doubleValue());
                break;
            case STRING:
                g.writeString(value.toPlainString());
                break;
            default:
                String unscaled =
                        Base64.getEncoder().encodeToString(value.unscaledValue().toByteArray());
                if (variableScale) {
                    // io.debezium.data.VariableScaleDecimal
                    g.writeStartObject();
                    g.writeNumberField("scale", value.scale());
                    g.writeStringField("value", unscaled);
                    g.writeEndObject();
                } else {
                    g.writeString(unscaled); // org.apache.kafka.connect.data.Decimal
                }
        }
    }

    private void text(JsonGenerator g, StringData value, PgType pg) throws IOException {
        String name = pg == null ? "" : pg.resolveDomain().name();
        if (!name.equals("numeric") && !name.equals("money") && !name.equals("timetz")) {
            // The UTF-8 bytes as they are (Jackson escapes them): no String in between.
            byte[] utf8 = value.toBytes();
            g.writeUTF8String(utf8, 0, utf8.length);
            return;
        }
        String text = value.toString();
        if (name.equals("numeric") || name.equals("money")) {
            // numeric declared STRING (beyond 38 digits, NaN, ±Infinity).
            try {
                decimal(g, new BigDecimal(text), pg);
            } catch (NumberFormatException e) {
                if (decimalMode == DecimalHandlingMode.PRECISE) {
                    g.writeNull(); // Debezium cannot encode NaN/Infinity precisely
                } else {
                    g.writeString(text);
                }
            }
        } else if (name.equals("timetz")) {
            try {
                g.writeString(zonedTime(text));
            } catch (java.time.DateTimeException | IndexOutOfBoundsException e) {
                g.writeString(text); // 24:00:00+00 has no java.time form
            }
        } else {
            g.writeString(text);
        }
    }

    private void array(JsonGenerator g, ArrayData array, LogicalType elementType, PgType pg)
            throws IOException {
        PgType element = pg == null ? null : pg.resolveDomain().element();
        ArrayData.ElementGetter getter = ArrayData.createElementGetter(elementType);
        g.writeStartArray();
        for (int i = 0; i < array.size(); i++) {
            write(g, getter.getElementOrNull(array, i), elementType, element);
        }
        g.writeEndArray();
    }

    private static String mapAsJson(MapData map, MapType type) {
        StringBuilder sb = new StringBuilder("{");
        ArrayData keys = map.keyArray();
        ArrayData values = map.valueArray();
        ArrayData.ElementGetter k = ArrayData.createElementGetter(type.getKeyType());
        ArrayData.ElementGetter v = ArrayData.createElementGetter(type.getValueType());
        for (int i = 0; i < map.size(); i++) {
            Object value = v.getElementOrNull(values, i);
            sb.append(i == 0 ? "" : ",");
            JsonText.quote(sb, String.valueOf(k.getElementOrNull(keys, i))).append(':');
            if (value == null) {
                sb.append("null");
            } else {
                JsonText.quote(sb, ((StringData) value).toString());
            }
        }
        return sb.append('}').toString();
    }

    private static boolean isUnconstrainedNumeric(PgType pg) {
        if (pg == null) {
            return false;
        }
        PgType base = pg.resolveDomain();
        return base.name().equals("numeric") && pg.typmod() < 4 && base.typmod() < 4;
    }

    /** io.debezium.time.ZonedTimestamp: UTC, with exactly the column's fractional digits. */
    static String zonedTimestamp(TimestampData ts, LogicalType type) {
        int precision = Math.max(0, Math.min(LogicalTypeChecks.getPrecision(type), 9));
        String fast = ZonedTimestamps.format(ts, precision);
        if (fast != null) {
            return fast;
        }
        return ts.toInstant().atOffset(ZoneOffset.UTC).format(ZONED[precision]);
    }

    /** The ZonedTimestamp formatter per fractional digits (formatters are immutable). */
    private static final DateTimeFormatter[] ZONED = new DateTimeFormatter[10];

    static {
        ZONED[0] = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
        for (int p = 1; p < ZONED.length; p++) {
            ZONED[p] =
                    new DateTimeFormatterBuilder()
                            .append(DateTimeFormatter.ISO_LOCAL_DATE)
                            .appendLiteral('T')
                            .appendPattern("HH:mm:ss")
                            .appendFraction(ChronoField.NANO_OF_SECOND, p, p, true)
                            .appendOffsetId()
                            .toFormatter();
        }
    }

    /** io.debezium.time.ZonedTime: PostgreSQL's timetz text normalized to UTC. */
    static String zonedTime(String pgText) {
        int sign = Math.max(pgText.lastIndexOf('+'), pgText.lastIndexOf('-'));
        String offset = pgText.substring(sign);
        if (offset.length() == 3) {
            offset += ":00"; // PostgreSQL prints whole-hour offsets as +05
        }
        OffsetTime t = OffsetTime.parse(pgText.substring(0, sign) + offset);
        return t.withOffsetSameInstant(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_TIME);
    }
}
