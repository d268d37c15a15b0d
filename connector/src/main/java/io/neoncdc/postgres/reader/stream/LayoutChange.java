package io.neoncdc.postgres.reader.stream;

import io.neoncdc.postgres.catalog.TableId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Describes a column layout change announced by a relation message. pgoutput names columns but has
 * no column identity, so a rename is seen as a dropped column plus an added one; the log says so.
 */
final class LayoutChange {
    private static final Logger LOG = LoggerFactory.getLogger(LayoutChange.class);

    private LayoutChange() {}

    static void log(TableId table, String[] before, String[] after) {
        List<String> was = Arrays.asList(before);
        List<String> now = Arrays.asList(after);
        List<String> added = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        now.stream().filter(c -> !was.contains(c)).forEach(added::add);
        was.stream().filter(c -> !now.contains(c)).forEach(dropped::add);
        List<String> renamed = new ArrayList<>();
        for (String old : dropped) {
            int position = was.indexOf(old);
            if (position < after.length && added.contains(after[position])) {
                renamed.add(old + " -> " + after[position]);
            }
        }
        LOG.info(
                "Column layout of {} changed: now {}; added {}, dropped {}",
                table,
                now,
                added,
                dropped);
        if (!renamed.isEmpty()) {
            LOG.warn(
                    "Columns of {} were renamed ({}): a rename is read as a drop plus an add, so"
                            + " the old name is NULL from now on and the new name is ignored unless"
                            + " declared",
                    table,
                    String.join(", ", renamed));
        }
    }
}
