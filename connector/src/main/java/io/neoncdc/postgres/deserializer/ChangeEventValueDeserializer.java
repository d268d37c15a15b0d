package io.neoncdc.postgres.deserializer;

import io.neoncdc.postgres.event.CapturedTableSchema;
import io.neoncdc.postgres.event.ChangeEvent;
import io.neoncdc.postgres.event.ChangeEventDeserializer;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.Collector;

/**
 * Change events → {@link ChangeEventValue}: one value per change (an update is one value with both
 * rows), for any mix of tables and layouts.
 */
public final class ChangeEventValueDeserializer
        implements ChangeEventDeserializer<ChangeEventValue> {
    private static final long serialVersionUID = 1L;

    @Override
    public void deserialize(ChangeEvent e, Collector<ChangeEventValue> out) {
        CapturedTableSchema t = e.table();
        boolean snapshot = e.isSnapshot();
        out.collect(
                new ChangeEventValue(
                        e.op().code(),
                        t.database(),
                        t.id().schema(),
                        t.id().table(),
                        t.topic(),
                        JavaValues.row(e.before(), t.rowType()),
                        JavaValues.row(e.after(), t.rowType()),
                        snapshot ? null : e.commitLsn(),
                        snapshot ? null : e.commitTimeMicros(),
                        snapshot ? null : e.xid()));
    }

    @Override
    public TypeInformation<ChangeEventValue> getProducedType() {
        return ChangeEventValueTypeInfo.INSTANCE;
    }
}
