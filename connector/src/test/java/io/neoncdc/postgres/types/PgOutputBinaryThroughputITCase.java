package io.neoncdc.postgres.types;

import io.neoncdc.postgres.NeonPostgresSource;
import io.neoncdc.postgres.config.HiddenOptions;
import io.neoncdc.postgres.config.StartupMode;
import io.neoncdc.postgres.event.ChangeEvent;
import io.neoncdc.postgres.event.ChangeEventDeserializer;
import io.neoncdc.postgres.testutil.PostgresTestServer;
import io.neoncdc.postgres.testutil.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Measures streaming throughput of a 200 000-row insert backlog with pgoutput text values and with
 * binary values (PostgreSQL 14+), into a discarding sink. Prints events/s; asserts nothing about
 * time. Run with {@code -Dneoncdc.bench=true -Dit.test=PgOutputBinaryThroughputITCase}.
 */
@EnabledIfSystemProperty(named = "neoncdc.bench", matches = "true")
class PgOutputBinaryThroughputITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();

    private static final int ROWS = 200_000;
    private static final AtomicLong EVENTS = new AtomicLong();
    private static final AtomicLong FIRST_NANOS = new AtomicLong();

    @Test
    void textVersusBinaryValues() throws Exception {
        TestDatabase db = PostgresTestServer.get().createDatabase("bench_binary");
        db.execute(
                "CREATE TABLE t (id bigint PRIMARY KEY, qty int, price numeric(12,2),"
                        + " ts timestamptz, name text, score double precision, flag boolean,"
                        + " ref uuid, day date)",
                "ALTER TABLE t REPLICA IDENTITY FULL",
                "CREATE PUBLICATION neon_cdc_pub FOR TABLE t");
        String[] modes = {"text", "binary", "text", "binary"};
        for (int i = 0; i < modes.length; i++) {
            db.createSlot("bench_" + i);
        }
        db.execute(
                "INSERT INTO t SELECT g, g % 1000, g * 1.25, now() - g * interval '1 second',"
                        + " 'name-' || g, g / 7.0, g % 2 = 0, gen_random_uuid(),"
                        + " date '2024-01-01' + (g % 365) FROM generate_series(1, "
                        + ROWS
                        + ") g");
        List<String> results = new ArrayList<>();
        for (int i = 0; i < modes.length; i++) {
            double rate = run(db, "bench_" + i, modes[i].equals("binary"));
            results.add(String.format("%s: %.0f events/s", modes[i], rate));
        }
        System.out.println(
                "pgoutput throughput (server "
                        + PostgresTestServer.get().serverVersionNum()
                        + ", "
                        + ROWS
                        + " inserts): "
                        + results);
    }

    private static double run(TestDatabase db, String slot, boolean binary) throws Exception {
        EVENTS.set(0);
        FIRST_NANOS.set(0);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        NeonPostgresSource<Long> source =
                NeonPostgresSource.<Long>builder()
                        .options(db.connectionOptions())
                        .tableName("t")
                        .slotName(slot)
                        .option(HiddenOptions.PGOUTPUT_BINARY.key(), String.valueOf(binary))
                        .startupMode(StartupMode.COMMITTED_OFFSET)
                        .deserializer(new Counting())
                        .build();
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "source")
                .sinkTo(new DiscardingSink<>());
        JobClient client = env.executeAsync("bench " + slot);
        while (EVENTS.get() < ROWS) {
            Thread.sleep(20);
        }
        long elapsed = System.nanoTime() - FIRST_NANOS.get();
        client.cancel().get();
        return (ROWS - 1) / (elapsed / 1e9);
    }

    /** Counts events and emits nothing. */
    private static final class Counting implements ChangeEventDeserializer<Long> {
        private static final long serialVersionUID = 1L;

        @Override
        public void deserialize(ChangeEvent event, Collector<Long> out) {
            if (EVENTS.getAndIncrement() == 0) {
                FIRST_NANOS.set(System.nanoTime());
            }
        }

        @Override
        public TypeInformation<Long> getProducedType() {
            return Types.LONG;
        }
    }
}
