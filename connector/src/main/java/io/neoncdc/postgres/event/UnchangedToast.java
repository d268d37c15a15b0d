package io.neoncdc.postgres.event;

import org.apache.flink.annotation.PublicEvolving;

/**
 * Stands for an unchanged TOASTed value in a change event's row when {@code toast.unchanged-value}
 * = {@code fill}: the SQL table turns it into a marker bit that its keyed fill operator replaces
 * with the last known value, so it never reaches a user.
 */
@PublicEvolving
public final class UnchangedToast {
    /** The one instance; compare with {@code ==}. */
    public static final UnchangedToast VALUE = new UnchangedToast();

    private UnchangedToast() {}

    @Override
    public String toString() {
        return "<unchanged TOAST value>";
    }
}
