package io.neoncdc.postgres.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.types.logical.BigIntType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

/**
 * {@link NeonPostgresSourceConfig#fromOptions} reads SQL option keys, applies defaults, validates.
 */
class NeonPostgresSourceConfigTest {

    @Test
    void requiredOptionsAndDefaults() {
        NeonPostgresSourceConfig c = build(required());
        assertThat(c.connection().host()).isEqualTo("ep-cool-name-123.eu-central-1.aws.neon.tech");
        assertThat(c.connection().port()).isEqualTo(5432);
        assertThat(c.connection().database()).isEqualTo("shop");
        assertThat(c.connection().user()).isEqualTo("cdc");
        assertThat(c.connection().password()).isNull();
        assertThat(c.connection().sslMode()).isEqualTo(SslMode.REQUIRE);
        assertThat(c.connection().connectTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.connection().maxRetries()).isEqualTo(3);
        assertThat(c.connection().retryBackoff()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.schemaPattern()).isEqualTo("public");
        assertThat(c.tablePattern()).isEqualTo("orders");
        assertThat(c.slotName()).isEqualTo("neon_cdc_slot");
        assertThat(c.publicationName()).isEqualTo("neon_cdc_pub");
        assertThat(c.startupMode()).isEqualTo(StartupMode.INITIAL);
        assertThat(c.specificOffsetLsn()).isNull();
        assertThat(c.changelogMode()).isEqualTo(ChangelogMode.ALL);
        assertThat(c.chunkRows()).isEqualTo(NeonPostgresSourceConfig.DEFAULT_CHUNK_ROWS);
        assertThat(c.chunkBytes()).isEqualTo(NeonPostgresSourceConfig.DEFAULT_CHUNK_BYTES);
        assertThat(c.chunkKeyColumn()).isNull();
        assertThat(c.heartbeatInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.declaredRowType()).isNull();
        assertThat(c.declaredPrimaryKey()).isEmpty();
        assertThat(c.checkpointMode()).isEqualTo(CheckpointMode.UNKNOWN);
    }

    @Test
    void readsEveryOptionByItsSqlKey() {
        Map<String, String> o = required();
        o.put("port", "6543");
        o.put("password", "s3cret");
        o.put("ssl.mode", "verify-full");
        o.put("ssl.root-cert", "/etc/ca.pem");
        o.put("schema-name", "sales|ops");
        o.put("table-name", "order_.*");
        o.put("slot.name", "my_slot_2");
        o.put("publication.name", "My Pub");
        o.put("scan.startup.mode", "specific-offset");
        o.put("scan.startup.specific-offset.lsn", "16/B374D848");
        o.put("changelog-mode", "upsert");
        o.put("scan.snapshot.chunk.size", "1000");
        o.put("scan.snapshot.chunk.key-column", "created_at");
        o.put("heartbeat.interval", "5 s");
        o.put("connect.timeout", "2 min");
        o.put("connect.max-retries", "0");
        o.put("connect.retry-backoff", "250 ms");
        NeonPostgresSourceConfig c = build(o);
        assertThat(c.connection().port()).isEqualTo(6543);
        assertThat(c.connection().password()).isEqualTo("s3cret");
        assertThat(c.connection().sslMode()).isEqualTo(SslMode.VERIFY_FULL);
        assertThat(c.connection().sslRootCert()).isEqualTo("/etc/ca.pem");
        assertThat(c.schemaPattern()).isEqualTo("sales|ops");
        assertThat(c.tablePattern()).isEqualTo("order_.*");
        assertThat(c.slotName()).isEqualTo("my_slot_2");
        assertThat(c.publicationName()).isEqualTo("My Pub");
        assertThat(c.startupMode()).isEqualTo(StartupMode.SPECIFIC_OFFSET);
        assertThat(c.specificOffsetLsn()).isEqualTo(0x16_B374_D848L);
        assertThat(c.changelogMode()).isEqualTo(ChangelogMode.UPSERT);
        assertThat(c.chunkRows()).isEqualTo(1000);
        assertThat(c.chunkKeyColumn()).isEqualTo("created_at");
        assertThat(c.heartbeatInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.connection().connectTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.connection().maxRetries()).isZero();
        assertThat(c.connection().retryBackoff()).isEqualTo(Duration.ofMillis(250));
        assertThat(c.toString()).doesNotContain("s3cret");
        assertThat(c.connection().toString()).doesNotContain("s3cret");
    }

