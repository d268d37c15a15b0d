package io.neoncdc.postgres.datastream;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.NeonPostgresSource;
import io.neoncdc.postgres.deserializer.ChangeEventDeserializers;
import io.neoncdc.postgres.deserializer.ChangeEventValue;
import io.neoncdc.postgres.event.ChangeEventDeserializer;
import io.neoncdc.postgres.testutil.PostgresTestServer;
import io.neoncdc.postgres.testutil.TestDatabase;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.RowData;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One DataStream source over several tables with the RowData and the ChangeEventValue
 * deserializers, and the {@code topic} column named by {@code topic.prefix} and {@code
 * topic.prefix-database}.
 */
class DataStreamDeserializersITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();

    private static TestDatabase db;

    @BeforeAll
    static void setUp() {
        db = PostgresTestServer.get().createDatabase("ds_deser");
        db.execute(
                "CREATE TABLE orders (id bigint PRIMARY KEY, amount numeric(10,2))",
                "CREATE TABLE customers (id bigint PRIMARY KEY, name text)",
                "ALTER TABLE orders REPLICA IDENTITY FULL",
                "ALTER TABLE customers REPLICA IDENTITY FULL",
                "INSERT INTO orders VALUES (1, 9.99), (2, 20.00)",
                "INSERT INTO customers VALUES (7, 'ann')");
    }

    @Test
    @Timeout(180)
    void valuesCarryTablesTopicsAndPlainJavaRows() throws Exception {
        List<ChangeEventValue> values = readAll(ChangeEventDeserializers.values(), "values");
        String prefix = "shop." + db.name() + "_public.";
        assertThat(values)
                .extracting(v -> v.op() + " " + v.topic() + " " + v.after())
                .containsExactlyInAnyOrder(
                        "r " + prefix + "orders {id=1, amount=9.99}",
                        "r " + prefix + "orders {id=2, amount=20.00}",
                        "r " + prefix + "customers {id=7, name=ann}");
        ChangeEventValue order =
                values.stream().filter(v -> v.table().equals("orders")).findFirst().get();
        assertThat(order.after().get("amount")).isInstanceOf(BigDecimal.class);
        assertThat(order.database()).isEqualTo(db.name());
        assertThat(order.lsn()).as("snapshot rows have no commit").isNull();
    }

    @Test
    @Timeout(180)
    void rowDataReadsEveryTableIntoOneLayoutWithMetadata() throws Exception {
        List<RowData> rows =
                readAll(
                        ChangeEventDeserializers.rowData(
                                DataTypes.ROW(DataTypes.FIELD("id", DataTypes.BIGINT())),
                                "topic",
                                "table_name",
                                "op"),
                        "rows");
        String prefix = "shop." + db.name() + "_public.";
        assertThat(rows)
                .extracting(
                        r ->
                                r.getRowKind().shortString()
                                        + " "
                                        + r.getLong(0)
                                        + " "
                                        + r.getString(1)
                                        + " "
                                        + r.getString(2)
                                        + " "
                                        + r.getString(3))
                .containsExactlyInAnyOrder(
                        "+I 1 " + prefix + "orders orders r",
                        "+I 2 " + prefix + "orders orders r",
                        "+I 7 " + prefix + "customers customers r");
    }

    /** Reads both tables once in bounded snapshot mode. */
    private static <T> List<T> readAll(ChangeEventDeserializer<T> deserializer, String slot)
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        NeonPostgresSource<T> source =
                NeonPostgresSource.<T>builder()
                        .options(db.connectionOptions())
                        .tableName("orders|customers")
                        .slotName(db.name() + "_" + slot)
                        .option("scan.startup.mode", "snapshot")
                        .option("topic.prefix", "shop")
                        .option("topic.prefix-database", "true")
                        .deserializer(deserializer)
                        .build();
        List<T> out = new ArrayList<>();
        try (CloseableIterator<T> it =
                env.fromSource(source, WatermarkStrategy.noWatermarks(), "pg")
                        .executeAndCollect("deserializers-" + slot)) {
            it.forEachRemaining(out::add);
        }
        return out;
    }
}
