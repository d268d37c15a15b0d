package io.neoncdc.postgres.table;

import io.neoncdc.postgres.NeonPostgresSource;
import io.neoncdc.postgres.catalog.TableId;
import io.neoncdc.postgres.config.NeonPostgresSourceConfig;
import io.neoncdc.postgres.config.ToastMode;
import io.neoncdc.postgres.enumerator.NeonEnumeratorState;
import io.neoncdc.postgres.split.NeonSplit;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * One neon-postgres-cdc source (one slot, one walsender, one snapshot plan) for every table of a
 * {@link SharedCapture}. The planner creates it at the first scan, before later scans join, so it
 * builds the actual {@link NeonPostgresSource} from the capture when first used: on the JobManager
 * and TaskManagers, after the job graph carried the complete capture there.
 */
final class SharedNeonSource
        implements Source<RoutedRow, NeonSplit, NeonEnumeratorState>,
                ResultTypeQueryable<RoutedRow> {
    private static final long serialVersionUID = 1L;

    private final NeonPostgresSourceConfig base;
    private final SharedCapture capture;
    private final RoutedRowTypeInfo type;

    private transient NeonPostgresSource<RoutedRow> delegate;
    private transient int delegateScans;

    SharedNeonSource(NeonPostgresSourceConfig base, SharedCapture capture) {
        this.base = base;
        this.capture = capture;
        this.type = new RoutedRowTypeInfo(capture);
    }

    /** The source for the scans known now (rebuilt if a scan joined since: planning only). */
    synchronized NeonPostgresSource<RoutedRow> delegate() {
        if (delegate == null || delegateScans != capture.size()) {
            delegateScans = capture.size();
            delegate =
                    NeonPostgresSource.<RoutedRow>builderFor(config())
                            .deserializer(new RoutingDeserializer(capture, type))
                            .build();
        }
        return delegate;
    }

    /** The first scan's configuration, capturing exactly the scanned tables with their columns. */
    NeonPostgresSourceConfig config() {
        NeonPostgresSourceConfig.Builder b = base.toBuilder().tableList(capture.tables());
        for (TableId table : capture.tables()) {
            b.declaredSchema(table, capture.columnsOf(table), capture.keyOf(table));
        }
        List<SharedScan> scans = capture.scans();
        if (scans.stream().anyMatch(s -> s.fillToast)) {
            // The keyed state fills unchanged TOASTed values: the reader marks them.
            b.values(base.values().withToastMode(ToastMode.FILL));
        } else if (base.values().toastMode() == ToastMode.FILL) {
            // No state to fill from: the WAL's whole old rows carry them (as a table of its own).
            b.values(base.values().withToastMode(ToastMode.FAIL));
        }
        NeonPostgresSourceConfig config = b.build();
        // A scan with state has the old rows that default REPLICA IDENTITY does not log.
        return scans.stream().anyMatch(s -> s.stateful)
                ? config.withOldRowsFromState(true)
                : config;
    }

    @Override
    public Boundedness getBoundedness() {
        return base.startupMode().streams()
                ? Boundedness.CONTINUOUS_UNBOUNDED
                : Boundedness.BOUNDED;
    }

    @Override
    public SourceReader<RoutedRow, NeonSplit> createReader(SourceReaderContext context)
            throws Exception {
        return delegate().createReader(context);
    }

    @Override
    public SplitEnumerator<NeonSplit, NeonEnumeratorState> createEnumerator(
            SplitEnumeratorContext<NeonSplit> context) throws Exception {
        return delegate().createEnumerator(context);
    }

    @Override
    public SplitEnumerator<NeonSplit, NeonEnumeratorState> restoreEnumerator(
            SplitEnumeratorContext<NeonSplit> context, NeonEnumeratorState state) throws Exception {
        return delegate().restoreEnumerator(context, state);
    }

    @Override
    public SimpleVersionedSerializer<NeonSplit> getSplitSerializer() {
        return delegate().getSplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<NeonEnumeratorState> getEnumeratorCheckpointSerializer() {
        return delegate().getEnumeratorCheckpointSerializer();
    }

    @Override
    public TypeInformation<RoutedRow> getProducedType() {
        return type;
    }
}
