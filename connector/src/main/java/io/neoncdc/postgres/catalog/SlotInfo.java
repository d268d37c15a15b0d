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

    public SlotInfo(
            String name,
            String plugin,
            String database,
            boolean active,
            long confirmedFlushLsn,
            long restartLsn,
            String walStatus) {
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
}
