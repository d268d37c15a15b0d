package io.neoncdc.postgres.catalog;

/** A row of {@code pg_replication_slots} for the connector's slot. */
public final class SlotInfo {
    private final String name;
    private final String plugin;
    private final String database;
    private final boolean active;
    private final long confirmedFlushLsn;
    private final long restartLsn;
    private final String walStatus;
    private final String invalidationReason;
    private final boolean failover;
    private final boolean synced;

    public SlotInfo(
            String name,
            String plugin,
            String database,
            boolean active,
            long confirmedFlushLsn,
            long restartLsn,
            String walStatus) {
        this(
                name,
                plugin,
                database,
                active,
                confirmedFlushLsn,
                restartLsn,
                walStatus,
                null,
                false,
                false);
    }

    /**
     * @param invalidationReason {@code invalidation_reason} (PostgreSQL 17+), {@code conflicting}
     *     when PostgreSQL 16 reports a recovery conflict, else null
     * @param failover created with FAILOVER (PostgreSQL 17+)
     * @param synced a standby's copy of a failover slot, kept by its slot sync (PostgreSQL 17+)
     */
    public SlotInfo(
            String name,
            String plugin,
            String database,
            boolean active,
            long confirmedFlushLsn,
            long restartLsn,
            String walStatus,
            String invalidationReason,
            boolean failover,
            boolean synced) {
        this.invalidationReason = invalidationReason;
        this.failover = failover;
        this.synced = synced;
        this.name = name;
        this.plugin = plugin;
        this.database = database;
        this.active = active;
        this.confirmedFlushLsn = confirmedFlushLsn;
        this.restartLsn = restartLsn;
        this.walStatus = walStatus;
    }

    public String name() {
        return name;
    }

    public String plugin() {
        return plugin;
    }

    public String database() {
        return database;
    }

    public boolean active() {
        return active;
    }

    public long confirmedFlushLsn() {
        return confirmedFlushLsn;
    }

    public long restartLsn() {
        return restartLsn;
    }

    /** {@code reserved}, {@code extended}, {@code unreserved}, {@code lost}; null before PG 13. */
    public String walStatus() {
        return walStatus;
    }

    /**
     * Why PostgreSQL invalidated the slot: {@code wal_removed}, {@code rows_removed}, {@code
     * wal_level_insufficient}, {@code idle_timeout} (18+), {@code conflicting} (a recovery conflict
     * on PostgreSQL 16); null when it is valid or the server does not say (before 16).
     */
    public String invalidationReason() {
        return invalidationReason;
    }

    /** Whether the slot can never stream again: invalidated, or its WAL is gone. */
    public boolean invalidated() {
        return invalidationReason != null || "lost".equals(walStatus);
    }

    /** Created with FAILOVER: a standby with slot sync keeps a copy (PostgreSQL 17+). */
    public boolean failover() {
        return failover;
    }

    /** A standby's synced copy of a primary's failover slot (PostgreSQL 17+). */
    public boolean synced() {
        return synced;
    }
}
