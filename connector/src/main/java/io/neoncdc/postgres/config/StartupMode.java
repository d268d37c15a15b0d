package io.neoncdc.postgres.config;

import static org.apache.flink.configuration.description.TextElement.text;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.DescribedEnum;
import org.apache.flink.configuration.description.InlineElement;

/** Where a job without state starts reading: {@code scan.startup.mode}. */
@PublicEvolving
public enum StartupMode implements DescribedEnum {
    INITIAL("initial", "Snapshot the captured tables, then stream changes."),
    SNAPSHOT("snapshot", "Read a consistent snapshot and finish (bounded)."),
    LATEST_OFFSET("latest-offset", "Stream changes committed after the job starts."),
    COMMITTED_OFFSET("committed-offset", "Stream from the slot's confirmed_flush_lsn."),
    SPECIFIC_OFFSET("specific-offset", "Stream from scan.startup.specific-offset.lsn.");

    private final String value;
    private final String description;

    StartupMode(String value, String description) {
        this.value = value;
        this.description = description;
    }

    /** Whether this mode reads the tables before streaming. */
    public boolean snapshots() {
        return this == INITIAL || this == SNAPSHOT;
    }

    /** Whether this mode streams changes (all but the bounded snapshot mode). */
    public boolean streams() {
        return this != SNAPSHOT;
    }

    @Override
    public String toString() {
        return value;
    }

    @Override
    public InlineElement getDescription() {
        return text(description);
    }
}
