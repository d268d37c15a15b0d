package io.neoncdc.postgres.convert;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.catalog.PgType;
import io.neoncdc.postgres.testutil.PostgresTestServer;
import io.neoncdc.postgres.testutil.TestDatabase;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import org.apache.flink.table.data.GenericRowData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parsing and converting a COPY binary stream keeps up with reading it raw: the snapshot must reach
 * at least 0.6× raw COPY throughput (DESIGN §3), so conversion may cost at most a fraction.
 */
class CopyThroughputITCase {
    private static final Logger LOG = LoggerFactory.getLogger(CopyThroughputITCase.class);
    private static final int ROWS = 300_000;
    private static final String QUERY =
            "COPY (SELECT id, n, amount, label, ts, doc FROM bench) TO STDOUT (FORMAT binary)";

    private static Connection connection;
    private static ValueConverter[] converters;

    @BeforeAll
    static void load() throws SQLException {
        TestDatabase db = PostgresTestServer.get().createDatabase("copy_bench");
        connection = ConvertITCase.open(db);
        db.execute(
                "CREATE TABLE bench (id bigint PRIMARY KEY, n int, amount numeric(12,2),"
                        + " label text, ts timestamptz, doc jsonb)",
                "INSERT INTO bench SELECT i, i % 1000, (i * 1.37)::numeric(12,2),"
                        + " 'label number ' || i, now() - i * interval '1 second',"
                        + " jsonb_build_object('id', i, 'name', 'item ' || i, 'tags',"
                        + " jsonb_build_array('a', 'b', 'c'), 'price', i * 0.5)"
                        + " FROM generate_series(1, "
                        + ROWS
                        + ") i",
                "VACUUM ANALYZE bench");
        CatalogTypes catalog = new CatalogTypes(connection);
        String[] columns = {"id", "n", "amount", "label", "ts", "doc"};
        converters = new ValueConverter[columns.length];
        for (int i = 0; i < columns.length; i++) {
            PgType type = catalog.columnType("bench", columns[i]);
            converters[i] =
                    ValueConverters.create(
                            type,
                            ValueConverters.defaultType(type),
                            ConversionOptions.defaults(),
                            "public.bench." + columns[i]);
        }
    }

    @AfterAll
    static void close() throws SQLException {
        connection.close();
    }

    @Test
    void convertingCostsLittleAgainstRawCopy() throws Exception {
        double raw = 0;
        double converted = 0;
        for (int round = 0; round < 3; round++) {
            raw = Math.max(raw, rowsPerSecond(false));
            converted = Math.max(converted, rowsPerSecond(true));
        }
        LOG.info(
                "COPY binary of {} rows: raw {} rows/s, parsed and converted {} rows/s ({}x)",
                ROWS,
                Math.round(raw),
                Math.round(converted),
                String.format("%.2f", converted / raw));
        assertThat(converted / raw).isGreaterThan(0.6);
    }

    @Test
    void conversionAloneRunsFarAboveCopySpeed() throws Exception {
        java.util.List<byte[]> chunks = new java.util.ArrayList<>();
        CopyOut copy = connection.unwrap(PGConnection.class).getCopyAPI().copyOut(QUERY);
        byte[] chunk;
        while ((chunk = copy.readFromCopy()) != null) {
            chunks.add(chunk);
        }
        double best = 0;
        for (int round = 0; round < 5; round++) {
            long start = System.nanoTime();
            CopyBinaryParser parser =
                    new CopyBinaryParser(CopyStream.source(chunks), converters.length);
            long rows = 0;
            while (parser.nextRow()) {
                parser.toRow(converters);
                rows++;
            }
            assertThat(rows).isEqualTo(ROWS);
            best = Math.max(best, ROWS / ((System.nanoTime() - start) / 1e9));
        }
        LOG.info("Parsing and converting cached COPY chunks: {} rows/s", Math.round(best));
        assertThat(best).isGreaterThan(750_000);
    }

    private static double rowsPerSecond(boolean convert) throws SQLException, IOException {
        long start = System.nanoTime();
        CopyOut copy = connection.unwrap(PGConnection.class).getCopyAPI().copyOut(QUERY);
        CopyChunkSource source =
                () -> {
                    try {
                        return copy.readFromCopy();
                    } catch (SQLException e) {
                        throw new IOException(e);
                    }
                };
        long rows = 0;
        long checksum = 0;
        if (convert) {
            CopyBinaryParser parser = new CopyBinaryParser(source, converters.length);
            while (parser.nextRow()) {
                GenericRowData row = parser.toRow(converters);
                checksum += row.getArity();
                rows++;
            }
        } else {
            byte[] chunk;
            while ((chunk = source.next()) != null) {
                checksum += chunk.length;
                rows++;
            }
            rows--; // the trailer chunk
        }
        assertThat(rows).isEqualTo(ROWS);
        assertThat(checksum).isPositive();
        return ROWS / ((System.nanoTime() - start) / 1e9);
    }
}
