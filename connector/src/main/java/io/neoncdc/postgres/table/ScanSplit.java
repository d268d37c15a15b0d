package io.neoncdc.postgres.table;

import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.table.data.RowData;
import org.apache.flink.util.Collector;

/**
 * Passes on the rows a shared source addressed to one scan. Chained to the source: a few
 * comparisons per row and no copy (see {@link RoutedRowSerializer#copy}).
 */
final class ScanSplit implements FlatMapFunction<RoutedRow, RowData> {
    private static final long serialVersionUID = 1L;

    private final int scan;

    ScanSplit(int scan) {
        this.scan = scan;
    }

    @Override
    public void flatMap(RoutedRow routed, Collector<RowData> out) {
        if (routed.scan == scan) {
            out.collect(routed.row);
        }
    }
}