    @Test
    void rejectsInvalidValuesNamingTheOption() {
        assertInvalid("scan.startup.mode", "specific-offset", "scan.startup.specific-offset.lsn");
        assertInvalid("scan.startup.specific-offset.lsn", "16B3748", "expected an LSN like");
        assertInvalid("scan.snapshot.chunk.size", "0", "'scan.snapshot.chunk.size'");
        assertInvalid("port", "0", "'port'");
        assertInvalid("port", "65536", "'port'");
        assertInvalid("table-name", "orders(", "'table-name' = 'orders('");
        assertInvalid("schema-name", "[a-", "'schema-name'");
        for (String slot : new String[] {"Neon_Slot", "neon-slot", "", "s".repeat(64), "a b"}) {
            assertInvalid("slot.name", slot, "'slot.name'");
        }
        assertThat(build(with("slot.name", "s".repeat(63))).slotName()).hasSize(63);
    }

    @Test
    void builderKeepsEverythingAndSurvivesJavaSerialization() throws Exception {
        RowType declared =
                RowType.of(new LogicalType[] {new BigIntType(false)}, new String[] {"id"});
        NeonPostgresSourceConfig c =
                NeonPostgresSourceConfig.fromOptions(Configuration.fromMap(required()))
                        .declaredSchema(declared, List.of("id"))
                        .checkpointMode(CheckpointMode.UNALIGNED)
                        .chunkBytes(1024)
                        .build();
        NeonPostgresSourceConfig copy = InstantiationUtil.clone(c.toBuilder().build());
        assertThat(copy).usingRecursiveComparison().isEqualTo(c);
        assertThat(copy.declaredPrimaryKey()).containsExactly("id");
        assertThat(copy.checkpointMode()).isEqualTo(CheckpointMode.UNALIGNED);
        assertThat(copy.chunkBytes()).isEqualTo(1024);
        assertThat(c.toBuilder().declaredSchema(null, null).build().declaredPrimaryKey()).isEmpty();
    }

    @Test
    void tableListCapturesExactNamesAndExcludesTheRegexOptions() throws Exception {
        Map<String, String> o = required();
        o.remove("table-name");
        o.put("table-list", "public.orders, \"Sales\".\"order.items\"");
        NeonPostgresSourceConfig c = build(o);
        assertThat(c.tableList())
                .extracting(Object::toString)
                .containsExactly("public.orders", "Sales.order.items");
        assertThat(c.captureList().isExplicit()).isTrue();
        assertThat(InstantiationUtil.clone(c).tableList()).isEqualTo(c.tableList());
        assertThat(build(required()).captureList().isExplicit()).isFalse();

        o.put("table-name", "orders");
        assertThatThrownBy(() -> build(o))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("'table-list' and 'table-name'/'schema-name' are mutually");
        o.remove("table-name");
        o.put("schema-name", "public");
        assertThatThrownBy(() -> build(o)).hasMessageContaining("mutually exclusive");
        o.remove("schema-name");
        o.put("table-list", "orders");
        assertThatThrownBy(() -> build(o))
                .hasMessageContaining("Invalid 'table-list' = 'orders'")
                .hasMessageContaining("entry 1: expected schema.table");
        o.put("table-list", " ");
        assertThatThrownBy(() -> build(o)).hasMessageContaining("'table-list' is empty");
        o.remove("table-list");
        assertThatThrownBy(() -> build(o))
                .hasMessageContaining("Neither 'table-name' nor 'table-list' is set");
    }

    private static void assertInvalid(String key, String value, String message) {
        assertThatThrownBy(() -> build(with(key, value)))
                .as("%s = '%s'", key, value)
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining(message);
    }

    private static Map<String, String> required() {
        Map<String, String> o = new HashMap<>();
        o.put("hostname", "ep-cool-name-123.eu-central-1.aws.neon.tech");
        o.put("username", "cdc");
        o.put("database-name", "shop");
        o.put("table-name", "orders");
        return o;
    }

    private static Map<String, String> with(String key, String value) {
        Map<String, String> o = required();
        o.put(key, value);
        return o;
    }

    private static NeonPostgresSourceConfig build(Map<String, String> options) {
        return NeonPostgresSourceConfig.fromOptions(Configuration.fromMap(options)).build();
    }
}
