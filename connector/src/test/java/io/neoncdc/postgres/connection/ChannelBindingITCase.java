package io.neoncdc.postgres.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.util.Map;
import org.apache.flink.table.api.ValidationException;
import org.junit.jupiter.api.Test;

/** SCRAM channel binding: required and honoured over TLS, refused without TLS or SCRAM. */
class ChannelBindingITCase {
    private final TlsPostgres server = TlsPostgres.get();

    @Test
    void requireSucceedsWithScramOverTls() throws Exception {
        Map<String, String> options = server.options("localhost");
        options.put("ssl.mode", "verify-full");
        options.put("ssl.root-cert", server.certs.caCert.toString());
        options.put("ssl.channel-binding", "require");
        assertThat(TlsConnectionITCase.sslInUse(options)).isTrue();
        // The replication connection binds the channel as well.
        try (Connection c = (Connection) CdcJobs.connector(options).openReplication()) {
            assertThat(c.isValid(5)).isTrue();
        }
    }

    @Test
    void requireWithoutTlsIsRejectedBeforeConnecting() {
        Map<String, String> options = server.options("localhost");
        options.put("ssl.mode", "disable");
        options.put("ssl.channel-binding", "require");
        assertThatThrownBy(() -> CdcJobs.config(options))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("'ssl.channel-binding' = 'require'")
                .hasMessageContaining("'ssl.mode' = 'disable'");
    }

    @Test
    void requireFailsClearlyWhenTheServerDoesNotUseScram() {
        // postgres logs in with 'trust' here: no SCRAM exchange, so nothing binds the channel.
        Map<String, String> options = server.options("localhost");
        options.put("username", "postgres");
        options.remove("password");
        options.put("ssl.mode", "require");
        options.put("ssl.channel-binding", "require");
        assertThatThrownBy(
                        () -> {
                            try (Connection c = CdcJobs.connector(options).openQuery()) {
                                c.isValid(1);
                            }
                        })
                .hasMessageContaining("'ssl.channel-binding' = 'require', but")
                .hasMessageContaining("SCRAM")
                .hasMessageContaining("'ssl.channel-binding' = 'prefer'");
    }
}
