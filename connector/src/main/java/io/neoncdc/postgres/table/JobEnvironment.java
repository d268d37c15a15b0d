package io.neoncdc.postgres.table;

import java.lang.reflect.Field;
import org.apache.flink.api.dag.Transformation;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The environment a job is built in, behind the one the planner hands a scan. Flink's planner
 * translates each query into a fresh {@code DummyStreamExecutionEnvironment} wrapping the
 * environment of the table environment; a DataStream program that turns several tables into streams
 * ({@code toChangelogStream} per table, then {@code execute()}) translates several times into one
 * job, whose pending transformations the wrapped environment holds until it executes.
 */
final class JobEnvironment {
    private static final Logger LOG = LoggerFactory.getLogger(JobEnvironment.class);
    private static final String PLANNER_ENV =
            "org.apache.flink.table.planner.utils.DummyStreamExecutionEnvironment";

    private JobEnvironment() {}

    /**
     * The wrapped environment of a planner translation, else {@code env} itself. Read reflectively
     * (the field is private): if a Flink version renames it, scans share within one translation
     * only, as the log then says.
     */
    static StreamExecutionEnvironment of(StreamExecutionEnvironment env) {
        if (!env.getClass().getName().equals(PLANNER_ENV)) {
            return env;
        }
        try {
            Field real = env.getClass().getDeclaredField("realExecEnv");
            real.setAccessible(true);
            return (StreamExecutionEnvironment) real.get(env);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.info(
                    "Cannot see the environment behind the planner's ({}): neon-postgres-cdc"
                            + " tables share a slot within one query or statement set only",
                    e.toString());
            return env;
        }
    }

    /**
     * Whether {@code t} is part of what the job environment will execute: an earlier translation of
     * the same DataStream program handed a stream that reads it to the environment.
     */
    static boolean isPending(StreamExecutionEnvironment job, Transformation<?> t) {
        for (Transformation<?> root : job.getTransformations()) {
            if (root == t) {
                return true;
            }
            for (Transformation<?> p : root.getTransitivePredecessors()) {
                if (p == t) {
                    return true;
                }
            }
        }
        return false;
    }
}
