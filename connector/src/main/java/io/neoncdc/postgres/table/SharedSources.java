package io.neoncdc.postgres.table;

import io.neoncdc.postgres.config.NeonPostgresSourceConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;

/**
 * Finds the shared source a scan joins: per job environment, one source per connection and slot,
 * created by its first scan. Entries of earlier jobs (submitted, explained, or translated and
 * dropped) are recognised by not being pending in the job environment and are forgotten.
 *
 * <p>Why this works: the planner calls every scan's {@code produceDataStream} while translating a
 * job, and Flink serializes the source (and creates its element serializer) only when it builds the
 * stream and job graphs from the translated operators, so the source carries every scan of the job.
 * Flink 2.3's planner (StreamPlanner.translateToPlan, CommonExecTableSourceScan) and
 * StreamGraphGenerator behave so; {@code SharedSourceTest} checks it on the real planner.
 */
final class SharedSources {
    private static final Map<StreamExecutionEnvironment, List<SharedSource>> JOBS =
            new WeakHashMap<>();

    private SharedSources() {}

    /** Joins (or creates) the job's source of the scan's slot (the planner's thread). */
    static synchronized DataStream<RowData> attach(
            StreamExecutionEnvironment env,
            SharedSlotKey key,
            NeonPostgresSourceConfig config,
            SharedScan scan,
            RowType produced) {
        StreamExecutionEnvironment job = JobEnvironment.of(env);
        List<SharedSource> sources = JOBS.computeIfAbsent(job, j -> new ArrayList<>());
        sources.removeIf(s -> !s.pendingIn(env, job));
        for (SharedSource s : sources) {
            if (!s.key().sameSlot(key)) {
                continue;
            }
            List<String> differences = s.key().differences(key);
            if (!differences.isEmpty()) {
                throw new ValidationException(
                        "Tables "
                                + s.capture().tables()
                                + " and "
                                + scan.tables
                                + " of this job read "
                                + key
                                + " with different options ("
                                + String.join(", ", differences)
                                + "). One slot feeds one source, which reads all its tables"
                                + " with the same options: use the same options, or give"
                                + " one table its own slot, e.g. /*+ OPTIONS('slot.name' ="
                                + " '…') */.");
            }
            return s.attach(env, scan, produced);
        }
        SharedSource created = new SharedSource(env, key, config);
        sources.add(created);
        return created.attach(env, scan, produced);
    }
}
