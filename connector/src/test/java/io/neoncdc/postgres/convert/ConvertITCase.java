package io.neoncdc.postgres.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.neoncdc.postgres.catalog.PgType;
import io.neoncdc.postgres.testutil.PostgresTestServer;
import io.neoncdc.postgres.testutil.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.flink.table.types.logical.LogicalType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * Every type and sample value against the real PostgreSQL: the text form (what pgoutput sends in
 * text mode) and the COPY binary form (what the snapshot reads) convert to the same expected value.
 */
class ConvertITCase {
    static final String[] SESSION = {
        "SET DateStyle = ISO",
        "SET TimeZone = 'UTC'",
        "SET IntervalStyle = iso_8601",
        "SET extra_float_digits = 3",
        "SET bytea_output = hex",
        "SET client_encoding = UTF8"
    };

    private static TestDatabase db;
    private static Connection connection;
    private static CatalogTypes catalog;
    private static int version;
    private static int tables;

    @BeforeAll
    static void connect() throws SQLException {
        db = PostgresTestServer.get().createDatabase("convert");
        connection = open(db);
        catalog = new CatalogTypes(connection);
        version = PostgresTestServer.get().serverVersionNum();
        execute(ConvertSamples.SETUP);
    }

    @AfterAll
    static void close() throws SQLException {
        connection.close();
    }

    /** A connection with the connector's session settings that receives text results only. */
    static Connection open(TestDatabase database) throws SQLException {
        PostgresTestServer server = database.server();
        Properties props = new Properties();
        props.setProperty("user", server.user());
        props.setProperty("password", server.password());
        props.setProperty("sslmode", server.sslMode());
        props.setProperty("binaryTransfer", "false");
        Connection c = DriverManager.getConnection(server.jdbcUrl(database.name()), props);
        try (Statement st = c.createStatement()) {
            for (String s : SESSION) {
                st.execute(s);
            }
        }
        return c;
    }

    @TestFactory
    Stream<DynamicTest> textAndBinaryFormsConvertToTheExpectedValues() {
        return ConvertSamples.cases().stream()
                .map(c -> DynamicTest.dynamicTest(c.toString(), () -> check(c)));
    }

    @org.junit.jupiter.api.Test
    void timestamptzTextInAnySessionTimeZoneGivesTheSameInstant() throws Exception {
        execute(
                "CREATE TABLE tz (id int PRIMARY KEY, v timestamptz)",
                "INSERT INTO tz VALUES (1, '2024-07-01 12:34:56.789012+00'),"
                        + " (2, '1900-01-01 00:00:00+00'), (3, '1850-06-01 12:00:00+00'),"
                        + " (4, '0044-03-15 12:00:00+00 BC'), (5, '2024-01-01 00:00:00+00'),"
                        + " (6, 'infinity')");
        ValueConverter converter =
                ValueConverters.create(
                        catalog.columnType("tz", "v"),
                        ConverterTestTypes.flink("TIMESTAMP_LTZ(6)"),
                        ConversionOptions.defaults(),
                        "public.tz.v");
        List<Object> expected = new ArrayList<>();
        for (byte[] b : copyForms("tz", true)) {
            expected.add(converter.fromBinary(b, 0, b.length));
        }
        String[] zones = {
            "Asia/Kolkata", "Europe/Amsterdam", "America/St_Johns", "Asia/Kathmandu", "Pacific/Apia"
        };
        try {
            for (String zone : zones) {
                execute("SET TimeZone = '" + zone + "'");
                List<Object> got = new ArrayList<>();
                for (byte[] b : textForms("tz")) {
                    got.add(converter.fromText(b, 0, b.length));
                }
                assertThat(got).as(zone).isEqualTo(expected);
            }
        } finally {
            execute("SET TimeZone = 'UTC'");
        }
    }

    @org.junit.jupiter.api.Test
    void postgisGeometryAndGeographyAsEwkbHex() throws Exception {
        Assumptions.assumeTrue(
                !db.queryRows("SELECT 1 FROM pg_available_extensions WHERE name = 'postgis'")
                        .isEmpty(),
                "PostGIS is not installed on the test server");
        execute("CREATE EXTENSION IF NOT EXISTS postgis");
        String point = "0101000020E6100000000000000000F03F0000000000000040";
        check(
                TypeCase.column("geometry")
                        .value("'SRID=4326;POINT(1 2)'", ScalarConverterTest.str(point)));
        check(
                TypeCase.column("geography")
                        .value("'SRID=4326;POINT(1 2)'", ScalarConverterTest.str(point)));
    }

