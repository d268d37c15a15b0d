package io.neoncdc.postgres.setup;

import io.neoncdc.postgres.catalog.OldRows;
import io.neoncdc.postgres.catalog.PartitionLeaf;
import io.neoncdc.postgres.catalog.TableId;
import io.neoncdc.postgres.catalog.TableInfo;
import io.neoncdc.postgres.config.ChangelogMode;
import io.neoncdc.postgres.config.NeonPostgresSourceConfig;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.apache.flink.table.api.ValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks each table's REPLICA IDENTITY (DEFAULT, USING INDEX, FULL, NOTHING; per leaf partition)
 * against the changelog mode, the declared primary key and where old rows come from ({@link
 * OldRows}), failing with the ALTER statement to run.
 */
final class ReplicaIdentityCheck {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicaIdentityCheck.class);

    /** Unique indexes PostgreSQL accepts as replica identity (not partial, not deferrable). */
    private static final String IDENTITY_INDEXES =
            "SELECT quote_ident(ic.relname), array_agg(a.attname ORDER BY k.ord)::text[]"
                    + " FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid"
                    + " CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)"
                    + " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum"
                    + " WHERE i.indrelid = ? AND i.indisunique AND i.indimmediate"
                    + " AND i.indpred IS NULL GROUP BY ic.relname";

    private final NeonPostgresSourceConfig config;
    private final Connection connection;

    ReplicaIdentityCheck(NeonPostgresSourceConfig config, Connection connection) {
        this.config = config;
        this.connection = connection;
    }

    void check(List<TableInfo> tables) throws SQLException {
        for (TableInfo t : tables) {
            for (Target target : targets(t)) {
                OldRows rows = target.oldRows(t);
                if (rows == OldRows.INSERT_ONLY && config.changelogMode() == ChangelogMode.ALL) {
                    warnInsertOnly(t, target);
                } else if (config.requireFullIdentity() && rows != OldRows.WAL) {
                    refuse(t, target, "'replica-identity.require-full' = 'true'");
                } else if (config.changelogMode() == ChangelogMode.ALL) {
                    checkAll(t, target, rows);
                } else {
                    checkUpsert(t, target);
                }
            }
        }
    }

    /**
     * 'all' emits -U/-D with the whole old row: FULL logs it; otherwise only a SQL plan that keeps
     * each key's last row in Flink state has it (DESIGN §6).
     */
    private void checkAll(TableInfo t, Target target, OldRows rows) {
        if (rows == OldRows.WAL) {
            return;
        }
        if (config.oldRowsFromState()) {
            LOG.info(
                    "{} has REPLICA IDENTITY {}: its old rows come from Flink keyed state (one row"
                            + " per key)",
                    target.describe(t),
                    identityName(target.identity));
            return;
        }
        refuse(t, target, "this source keeps no rows in Flink state (a DataStream source)");
    }

    private static void refuse(TableInfo t, Target target, String why) {
        throw new ValidationException(
                target.describe(t)
                        + " has REPLICA IDENTITY "
                        + identityName(target.identity)
                        + ", so updates and deletes do not carry the whole old row, and "
                        + why
                        + ". Run: ALTER TABLE "
                        + target.id.quoted()
                        + " REPLICA IDENTITY FULL; (a SQL table without"
                        + " 'replica-identity.require-full' keeps old rows in Flink state"
                        + " instead; a DataStream source can use 'changelog-mode' = 'upsert').");
    }

    /**
     * No replica identity: PostgreSQL itself rejects UPDATE and DELETE on the table while the
     * publication publishes them, so nothing but inserts can reach the stream and nothing is lost.
     */
    private static void warnInsertOnly(TableInfo t, Target target) {
        LOG.warn(
                "{} has REPLICA IDENTITY {}{}: PostgreSQL rejects UPDATE and DELETE on it while it"
                        + " is published, so only its inserts are captured (exactly, as a multiset"
                        + " of rows). To update or delete its rows, add a primary key or run ALTER"
                        + " TABLE {} REPLICA IDENTITY FULL;",
                target.describe(t),
                identityName(target.identity),
                target.identity == 'd' ? " and no primary key" : "",
                target.id.quoted());
    }

    /** 'upsert' emits -D keyed by the declared key: the WAL's old key must be that key. */
    private void checkUpsert(TableInfo t, Target target) throws SQLException {
        List<String> declared = config.declaredPrimaryKey(t.id());
        List<String> walKey;
        switch (target.identity) {
            case 'f':
                if (!declared.isEmpty()
                        && !t.primaryKey().isEmpty()
                        && !sameColumns(declared, t.primaryKey())) {
                    LOG.warn(
                            "{}: declared PRIMARY KEY ({}) differs from the table's primary key"
                                    + " ({}); with REPLICA IDENTITY FULL every delete carries it,"
                                    + " but it must be unique in PostgreSQL",
                            t.id(),
                            String.join(", ", declared),
                            String.join(", ", t.primaryKey()));
                }
                return;
            case 'd':
                walKey = t.primaryKey();
                break;
            case 'i':
                walKey = t.replicaIdentityKey();
                break;
            default:
                walKey = List.of();
                break;
        }
        if (walKey.isEmpty()) {
            throw new ValidationException(
                    target.describe(t)
                            + " has REPLICA IDENTITY "
                            + identityName(target.identity)
                            + (target.identity == 'd' ? " and no primary key" : "")
                            + ", so deletes do not identify the deleted row. Add a primary key"
                            + " or run: ALTER TABLE "
                            + target.id.quoted()
                            + " REPLICA IDENTITY FULL;");
        }
        if (declared.isEmpty() || sameColumns(declared, walKey)) {
            return;
        }
        String index = identityIndexOn(target.oid, declared);
        throw new ValidationException(
                target.describe(t)
                        + ": the declared PRIMARY KEY ("
                        + String.join(", ", declared)
                        + ") is not the key its deletes carry under REPLICA IDENTITY "
                        + identityName(target.identity)
                        + " ("
                        + String.join(", ", walKey)
                        + "), so an upsert stream could not retract deleted rows. Declare"
                        + " PRIMARY KEY ("
                        + String.join(", ", walKey)
                        + ") NOT ENFORCED, or run: ALTER TABLE "
                        + target.id.quoted()
                        + (index == null
                                ? " REPLICA IDENTITY FULL;"
                                : " REPLICA IDENTITY USING INDEX " + index + ";"));
    }

    /** A unique index usable as replica identity on exactly these columns, or null. */
    private String identityIndexOn(int oid, List<String> columns) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(IDENTITY_INDEXES)) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String[] cols = (String[]) rs.getArray(2).getArray();
                    if (sameColumns(List.of(cols), columns)) {
                        return rs.getString(1);
                    }
                }
            }
        }
        return null;
    }

    private static boolean sameColumns(List<String> a, List<String> b) {
        return a.size() == b.size() && new HashSet<>(a).equals(new HashSet<>(b));
    }

    /** The relations whose WAL records carry the old rows: the table, or every leaf partition. */
    private static List<Target> targets(TableInfo t) {
        List<Target> result = new ArrayList<>();
        if (t.isPartitioned()) {
            for (PartitionLeaf leaf : t.leaves()) {
                result.add(new Target(leaf.id(), leaf.oid(), leaf.replicaIdentity(), true));
            }
        } else {
            result.add(new Target(t.id(), t.oid(), t.replicaIdentity(), false));
        }
        return result;
    }

    static String identityName(char c) {
        switch (c) {
            case 'd':
                return "DEFAULT";
            case 'n':
                return "NOTHING";
            case 'i':
                return "USING INDEX";
            default:
                return "FULL";
        }
    }

    /** A relation whose replica identity matters. */
    private static final class Target {
        final TableId id;
        final int oid;
        final char identity;
        final boolean leaf;

        Target(TableId id, int oid, char identity, boolean leaf) {
            this.id = id;
            this.oid = oid;
            this.identity = identity;
            this.leaf = leaf;
        }

        OldRows oldRows(TableInfo table) {
            return identity == 'i'
                    ? OldRows.STATE
                    : OldRows.of(identity, leaf ? table.primaryKey() : table.replicaIdentityKey());
        }

        String describe(TableInfo table) {
            return leaf ? "Partition " + id + " of partitioned table " + table.id() : "Table " + id;
        }
    }
}
