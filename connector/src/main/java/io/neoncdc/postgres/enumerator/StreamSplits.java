package io.neoncdc.postgres.enumerator;

import io.neoncdc.postgres.catalog.TableId;
import io.neoncdc.postgres.config.NeonPostgresSourceConfig;
import io.neoncdc.postgres.split.FinishedChunk;
import io.neoncdc.postgres.split.StreamSplit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Builds the first stream split from the finished chunks. */
final class StreamSplits {
    private StreamSplits() {}

    static StreamSplit first(
            NeonPostgresSourceConfig config, long startLsn, Collection<FinishedChunk> finished) {
        long stop = 0;
        if (!config.startupMode().streams()) {
            // Bounded: stream until every chunk snapshot's transactions have passed.
            stop =
                    finished.stream()
                            .mapToLong(FinishedChunk::walLsnAfterSnapshot)
                            .max()
                            .orElse(startLsn);
        }
        // Tables snapshotted now; tables that join the capture later are read by the stream.
        Set<TableId> known = null;
        if (config.startupMode().snapshots()) {
            known = new HashSet<>();
            for (FinishedChunk c : finished) {
                known.add(c.bounds().table());
            }
        }
        return new StreamSplit(startLsn, 0, 0, new ArrayList<>(finished), stop, List.of(), known);
    }
}
