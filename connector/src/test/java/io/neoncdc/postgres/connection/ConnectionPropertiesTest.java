package io.neoncdc.postgres.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoncdc.postgres.config.ConnectionConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The pgjdbc properties each option combination produces. */
class ConnectionPropertiesTest {
    private static Properties props(String... options) {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("hostname", "ep-cool-darkness-123456.us-east-2.aws.neon.tech");
        map.put("username", "alex");
        map.put("password", "pw");
        map.put("database-name", "neondb");
        for (int i = 0; i + 1 < options.length; i += 2) {
            map.put(options[i], options[i + 1]);
        }
        ConnectionConfig config = CdcJobs.config(map);
        return ConnectionProperties.of(config, "neon-postgres-cdc test");
    }

    @Test
    void defaultsRequireTlsPreferChannelBindingAndUseTheConnectorsTlsFactory() {
        Properties p = props();
        assertThat(p.getProperty("sslmode")).isEqualTo("require");
        assertThat(p.getProperty("channelBinding")).isEqualTo("prefer");
        assertThat(p.getProperty("sslfactory")).isEqualTo(TlsSocketFactory.class.getName());
        assertThat(p.getProperty("sslhostnameverifier"))
                .isEqualTo(TlsHostnameVerifier.class.getName());
        assertThat(p.getProperty(ConnectionProperties.TLS_SERVER_NAME))
                .isEqualTo("ep-cool-darkness-123456.us-east-2.aws.neon.tech");
        assertThat(p.getProperty("sslrootcert")).isNull();
        assertThat(p.getProperty("options")).isEqualTo(ConnectionProperties.SESSION_OPTIONS);
        assertThat(p.getProperty("ApplicationName")).isEqualTo("neon-postgres-cdc test");
    }

    @Test
    void verifyFullPassesTheRootCertificate() {
        Properties p = props("ssl.mode", "verify-full", "ssl.root-cert", "/etc/neon/ca.pem");
        assertThat(p.getProperty("sslmode")).isEqualTo("verify-full");
        assertThat(p.getProperty("sslrootcert")).isEqualTo("/etc/neon/ca.pem");
    }

    @Test
    void requireWithARootCertificateChecksTheCaAsLibpqDoes() {
        Properties p = props("ssl.mode", "require", "ssl.root-cert", "/etc/neon/ca.pem");
        assertThat(p.getProperty("sslmode")).isEqualTo("verify-ca");
    }

    @Test
    void disableTurnsTlsOffCompletely() {
        Properties p = props("ssl.mode", "disable");
        assertThat(p.getProperty("sslmode")).isEqualTo("disable");
        assertThat(p.getProperty("sslfactory")).isNull();
    }

    @Test
    void channelBindingIsPassedToPgjdbc() {
        assertThat(props("ssl.channel-binding", "require").getProperty("channelBinding"))
                .isEqualTo("require");
        assertThat(props("ssl.channel-binding", "disable").getProperty("channelBinding"))
                .isEqualTo("disable");
    }

    @Test
    void theNeonEndpointGoesFirstInTheStartupOptions() {
        assertThat(props("neon.endpoint-id", "ep-cool-darkness-123456").getProperty("options"))
                .isEqualTo(
                        "endpoint=ep-cool-darkness-123456 -c IntervalStyle=iso_8601"
                                + " -c bytea_output=hex");
        assertThat(
                        props("neon.endpoint-id", "endpoint=ep-cool-darkness-123456")
                                .getProperty("options"))
                .startsWith("endpoint=ep-cool-darkness-123456 -c ");
    }

    @Test
    void eachConnectionAttemptHasItsOwnId() {
        assertThat(props().getProperty(ConnectionProperties.ATTEMPT_ID))
                .isNotEqualTo(props().getProperty(ConnectionProperties.ATTEMPT_ID));
    }
}
