package io.neoncdc.postgres.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.neoncdc.postgres.convert.ConversionOptions.BinaryRepresentation;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.ValidationException;
import org.junit.jupiter.api.Test;

/** {@code binary.representation}, {@code toast.*} and {@code truncate.action}. */
class ValueHandlingOptionsTest {
    private static ValueHandling values(String... pairs) {
        Map<String, String> o = new HashMap<>();
        o.put("hostname", "localhost");
        o.put("username", "cdc");
        o.put("database-name", "shop");
        o.put("table-name", "orders");
        for (int i = 0; i < pairs.length; i += 2) {
            o.put(pairs[i], pairs[i + 1]);
        }
        return NeonPostgresSourceConfig.fromOptions(Configuration.fromMap(o)).build().values();
    }

    @Test
    void defaults() {
        ValueHandling v = values();
        assertThat(v.conversion().binaryRepresentation()).isEqualTo(BinaryRepresentation.BYTES);
        assertThat(v.toastMode()).isEqualTo(ToastMode.FAIL);
        assertThat(v.toastPlaceholder()).isEqualTo("__debezium_unavailable_value");
        assertThat(v.truncateAction()).isEqualTo(TruncateAction.FAIL);
    }

    @Test
    void readsEveryValue() {
        ValueHandling v =
                values(
                        "binary.representation", "base64-url-safe",
                        "changelog-mode", "upsert",
                        "toast.unchanged-value", "fill",
                        "toast.placeholder", "?",
                        "truncate.action", "skip");
        assertThat(v.conversion().binaryRepresentation())
                .isEqualTo(BinaryRepresentation.BASE64_URL_SAFE);
        assertThat(v.toastMode()).isEqualTo(ToastMode.FILL);
        assertThat(v.toastPlaceholder()).isEqualTo("?");
        assertThat(v.truncateAction()).isEqualTo(TruncateAction.SKIP);
        assertThat(values("toast.unchanged-value", "null").toastMode()).isEqualTo(ToastMode.NULL);
        assertThat(values("toast.unchanged-value", "placeholder").toastMode())
                .isEqualTo(ToastMode.PLACEHOLDER);
    }

    @Test
    void rejectsBadValues() {
        assertThatThrownBy(() -> values("binary.representation", "base32"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("use bytes, base64, base64-url-safe or hex");
        assertThatThrownBy(
                        () ->
                                values(
                                        "toast.unchanged-value",
                                        "fill",
                                        "replica-identity.require-full",
                                        "true"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("'replica-identity.require-full' = 'true' rules out");
        assertThat(values("toast.unchanged-value", "fill").toastMode())
                .as("'all' mode fills from the state that keeps its old rows")
                .isEqualTo(ToastMode.FILL);
    }
}
