package io.neoncdc.postgres.table;

import io.neoncdc.postgres.catalog.TableId;
import io.neoncdc.postgres.config.NeonPostgresSourceConfig;
import io.neoncdc.postgres.event.ChangeEvent;
import io.neoncdc.postgres.event.ChangeEventDeserializer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.util.Collector;

/**
 * The deserializer of a shared source: each change of a table becomes, for every scan of that
 * table, the scan's rows (its columns picked by name from the table's row, then its own
 * conversion), each addressed to the scan. Runs on the task's main thread.
 */
final class RoutingDeserializer implements ChangeEventDeserializer<RoutedRow> {
    private static final long serialVersionUID = 1L;

    private final SharedCapture capture;
    private final RoutedRowTypeInfo type;

    private transient Map<TableId, Route[]> routes;

    RoutingDeserializer(SharedCapture capture, RoutedRowTypeInfo type) {
        this.capture = capture;
        this.type = type;
    }

    @Override
    public void open(NeonPostgresSourceConfig config) throws Exception {
        List<SharedScan> scans = capture.scans();
        Map<TableId, List<Route>> byTable = new HashMap<>();
        for (int i = 0; i < scans.size(); i++) {
            SharedScan scan = scans.get(i);
            scan.deserializer.open(config);
            for (TableId table : scan.tables) {
                byTable.computeIfAbsent(table, t -> new ArrayList<>())
                        .add(new Route(i, scan, table, capture.columnsOf(table)));
            }
        }
        routes = new HashMap<>();
        byTable.forEach((t, r) -> routes.put(t, r.toArray(new Route[0])));
    }

    @Override
    public void deserialize(ChangeEvent event, Collector<RoutedRow> out) throws Exception {
        Route[] targets = routes.get(event.tableId());
        if (targets == null) {
            throw new IllegalStateException(
                    "A change of "
                            + event.tableId()
                            + " reached the shared source, which serves no scan of that table"
                            + " (its scans read "
                            + routes.keySet()
                            + ").");
        }
        for (Route route : targets) {
            route.emit(event, out);
        }
    }

    @Override
    public TypeInformation<RoutedRow> getProducedType() {
        return type;
    }

    /** One scan of a table: where its columns are in the table's row, and its conversion. */
    private static final class Route {
        final int scan;
        final ChangeEventDeserializer<RowData> deserializer;

        /** Positions of the scan's columns in the table's row; null when they are the same. */
        final int[] positions;

        final Addressed collector = new Addressed();

        Route(int scan, SharedScan spec, TableId table, RowType tableRow) {
            this.scan = scan;
            this.deserializer = spec.deserializer;
            List<String> names = spec.physical.getFieldNames();
            int[] p = new int[names.size()];
            boolean identity = names.size() == tableRow.getFieldCount();
            for (int i = 0; i < p.length; i++) {
                p[i] = tableRow.getFieldIndex(names.get(i));
                identity &= p[i] == i;
            }
            if (spec.stateful) {
                // Keys come from the whole row, so the scan's columns are picked where its rows
                // are built (KeyedChanges).
                ((KeyedChangeRows) spec.deserializer).project(table, identity ? null : p);
                this.positions = null;
            } else {
                this.positions = identity ? null : p;
            }
        }

        void emit(ChangeEvent event, Collector<RoutedRow> out) throws Exception {
            ChangeEvent own = event;
            if (positions != null) {
                own =
                        new ChangeEvent(
                                        event.op(),
                                        event.table(),
                                        pick(event.before(), event.table().rowType()),
                                        pick(event.after(), event.table().rowType()),
                                        event.commitLsn(),
                                        event.commitTimeMicros(),
                                        event.xid())
                                .at(
                                        event.lsn(),
                                        event.lastCommitLsn(),
                                        event.before() != null && !event.hasWholeBefore());
            }
            collector.target = out;
            deserializer.deserialize(own, collector);
        }

        private RowData pick(RowData row, RowType table) {
            if (row == null) {
                return null;
            }
            // Snapshot rows are binary (built from the COPY buffer), stream rows generic.
            GenericRowData source = EmittedRows.generic(row, table);
            GenericRowData picked = new GenericRowData(positions.length);
            for (int i = 0; i < positions.length; i++) {
                picked.setField(i, source.getField(positions[i]));
            }
            return picked;
        }

        /** Addresses the scan's rows to it. */
        private final class Addressed implements Collector<RowData> {
            Collector<RoutedRow> target;

            @Override
            public void collect(RowData row) {
                target.collect(new RoutedRow(scan, row));
            }

            @Override
            public void close() {}
        }
    }
}
