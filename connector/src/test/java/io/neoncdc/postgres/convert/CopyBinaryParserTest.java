package io.neoncdc.postgres.convert;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.StringData;
import org.junit.jupiter.api.Test;

/** The COPY binary parser on hand-built streams, under every way to cut them into chunks. */
class CopyBinaryParserTest {

    private static final CopyStream THREE_ROWS =
            CopyStream.withHeader()
                    .row(b("a"), b("first"))
                    .row(null, new byte[0])
                    .row(b("ccc"), b("ünïcødé"))
                    .trailer();

    private static final List<String> EXPECTED = Arrays.asList("a|first", "NULL|", "ccc|ünïcødé");

    @Test
    void readsPgjdbcChunksInPlace() throws IOException {
        List<byte[]> chunks = THREE_ROWS.pgjdbcChunks();
        CopyBinaryParser parser = new CopyBinaryParser(CopyStream.source(chunks), 2);
        for (int row = 0; row < 3; row++) {
            assertThat(parser.nextRow()).isTrue();
            assertThat(parser.array()).isSameAs(chunks.get(row));
        }
        assertThat(parser.nextRow()).isFalse();
        assertThat(parser.nextRow()).isFalse();
        assertThat(parser.rowCount()).isEqualTo(3);
        assertThat(parser.bytesRead()).isEqualTo(THREE_ROWS.bytes().length);
    }

    @Test
    void everySingleCutGivesTheSameRows() throws IOException {
        byte[] all = THREE_ROWS.bytes();
        for (int cut = 0; cut <= all.length; cut++) {
            assertThat(readAll(CopyStream.split(all, cut), 2))
                    .as("cut at %d", cut)
                    .isEqualTo(EXPECTED);
        }
    }

    @Test
    void oneByteChunksAndRandomChunksGiveTheSameRows() throws IOException {
        byte[] all = THREE_ROWS.bytes();
        List<byte[]> single = new ArrayList<>();
        for (byte x : all) {
            single.add(new byte[] {x});
        }
        assertThat(readAll(single, 2)).isEqualTo(EXPECTED);
        Random random = new Random(42);
        for (int i = 0; i < 500; i++) {
            assertThat(readAll(CopyStream.randomSplit(all, random), 2)).isEqualTo(EXPECTED);
        }
    }

    @Test
    void largeFieldSplitOverManyChunks() throws IOException {
        byte[] big = new byte[100_000];
        new Random(7).nextBytes(big);
        byte[] all = CopyStream.withHeader().row(big).row(b("x")).trailer().bytes();
        List<byte[]> chunks = new ArrayList<>();
        for (int from = 0; from < all.length; from += 1000) {
            chunks.add(Arrays.copyOfRange(all, from, Math.min(all.length, from + 1000)));
        }
        CopyBinaryParser parser = new CopyBinaryParser(CopyStream.source(chunks), 1);
        assertThat(parser.nextRow()).isTrue();
        byte[] got = parser.array();
        assertThat(Arrays.copyOfRange(got, parser.offset(0), parser.offset(0) + parser.length(0)))
                .isEqualTo(big);
        assertThat(parser.nextRow()).isTrue();
        assertThat(parser.nextRow()).isFalse();
    }

    @Test
    void skipsHeaderExtension() throws IOException {
        byte[] all =
                new CopyStream()
                        .raw(CopyStream.SIGNATURE)
                        .int32(1 << 17) // a non-critical flag bit is ignored
                        .int32(3)
                        .raw(new byte[] {9, 9, 9})
                        .row(b("v"))
                        .trailer()
                        .bytes();
        assertThat(readAll(CopyStream.split(all, 20), 1)).containsExactly("v");
    }

    @Test
    void toRowConvertsBinaryAndTextFields() throws IOException {
        byte[] all =
                CopyStream.withHeader()
                        .row(new byte[] {0, 0, 0, 42}, b("hello"), null)
                        .trailer()
                        .bytes();
        CopyBinaryParser parser = new CopyBinaryParser(CopyStream.source(List.of(all)), 3);
        ValueConverter[] converters = {
            ConverterTestTypes.converter("int4", "INT"),
            TextFormConverter.INSTANCE,
            ConverterTestTypes.converter("text", "STRING")
        };
        assertThat(parser.nextRow()).isTrue();
        assertThat(parser.toRow(converters))
                .isEqualTo(GenericRowData.of(42, StringData.fromString("hello"), null));
    }

    @Test
    void rejectsMalformedStreams() {
        byte[] good = THREE_ROWS.bytes();
        byte[] badSignature = good.clone();
        badSignature[3] = 'X';
        assertFormatError(badSignature, 2, "bad signature");
        assertFormatError(good, 3, "row has 2 fields, expected 3");
        assertFormatError(Arrays.copyOf(good, good.length - 5), 2, "ends in the middle");
        assertFormatError(Arrays.copyOf(good, good.length - 2), 2, "ends in the middle");
        assertFormatError(Arrays.copyOf(good, good.length + 1), 2, "data after the COPY trailer");
        assertFormatError(Arrays.copyOf(good, 10), 2, "ends in the middle");
        assertFormatError(new byte[0], 2, "ends in the middle");
        byte[] oids = CopyStream.withHeader().bytes();
        oids[13] = 1; // bit 16: OIDs included
        assertFormatError(oids, 2, "header flags");
        assertFormatError(
                CopyStream.withHeader().int16(1).int32(-2).bytes(), 1, "bad field length -2");
        assertFormatError(
                CopyStream.withHeader().int16(1).int32(Integer.MAX_VALUE).bytes(),
                1,
                "bad field length");
        assertFormatError(
                CopyStream.withHeader().int16(1).int32(1_000_000).raw(new byte[10]).bytes(),
                1,
                "ends in the middle");
    }

    @Test
    void errorNamesTheByteOffset() {
        byte[] bytes = CopyStream.withHeader().row(b("a")).int16(5).bytes();
        assertThatThrownBy(() -> readAll(List.of(bytes), 1))
                .isInstanceOf(CopyFormatException.class)
                .hasMessageContaining("at byte 26")
                .satisfies(e -> assertThat(((CopyFormatException) e).offset()).isEqualTo(26));
    }

    private static void assertFormatError(byte[] bytes, int fields, String message) {
        for (List<byte[]> chunks :
                Arrays.asList(List.of(bytes), CopyStream.randomSplit(bytes, new Random(1)))) {
            assertThatThrownBy(() -> readAll(chunks, fields))
                    .isInstanceOf(CopyFormatException.class)
                    .hasMessageContaining(message);
        }
    }

    /** Each row as its fields (UTF-8, NULL for null) joined by '|'. */
    static List<String> readAll(List<byte[]> chunks, int fields) throws IOException {
        CopyBinaryParser parser = new CopyBinaryParser(CopyStream.source(chunks), fields);
        List<String> rows = new ArrayList<>();
        while (parser.nextRow()) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < fields; i++) {
                if (i > 0) {
                    sb.append('|');
                }
                sb.append(
                        parser.isNull(i)
                                ? "NULL"
                                : new String(
                                        parser.array(), parser.offset(i), parser.length(i), UTF_8));
            }
            rows.add(sb.toString());
        }
        return rows;
    }

    private static byte[] b(String s) {
        return s.getBytes(UTF_8);
    }
}