    private static void check(TypeCase c) throws Exception {
        Assumptions.assumeTrue(
                version >= c.minVersion, "needs server_version_num >= " + c.minVersion);
        String table = "t" + (++tables);
        execute(
                "CREATE TABLE " + table + " (id int PRIMARY KEY, v " + c.pgType + ")",
                "ALTER TABLE " + table + " ALTER COLUMN v DROP NOT NULL");
        for (int i = 0; i < c.samples.size(); i++) {
            execute("INSERT INTO " + table + " VALUES (" + i + ", " + c.samples.get(i).sql + ")");
        }
        if (c.nullable) {
            execute("INSERT INTO " + table + " VALUES (" + c.samples.size() + ", NULL)");
        }
        PgType pgType = catalog.columnType(table, "v");
        LogicalType target =
                c.flinkType == null
                        ? ValueConverters.defaultType(pgType)
                        : ConverterTestTypes.flink(c.flinkType);
        ValueConverter converter =
                ValueConverters.create(
                        pgType, target, c.options, "public." + table + ".v", catalog);
        List<byte[]> texts = textForms(table);
        List<byte[]> copied = copyForms(table, converter.hasBinary());
        assertThat(copied).hasSameSizeAs(texts);
        for (int i = 0; i < texts.size(); i++) {
            TypeCase.Sample sample = i < c.samples.size() ? c.samples.get(i) : null;
            String what = c + " sample " + (sample == null ? "NULL" : sample.sql);
            byte[] text = texts.get(i);
            byte[] bin = copied.get(i);
            Function<byte[], Object> fromText =
                    b -> b == null ? null : converter.fromText(b, 0, b.length);
            Function<byte[], Object> fromCopy =
                    b ->
                            b == null
                                    ? null
                                    : converter.hasBinary()
                                            ? converter.fromBinary(b, 0, b.length)
                                            : converter.fromText(b, 0, b.length);
            if (sample != null && sample.failure != null) {
                assertThatThrownBy(() -> fromText.apply(text))
                        .as(what)
                        .isInstanceOf(ValueConversionException.class)
                        .hasMessageContaining(sample.failure)
                        .hasMessageContaining("public." + table + ".v");
                assertThatThrownBy(() -> fromCopy.apply(bin))
                        .as(what)
                        .isInstanceOf(ValueConversionException.class)
                        .hasMessageContaining(sample.failure);
                assertThatThrownBy(() -> BinaryRowCheck.convert(converter, target, bin))
                        .as(what + " as a binary row")
                        .isInstanceOf(ValueConversionException.class)
                        .hasMessageContaining(sample.failure)
                        .hasMessageContaining("public." + table + ".v");
                continue;
            }
            Object expected = sample == null ? null : sample.expected;
            assertThat(fromText.apply(text))
                    .as(what + " from text " + show(text))
                    .isEqualTo(expected);
            assertThat(fromCopy.apply(bin)).as(what + " from COPY binary").isEqualTo(expected);
            // The snapshot writes binary rows: the bytes Flink's serializer writes of that value.
            assertThat(BinaryRowCheck.convert(converter, target, bin))
                    .as(what + " as a binary row")
                    .isEqualTo(BinaryRowCheck.expected(target, fromCopy.apply(bin)));
        }
    }

    /** The output-function text of each value (as pgoutput sends it), NULL as null. */
    static List<byte[]> textForms(String table) throws SQLException {
        List<byte[]> values = new ArrayList<>();
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT v FROM " + table + " ORDER BY id")) {
            while (rs.next()) {
                String s = rs.getString(1);
                values.add(s == null ? null : s.getBytes(StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    /** Each value of the COPY binary stream (the {@code ::text} form when no binary converter). */
    static List<byte[]> copyForms(String table, boolean binary) throws Exception {
        String column = binary ? "v" : "v::text";
        CopyOut copy =
                connection
                        .unwrap(PGConnection.class)
                        .getCopyAPI()
                        .copyOut(
                                "COPY (SELECT "
                                        + column
                                        + " FROM "
                                        + table
                                        + " ORDER BY id) TO STDOUT (FORMAT binary)");
        CopyBinaryParser parser =
                new CopyBinaryParser(
                        () -> {
                            try {
                                return copy.readFromCopy();
                            } catch (SQLException e) {
                                throw new java.io.IOException(e);
                            }
                        },
                        1);
        List<byte[]> values = new ArrayList<>();
        while (parser.nextRow()) {
            values.add(
                    parser.isNull(0)
                            ? null
                            : java.util.Arrays.copyOfRange(
                                    parser.array(),
                                    parser.offset(0),
                                    parser.offset(0) + parser.length(0)));
        }
        return values;
    }

    static void execute(String... sql) throws SQLException {
        try (Statement st = connection.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        }
    }

    private static String show(byte[] b) {
        return b == null ? "NULL" : "'" + new String(b, StandardCharsets.UTF_8) + "'";
    }
}
