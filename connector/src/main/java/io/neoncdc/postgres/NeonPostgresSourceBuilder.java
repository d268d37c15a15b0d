package io.neoncdc.postgres;

import static io.neoncdc.postgres.config.NeonPostgresOptions.*;

import io.neoncdc.postgres.catalog.TableId;
import io.neoncdc.postgres.catalog.TableList;
import io.neoncdc.postgres.config.ChannelBinding;
import io.neoncdc.postgres.config.CheckpointMode;
import io.neoncdc.postgres.config.NeonPostgresSourceConfig;
import io.neoncdc.postgres.config.SslMode;
import io.neoncdc.postgres.config.StartupMode;
import io.neoncdc.postgres.config.ToastMode;
import io.neoncdc.postgres.event.ChangeEventDeserializer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;

/**
 * Builds a {@link NeonPostgresSource} for the DataStream API with the same options as the SQL
 * connector ({@link io.neoncdc.postgres.config.NeonPostgresOptions}).
 */
@PublicEvolving
public final class NeonPostgresSourceBuilder<T> {
    private final Configuration options = new Configuration();
    private ChangeEventDeserializer<T> deserializer;
    private NeonPostgresSourceConfig config;
    private CheckpointMode checkpointMode = CheckpointMode.UNKNOWN;

    NeonPostgresSourceBuilder() {}

    public NeonPostgresSourceBuilder<T> hostname(String host) {
        return set(HOSTNAME, host);
    }

    public NeonPostgresSourceBuilder<T> port(int port) {
        return set(PORT, port);
    }

    public NeonPostgresSourceBuilder<T> database(String database) {
        return set(DATABASE_NAME, database);
    }

    public NeonPostgresSourceBuilder<T> username(String user) {
        return set(USERNAME, user);
    }

    public NeonPostgresSourceBuilder<T> password(String password) {
        return set(PASSWORD, password);
    }

    /** Schema name or regular expression (default {@code public}). */
    public NeonPostgresSourceBuilder<T> schemaName(String regex) {
        return set(SCHEMA_NAME, regex);
    }

    /** Table name or regular expression. */
    public NeonPostgresSourceBuilder<T> tableName(String regex) {
        return set(TABLE_NAME, regex);
    }

    /**
     * Captures exactly these tables ({@code table-list}), each {@code schema.table} (or {@code
     * schema,table}); names are matched literally, not as regular expressions, and a name
     * containing {@code ,} {@code .} or {@code "} is double-quoted. Replaces {@link #tableName}.
     */
    public NeonPostgresSourceBuilder<T> tableList(String... names) {
        List<TableId> tables = new ArrayList<>();
        for (String name : names) {
            tables.add(TableList.parseName(name));
        }
        return tableList(tables);
    }

    /** Captures exactly these tables ({@code table-list}). */
    public NeonPostgresSourceBuilder<T> tableList(Collection<TableId> tables) {
        return set(TABLE_LIST, TableList.format(tables));
    }

    /**
     * Captures exactly the tables of a CSV file read now (on the client): one {@code schema,table}
     * or {@code schema.table} per line, no header, blank lines and {@code #} comments ignored;
     * every bad line is reported with its number.
     */
    public NeonPostgresSourceBuilder<T> tableListFile(Path file) {
        return tableList(TableList.readFile(file));
    }

    public NeonPostgresSourceBuilder<T> slotName(String slot) {
        return set(SLOT_NAME, slot);
    }

    public NeonPostgresSourceBuilder<T> publicationName(String publication) {
        return set(PUBLICATION_NAME, publication);
    }

    /** {@code ssl.mode} (default {@code require}); {@code verify-full} for Neon. */
    public NeonPostgresSourceBuilder<T> sslMode(SslMode mode) {
        return set(SSL_MODE, mode);
    }

    /** {@code ssl.root-cert}: PEM file of the CA(s) that sign the server certificate. */
    public NeonPostgresSourceBuilder<T> sslRootCert(String path) {
        return set(SSL_ROOT_CERT, path);
    }

    /** {@code ssl.channel-binding} (default {@code prefer}). */
    public NeonPostgresSourceBuilder<T> sslChannelBinding(ChannelBinding binding) {
        return set(SSL_CHANNEL_BINDING, binding);
    }

    /** {@code neon.endpoint-id}: sent as {@code options=endpoint=<id>}. */
    public NeonPostgresSourceBuilder<T> neonEndpointId(String endpointId) {
        return set(NEON_ENDPOINT_ID, endpointId);
    }

    /** {@code neon.pooler-host.rewrite}: use the direct host for a {@code -pooler} host. */
    public NeonPostgresSourceBuilder<T> neonPoolerHostRewrite(boolean rewrite) {
        return set(NEON_POOLER_HOST_REWRITE, rewrite);
    }

    /**
     * Connects through an SSH tunnel ({@code ssh.enabled}, {@code ssh.host}, {@code ssh.port},
     * {@code ssh.user}); add {@link #sshPrivateKey} or {@link #sshPassword}, and {@link
     * #sshKnownHosts}.
     */
    public NeonPostgresSourceBuilder<T> sshTunnel(String host, int port, String user) {
        set(SSH_ENABLED, true);
        set(SSH_HOST, host);
        set(SSH_PORT, port);
        return set(SSH_USER, user);
    }

