package io.neoncdc.jobs.runner;

import java.time.Instant;

/** Where the runner's statements run: a local MiniCluster or a cluster's SQL gateway. */
interface SqlTarget extends AutoCloseable {
    /**
     * Runs one statement; returns once it is done, its job is submitted, or (a query) its rows are
     * printed up to {@code deadline} (null: until the query ends).
     *
     * @throws Exception with a message for the user when the statement fails
     */
    void execute(SqlStatement statement, Instant deadline) throws Exception;

    /**
     * Called after the last statement: waits for the submitted jobs as the target does (locally:
     * until they end or {@code deadline}, then cancels them; on a cluster they keep running).
     *
     * @return false when a job failed
     */
    boolean finish(Instant deadline) throws Exception;

    /** Stops what this runner started and still owns (local jobs, open queries, the session). */
    @Override
    void close();
}
