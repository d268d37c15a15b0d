package io.neoncdc.postgres.convert;

import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeFamily;
import org.apache.flink.table.types.logical.LogicalTypeRoot;
import org.apache.flink.table.types.logical.utils.LogicalTypeChecks;

/** Questions about a declared Flink type that the converter factories ask. */
final class FlinkTypes {
    private FlinkTypes() {}

    /** CHAR, VARCHAR and STRING. */
    static boolean isString(LogicalType t) {
        return t.is(LogicalTypeFamily.CHARACTER_STRING);
    }

    /** BINARY, VARBINARY and BYTES. */
    static boolean isBytes(LogicalType t) {
        return t.is(LogicalTypeFamily.BINARY_STRING);
    }

    /** CHAR or VARCHAR. */
    static boolean isStringRoot(LogicalTypeRoot root) {
        return root == LogicalTypeRoot.CHAR || root == LogicalTypeRoot.VARCHAR;
    }

    static int precision(LogicalType t) {
        return LogicalTypeChecks.getPrecision(t);
    }

    static int scale(LogicalType t) {
        return LogicalTypeChecks.getScale(t);
    }
}
