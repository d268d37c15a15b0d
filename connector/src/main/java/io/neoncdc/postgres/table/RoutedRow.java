package io.neoncdc.postgres.table;

import org.apache.flink.table.data.RowData;

/**
 * One element of a shared source ({@link SharedSource}): a row in the layout of one of the SQL
 * scans the source serves, and the index of that scan. Immutable; each element has one reader.
 */
final class RoutedRow {
    final int scan;
    final RowData row;

    RoutedRow(int scan, RowData row) {
        this.scan = scan;
        this.row = row;
    }

    @Override
    public String toString() {
        return "scan " + scan + ": " + row;
    }
}