    /** {@code ssh.private-key} and {@code ssh.private-key-passphrase} (null when unencrypted). */
    public NeonPostgresSourceBuilder<T> sshPrivateKey(String path, String passphrase) {
        set(SSH_PRIVATE_KEY, path);
        return passphrase == null ? this : set(SSH_PRIVATE_KEY_PASSPHRASE, passphrase);
    }

    public NeonPostgresSourceBuilder<T> sshPassword(String password) {
        return set(SSH_PASSWORD, password);
    }

    /** {@code ssh.known-hosts}: the known_hosts file with the bastion's host key. */
    public NeonPostgresSourceBuilder<T> sshKnownHosts(String path) {
        return set(SSH_KNOWN_HOSTS, path);
    }

    /**
     * {@code topic.prefix} and {@code topic.prefix-database}: the {@code topic} of each change,
     * {@code <prefix>.<schema>.<table>} or {@code <prefix>.<database>_<schema>.<table>}.
     */
    public NeonPostgresSourceBuilder<T> topicPrefix(String prefix, boolean withDatabase) {
        set(TOPIC_PREFIX, prefix);
        return set(TOPIC_PREFIX_DATABASE, withDatabase);
    }

    /**
     * {@code slot.failover} (PostgreSQL 17+): the slot is created with FAILOVER, so a standby with
     * {@code sync_replication_slots = on} keeps a copy to resume from after a promotion.
     */
    public NeonPostgresSourceBuilder<T> slotFailover(boolean failover) {
        return set(SLOT_FAILOVER, failover);
    }

    /**
     * Scale-to-zero idle mode ({@code neon.idle-disconnect}): after {@code after} without changes
     * (and the slot confirmed) the stream closes its connections, and reconnects after {@code
     * reconnectInterval} to look for new WAL.
     */
    public NeonPostgresSourceBuilder<T> idleDisconnect(Duration after, Duration reconnectInterval) {
        set(NEON_IDLE_DISCONNECT, true);
        set(NEON_IDLE_DISCONNECT_AFTER, after);
        return set(NEON_IDLE_DISCONNECT_RECONNECT_INTERVAL, reconnectInterval);
    }

    public NeonPostgresSourceBuilder<T> startupMode(StartupMode mode) {
        return set(SCAN_STARTUP_MODE, mode);
    }

    /**
     * {@code replica-identity.require-full}: refuse captured tables without REPLICA IDENTITY FULL
     * also in {@code upsert} mode (a DataStream source has no state for old rows, so {@code all}
     * mode always needs FULL, except for insert-only tables).
     */
    public NeonPostgresSourceBuilder<T> requireFullReplicaIdentity(boolean require) {
        return set(REPLICA_IDENTITY_REQUIRE_FULL, require);
    }

    /**
     * Tells the source how the job checkpoints (a DataStream source cannot see it). With
     * parallelism above 1, the stream starts after the first checkpoint completed once the snapshot
     * finished; without aligned checkpoints, one subtask reads every chunk instead.
     */
    public NeonPostgresSourceBuilder<T> checkpointMode(CheckpointMode mode) {
        this.checkpointMode = mode;
        return this;
    }

    /** Any option of the SQL connector, by its SQL key (e.g. {@code ssl.mode}). */
    public NeonPostgresSourceBuilder<T> option(String key, String value) {
        options.setString(key, value);
        return this;
    }

    public NeonPostgresSourceBuilder<T> options(Map<String, String> values) {
        values.forEach(options::setString);
        return this;
    }

    public <V> NeonPostgresSourceBuilder<T> set(ConfigOption<V> option, V value) {
        options.set(option, value);
        return this;
    }

    /** Uses a complete configuration instead of options. */
    NeonPostgresSourceBuilder<T> config(NeonPostgresSourceConfig config) {
        this.config = config;
        return this;
    }

    public NeonPostgresSourceBuilder<T> deserializer(ChangeEventDeserializer<T> deserializer) {
        this.deserializer = deserializer;
        return this;
    }

    private boolean hasTableList() {
        return options.contains(TABLE_LIST);
    }

    public NeonPostgresSource<T> build() {
        if (deserializer == null) {
            throw new IllegalArgumentException("A deserializer is required: call deserializer(…)");
        }
        if (config != null) {
            return new NeonPostgresSource<>(config, deserializer);
        }
        for (ConfigOption<?> required :
                new ConfigOption<?>[] {HOSTNAME, USERNAME, DATABASE_NAME, TABLE_NAME}) {
            if (!options.contains(required) && (required != TABLE_NAME || !hasTableList())) {
                throw new IllegalArgumentException(
                        "Option '" + required.key() + "' is required but not set.");
            }
        }
        NeonPostgresSourceConfig.Builder builder =
                NeonPostgresSourceConfig.fromOptions(options).checkpointMode(checkpointMode);
        if (deserializer.requiredRowType() != null) {
            // A RowData deserializer fixes the row layout: every table is read into it.
            builder.declaredSchema(deserializer.requiredRowType(), List.of());
        }
        NeonPostgresSourceConfig config = builder.build();
        if (config.values().toastMode() == ToastMode.FILL) {
            throw new IllegalArgumentException(
                    "'toast.unchanged-value' = 'fill' needs the keyed fill operator of the SQL"
                            + " connector; a DataStream source supports fail, null and"
                            + " placeholder.");
        }
        return new NeonPostgresSource<>(config, deserializer);
    }
}
