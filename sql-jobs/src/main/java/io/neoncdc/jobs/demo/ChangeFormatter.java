package io.neoncdc.jobs.demo;

import java.time.Instant;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;
import org.apache.flink.util.Collector;

/**
 * Turns a changelog row of one captured table into a console line (key, the table's shown columns,
 * commit time), dropping update-before rows: the +U that follows tells the story.
 */
final class ChangeFormatter implements FlatMapFunction<Row, ChangeLine> {
    private static final long serialVersionUID = 1L;

    private final DemoTable table;

    ChangeFormatter(DemoTable table) {
        this.table = table;
    }

    @Override
    public void flatMap(Row row, Collector<ChangeLine> out) {
        if (row.getKind() == RowKind.UPDATE_BEFORE) {
            return;
        }
        ChangeLine line = new ChangeLine();
        // The connector's table_name: changes in a leaf partition are attributed to the root.
        line.table = String.valueOf(row.getField("table_name"));
        line.kind = row.getKind().shortString();
        line.op = String.valueOf(row.getField("op"));
        StringBuilder key = new StringBuilder();
        for (String k : table.key) {
            key.append(key.length() == 0 ? "" : "/").append(CellText.of(row.getField(k)));
        }
        line.key = key.toString();
        StringBuilder columns = new StringBuilder();
        for (String c : table.shown) {
            columns.append(columns.length() == 0 ? "" : " ")
                    .append(c)
                    .append('=')
                    .append(CellText.of(row.getField(c)));
        }
        line.columns = columns.toString();
        Object opTs = row.getField("op_ts");
        line.opTs = opTs instanceof Instant ? ((Instant) opTs).toEpochMilli() : -1;
        out.collect(line);
    }
}
