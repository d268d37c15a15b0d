package io.neoncdc.postgres.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.neoncdc.postgres.config.ChannelBinding;
import io.neoncdc.postgres.config.ConnectionConfig;
import io.neoncdc.postgres.config.NeonPostgresOptions;
import io.neoncdc.postgres.config.SshTunnelConfig;
import io.neoncdc.postgres.table.NeonPostgresDynamicTableFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.table.api.ValidationException;
import org.junit.jupiter.api.Test;

/** Parsing and checking of the connection options: pooler host, Neon endpoint, TLS, SSH. */
class ConnectionOptionsTest {
    private static final String POOLER = "ep-cool-darkness-123456-pooler.us-east-2.aws.neon.tech";

    private static Map<String, String> base(String... options) {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("hostname", "ep-cool-darkness-123456.us-east-2.aws.neon.tech");
        map.put("username", "alex");
        map.put("password", "db-secret");
        map.put("database-name", "neondb");
        for (int i = 0; i + 1 < options.length; i += 2) {
            map.put(options[i], options[i + 1]);
        }
        return map;
    }

    @Test
    void aPoolerHostFailsNamingTheDirectHostAndTheRewriteOption() {
        assertThatThrownBy(() -> CdcJobs.config(base("hostname", POOLER)))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining(
                        "'hostname' = 'ep-cool-darkness-123456.us-east-2.aws.neon.tech'")
                .hasMessageContaining("'neon.pooler-host.rewrite' = 'true'");
    }

    @Test
    void aPoolerHostIsRewrittenWhenAsked() {
        ConnectionConfig config =
                CdcJobs.config(base("hostname", POOLER, "neon.pooler-host.rewrite", "true"));
        assertThat(config.host()).isEqualTo("ep-cool-darkness-123456.us-east-2.aws.neon.tech");
        assertThat(
                        CdcJobs.config(
                                        base(
                                                "hostname", "EP-X-POOLER",
                                                "neon.pooler-host.rewrite", "true"))
                                .host())
                .isEqualTo("EP-X");
    }

    @Test
    void onlyTheFirstLabelMarksAPoolerHost() {
        String host = "db.my-pooler.example.com";
        assertThat(CdcJobs.config(base("hostname", host)).host()).isEqualTo(host);
    }

    @Test
    void endpointIdsAreCheckedAndAcceptTheOptionsForm() {
        assertThat(CdcJobs.config(base("neon.endpoint-id", "endpoint=ep-a-1")).neonEndpointId())
                .isEqualTo("ep-a-1");
        assertThatThrownBy(() -> CdcJobs.config(base("neon.endpoint-id", "ep-a -c x=1")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("'neon.endpoint-id'");
    }

    @Test
    void channelBindingDefaultsToPreferAndRequireNeedsTls() {
        assertThat(CdcJobs.config(base()).channelBinding()).isEqualTo(ChannelBinding.PREFER);
        assertThatThrownBy(
                        () ->
                                CdcJobs.config(
                                        base(
                                                "ssl.mode", "disable",
                                                "ssl.channel-binding", "require")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("'ssl.mode' = 'disable'");
    }

    @Test
    void systemRootCertNeedsVerifyFull() {
        assertThatThrownBy(
                        () ->
                                CdcJobs.config(
                                        base("ssl.mode", "verify-ca", "ssl.root-cert", "system")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("'ssl.mode' = 'verify-full'");
        assertThat(
                        CdcJobs.config(base("ssl.mode", "verify-full", "ssl.root-cert", "system"))
                                .sslRootCert())
                .isEqualTo("system");
    }

    @Test
    void sshNeedsHostUserAndAWayToLogIn() {
        assertThatThrownBy(() -> CdcJobs.config(base("ssh.enabled", "true")))
                .hasMessageContaining("'ssh.host'");
        assertThatThrownBy(() -> CdcJobs.config(base("ssh.enabled", "true", "ssh.host", "bastion")))
                .hasMessageContaining("'ssh.user'");
        assertThatThrownBy(
                        () ->
                                CdcJobs.config(
                                        base(
                                                "ssh.enabled", "true",
                                                "ssh.host", "bastion",
                                                "ssh.user", "u")))
                .hasMessageContaining("'ssh.private-key'")
                .hasMessageContaining("'ssh.password'");
    }

    @Test
    void sshSettingsAndDefaults() {
        SshTunnelConfig ssh =
                CdcJobs.config(
                                base(
                                        "ssh.enabled", "true",
                                        "ssh.host", "bastion.example.com",
                                        "ssh.user", "tunnel",
                                        "ssh.private-key", "/keys/id_ed25519",
                                        "ssh.private-key-passphrase", "key-secret"))
                        .sshTunnel();
        assertThat(ssh.port()).isEqualTo(22);
        assertThat(ssh.strictHostKeyChecking()).isTrue();
        assertThat(ssh.keepaliveInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(ssh.knownHosts()).isNull();
        assertThat(CdcJobs.config(base()).sshTunnel()).isNull();
    }

    @Test
    void toStringNeverShowsPasswordsOrPassphrases() {
        ConnectionConfig config =
                CdcJobs.config(
                        base(
                                "ssh.enabled", "true",
                                "ssh.host", "bastion.example.com",
                                "ssh.user", "tunnel",
                                "ssh.password", "ssh-secret",
                                "ssh.private-key", "/keys/id_ed25519",
                                "ssh.private-key-passphrase", "key-secret"));
        assertThat(config.toString())
                .contains("alex@ep-cool-darkness-123456", "via ssh://tunnel@bastion.example.com:22")
                .doesNotContain("db-secret", "ssh-secret", "key-secret");
    }

    @Test
    void theSqlFactoryAcceptsEveryConnectionOption() {
        assertThat(new NeonPostgresDynamicTableFactory().optionalOptions())
                .extracting(ConfigOption::key)
                .contains(
                        NeonPostgresOptions.SSL_CHANNEL_BINDING.key(),
                        "neon.endpoint-id",
                        "neon.pooler-host.rewrite",
                        "ssh.enabled",
                        "ssh.host",
                        "ssh.port",
                        "ssh.user",
                        "ssh.private-key",
                        "ssh.private-key-passphrase",
                        "ssh.password",
                        "ssh.known-hosts",
                        "ssh.strict-host-key-checking",
                        "ssh.keepalive-interval");
    }
}
