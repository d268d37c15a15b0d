package io.neoncdc.postgres.table;

import io.neoncdc.postgres.catalog.ColumnInfo;
import io.neoncdc.postgres.catalog.OldRows;
import io.neoncdc.postgres.catalog.TableId;
import io.neoncdc.postgres.catalog.TableInfo;
import io.neoncdc.postgres.config.ChangelogMode;
import io.neoncdc.postgres.config.NeonPostgresSourceConfig;
import io.neoncdc.postgres.connection.PgConnector;
import io.neoncdc.postgres.setup.SetupChecks;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.table.types.logical.RowType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a SQL table's scan keeps each key's last row in Flink state ({@link
 * ChangelogMaterializer}) and for which captured tables, decided once when the job is planned from
 * {@code pg_class.relreplident} ({@link OldRows}) and the TOAST-able columns. Reusable: {@link
 * #needsState} is the per-table rule.
 */
public final class ChangelogPlan {
    private static final Logger LOG = LoggerFactory.getLogger(ChangelogPlan.class);

    private final boolean keepsState;
    private final Set<TableId> withoutState;
    private final Set<String> keyColumns;

    private ChangelogPlan(boolean keepsState, Set<TableId> withoutState, Set<String> keyColumns) {
        this.keepsState = keepsState;
        this.withoutState = withoutState;
        this.keyColumns = keyColumns;
    }

    private ChangelogPlan(boolean keepsState, Set<TableId> withoutState) {
        this(keepsState, withoutState, null);
    }

    /** Whether the scan has the materializer (and then emits a retract stream in any mode). */
    public boolean keepsState() {
        return keepsState;
    }

    /**
     * The replica identity key columns of every captured table (the state keys and the pass-through
     * routing keys are built from them, so a projected scan still reads them), or null when the
     * tables could not be looked up.
     */
    public Set<String> keyColumns() {
        return keyColumns;
    }

    /** Captured tables whose rows pass the materializer without state. */
    public Set<TableId> withoutState() {
        return withoutState;
    }

    /**
     * Whether the exact changelog of one table in this mode needs its rows in Flink state: in
     * {@code all} mode when the WAL carries only old keys; in {@code upsert} mode (whose -D needs
     * only the key) when unchanged TOASTed values must be filled too.
     *
     * @param declared the declared physical columns, or null for all columns
     */
    public static boolean needsState(TableInfo table, ChangelogMode mode, RowType declared) {
        if (OldRows.of(table) != OldRows.STATE) {
            return false;
        }
        return mode == ChangelogMode.ALL || hasToastable(table, declared);
    }

    private static boolean hasToastable(TableInfo table, RowType declared) {
        for (ColumnInfo c : table.columns()) {
            if (c.toastable() && (declared == null || declared.getFieldIndex(c.name()) >= 0)) {
                return true;
            }
        }
        return false;
    }

    /** The plan for these captured tables. */
    static ChangelogPlan decide(NeonPostgresSourceConfig config, List<TableInfo> tables) {
        if (config.requireFullIdentity()) {
            return new ChangelogPlan(false, Set.of());
        }
        ChangelogMode mode = config.changelogMode();
        List<TableId> stateful = new ArrayList<>();
        Set<TableId> without = new LinkedHashSet<>();
        Set<String> keys = new LinkedHashSet<>();
        for (TableInfo t : tables) {
            keys.addAll(t.replicaIdentityKey());
            if (needsState(t, mode, config.declaredRowType())) {
                stateful.add(t.id());
            } else if (mode == ChangelogMode.ALL || OldRows.of(t) == OldRows.INSERT_ONLY) {
                // 'all': whole old rows in the WAL, or insert-only. 'upsert' keeps every keyed
                // table in state once there is state: a re-snapshot read of a held key must
                // become -U/+U, never a second +I.
                without.add(t.id());
            }
        }
        if (stateful.isEmpty()) {
            return new ChangelogPlan(false, Set.of());
        }
        LOG.info(
                "Tables {} keep each key's last row in Flink state (REPLICA IDENTITY is not FULL);"
                        + " {} need none",
                stateful,
                without);
        return new ChangelogPlan(true, without, keys);
    }

    /**
     * Looks the captured tables up once (on the client that plans the job, through the connector's
     * own connection code: TLS, SSH tunnel). If the database cannot be reached the plan keeps state
     * for every keyed table: exact whatever the identities are.
     */
    static ChangelogPlan lookUp(NeonPostgresSourceConfig config) {
        if (config.requireFullIdentity()) {
            return new ChangelogPlan(false, Set.of());
        }
        PgConnector connector = new PgConnector(config.connection(), "neon-postgres-cdc-planner");
        try (Connection c = connector.openQuery()) {
            return decide(config, SetupChecks.capturedTables(c, config));
        } catch (Exception e) {
            LOG.warn(
                    "Could not read the replica identity of the captured tables of {} while"
                            + " planning ({}); the job keeps each key's last row of every keyed"
                            + " table in Flink state, which is exact whatever their REPLICA"
                            + " IDENTITY is",
                    config,
                    e.getMessage());
            return new ChangelogPlan(true, Set.of());
        }
    }

    @Override
    public String toString() {
        return keepsState
                ? "state for keyed tables except "
                        + withoutState.stream().map(TableId::toString).collect(Collectors.toList())
                : "no state";
    }
}
