package io.neoncdc.postgres.cli;

import io.neoncdc.postgres.catalog.PublishedOperations;
import io.neoncdc.postgres.catalog.SignalTableCheck;
import io.neoncdc.postgres.catalog.TableId;
import io.neoncdc.postgres.config.ChangelogMode;
import io.neoncdc.postgres.config.NeonPostgresSourceConfig;
import io.neoncdc.postgres.config.PublicationAutoCreate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The SQL that prepares a database for the source: role, grants, replica identity, heartbeat and
 * signal tables, publication and slot. Every identifier is quoted; one statement per line.
 */
final class SetupScript {
    static final String PASSWORD_PLACEHOLDER = "<choose-a-strong-password>";

    private final NeonPostgresSourceConfig config;
    private final List<TableId> tables;
    private final TableId heartbeat;
    private final TableId signal;
    private final String role;

    SetupScript(
            NeonPostgresSourceConfig config,
            List<TableId> tables,
            TableId heartbeat,
            TableId signal) {
        this.config = config;
        this.tables = tables;
        this.heartbeat = heartbeat;
        this.signal = signal;
        this.role = TableId.quote(config.connection().user());
    }

    String render() {
        StringBuilder sql = new StringBuilder();
        sql.append("-- neon-postgres-cdc setup for database ")
                .append(TableId.quote(config.connection().database()))
                .append(": ")
                .append(tables.stream().map(TableId::toString).collect(Collectors.joining(", ")))
                .append(
                        "\n"
                            + "-- Run it there as the owner of the tables (on Neon: the database"
                            + " owner,")
                .append(
                        " e.g. neondb_owner),\n"
                                + "-- after enabling logical replication (Neon console:")
                .append(" Project settings -> Logical replication).\n\n");
        sql.append("-- The connector's role: LOGIN, and REPLICATION to create and stream from the")
                .append(
                        " slot.\n"
                            + "-- Skip it for an existing role (roles created in the Neon console")
                .append(" have both).\n")
                .append("CREATE ROLE ")
                .append(role)
                .append(" WITH LOGIN REPLICATION PASSWORD ")
                .append(TableId.literal(PASSWORD_PLACEHOLDER))
                .append(";\n\n");
        helperTables(sql);
        sql.append("-- Read access for the snapshot.\n");
        for (String schema : schemas()) {
            sql.append("GRANT USAGE ON SCHEMA ")
                    .append(schema)
                    .append(" TO ")
                    .append(role)
                    .append(";\n");
        }
        sql.append("GRANT SELECT ON ")
                .append(list(tables))
                .append(" TO ")
                .append(role)
                .append(";\n\n");
        if (config.changelogMode() == ChangelogMode.ALL) {
            sql.append("-- 'changelog-mode' = 'all' emits the old row of updates and deletes:")
                    .append(" the WAL must carry it.\n");
            for (TableId t : tables) {
                sql.append("ALTER TABLE ").append(t.quoted()).append(" REPLICA IDENTITY FULL;\n");
            }
        } else {
            sql.append("-- 'changelog-mode' = 'upsert': deletes are keyed by the primary key; a")
                    .append(" table without one needs\n-- ALTER TABLE … REPLICA IDENTITY FULL;\n");
        }
        // Offline: written for PostgreSQL 13+ (publish_via_partition_root needs it anyway).
        String publish = PublishedOperations.createOption(config.publication(), 130000);
        sql.append("\n-- The publication: whose changes the slot streams (leaf partitions as")
                .append(" their root, PostgreSQL 13+).\n")
                .append("CREATE PUBLICATION ")
                .append(TableId.quote(config.publicationName()))
                .append(
                        config.publicationAutoCreate() == PublicationAutoCreate.ALL_TABLES
                                ? " FOR ALL TABLES"
                                : " FOR TABLE " + list(published()))
                .append(" WITH (publish_via_partition_root = true")
                .append(publish == null ? "" : ", " + publish)
                .append(");\n\n");
        sql.append("-- The slot (optional: the source creates it at its first start). It retains")
                .append(" WAL from now\n-- until a job confirms it: create it shortly before")
                .append(" starting the job.\n")
                .append("SELECT pg_create_logical_replication_slot(")
                .append(TableId.literal(config.slotName()))
                .append(", 'pgoutput');\n");
        return sql.toString();
    }

    private void helperTables(StringBuilder sql) {
        if (heartbeat != null) {
            sql.append("-- Heartbeat table ('heartbeat.table'): the source upserts it every")
                    .append(" 'heartbeat.interval'.\n")
                    .append("CREATE TABLE IF NOT EXISTS ")
                    .append(heartbeat.quoted())
                    .append(" (id int PRIMARY KEY, ts timestamptz NOT NULL);\n")
                    .append("GRANT SELECT, INSERT, UPDATE ON ")
                    .append(heartbeat.quoted())
                    .append(" TO ")
                    .append(role)
                    .append(";\n\n");
        }
        if (signal != null) {
            sql.append("-- Signal table ('signal.table'): insert execute-snapshot / stop-snapshot")
                    .append(" signals here;\n-- they are read from the WAL, so it is in the")
                    .append(" publication.\n")
                    .append(SignalTableCheck.createStatement(signal))
                    .append("\n")
                    .append("GRANT SELECT, INSERT ON ")
                    .append(signal.quoted())
                    .append(" TO ")
                    .append(role)
                    .append(";\n\n");
        }
    }

    /** Captured tables, then the heartbeat and signal tables (their changes travel the WAL). */
    private List<TableId> published() {
        Set<TableId> all = new LinkedHashSet<>(tables);
        if (heartbeat != null) {
            all.add(heartbeat);
        }
        if (signal != null) {
            all.add(signal);
        }
        return new ArrayList<>(all);
    }

    private Set<String> schemas() {
        Set<String> schemas = new LinkedHashSet<>();
        published().forEach(t -> schemas.add(TableId.quote(t.schema())));
        return schemas;
    }

    private static String list(List<TableId> ids) {
        return ids.stream().map(TableId::quoted).collect(Collectors.joining(", "));
    }
}
