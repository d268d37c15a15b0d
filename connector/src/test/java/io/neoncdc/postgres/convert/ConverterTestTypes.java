package io.neoncdc.postgres.convert;

import io.neoncdc.postgres.catalog.PgType;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.utils.LogicalTypeParser;

/** Built-in PostgreSQL types by name and converters by type names, for unit tests. */
final class ConverterTestTypes {
    private static final Map<String, Integer> OIDS = new HashMap<>();

    static {
        String[] pairs = {
            "bool 16",
            "bytea 17",
            "char 18",
            "name 19",
            "int8 20",
            "int2 21",
            "int4 23",
            "text 25",
            "oid 26",
            "json 114",
            "xml 142",
            "point 600",
            "cidr 650",
            "float4 700",
            "float8 701",
            "macaddr8 774",
            "money 790",
            "macaddr 829",
            "inet 869",
            "bpchar 1042",
            "varchar 1043",
            "date 1082",
            "time 1083",
            "timestamp 1114",
            "timestamptz 1184",
            "interval 1186",
            "timetz 1266",
            "bit 1560",
            "varbit 1562",
            "numeric 1700",
            "uuid 2950",
            "tsvector 3614",
            "jsonb 3802",
            "int4range 3904"
        };
        for (String p : pairs) {
            String[] kv = p.split(" ");
            OIDS.put(kv[0], Integer.parseInt(kv[1]));
        }
    }

    private ConverterTestTypes() {}

    static PgType type(String name) {
        return type(name, -1);
    }

    static PgType type(String name, int typmod) {
        Integer oid = OIDS.get(name);
        if (oid == null) {
            throw new IllegalArgumentException("unknown test type " + name);
        }
        char typtype = name.equals("int4range") ? PgType.RANGE : PgType.BASE;
        return new PgType(oid, "pg_catalog", name, typmod, typtype, 'X', null, null);
    }

    /** numeric(p,s) typmod. */
    static int numericTypmod(int precision, int scale) {
        return ((precision << 16) | (scale & 0x7ff)) + 4;
    }

    static PgType arrayOf(PgType element) {
        return new PgType(
                element.oid() + 100_000,
                element.schema(),
                "_" + element.name(),
                -1,
                PgType.BASE,
                'A',
                element,
                null);
    }

    static LogicalType flink(String type) {
        return LogicalTypeParser.parse(type, ConverterTestTypes.class.getClassLoader());
    }

    static ValueConverter converter(String pgType, String flinkType) {
        return converter(type(pgType), flinkType, ConversionOptions.defaults());
    }

    static ValueConverter converter(PgType pgType, String flinkType, ConversionOptions options) {
        return ValueConverters.create(pgType, flink(flinkType), options, "public.t.c");
    }
}
