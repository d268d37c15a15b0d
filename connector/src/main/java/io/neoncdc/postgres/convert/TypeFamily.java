package io.neoncdc.postgres.convert;

import io.neoncdc.postgres.catalog.PgType;

/** The wire-format family of a PostgreSQL type (after domains are resolved). */
enum TypeFamily {
    INT2,
    INT4,
    INT8,
    OID,
    FLOAT4,
    FLOAT8,
    NUMERIC,
    MONEY,
    BOOL,
    /** text, varchar, bpchar, name, citext and xml: the binary form is the UTF-8 text. */
    TEXT,
    JSON,
    JSONB,
    UUID,
    BYTEA,
    /** bit(n) and varbit. */
    BIT,
    DATE,
    TIME,
    TIMETZ,
    TIMESTAMP,
    TIMESTAMPTZ,
    INTERVAL,
    /** inet and cidr. */
    INET,
    MACADDR,
    MACADDR8,
    ENUM,
    ARRAY,
    COMPOSITE,
    /** The hstore extension type, found by name (its OID is not fixed). */
    HSTORE,
    /** Read through the text form only: ranges, geometric types, tsvector, PostGIS, "char"… */
    OTHER;

    /** Classifies a type; domains must be resolved by the caller. */
    static TypeFamily of(PgType type) {
        if (type.isArray()) {
            return ARRAY;
        }
        switch (type.typtype()) {
            case PgType.ENUM:
                return ENUM;
            case PgType.COMPOSITE:
                return COMPOSITE;
            case PgType.RANGE:
            case PgType.MULTIRANGE:
                return OTHER;
            default:
                break;
        }
        String name = type.name();
        if (name.equals("citext")) {
            return TEXT;
        }
        if (name.equals("hstore")) {
            return HSTORE;
        }
        boolean builtin = type.schema() == null || "pg_catalog".equals(type.schema());
        return builtin ? builtin(name) : OTHER;
    }

    private static TypeFamily builtin(String name) {
        switch (name) {
            case "int2":
                return INT2;
            case "int4":
                return INT4;
            case "int8":
                return INT8;
            case "oid":
                return OID;
            case "float4":
                return FLOAT4;
            case "float8":
                return FLOAT8;
            case "numeric":
                return NUMERIC;
            case "money":
                return MONEY;
            case "bool":
                return BOOL;
            case "text":
            case "varchar":
            case "bpchar":
            case "name":
            case "xml":
                return TEXT;
            case "json":
                return JSON;
            case "jsonb":
                return JSONB;
            case "uuid":
                return UUID;
            case "bytea":
                return BYTEA;
            case "bit":
            case "varbit":
                return BIT;
            case "date":
                return DATE;
            case "time":
                return TIME;
            case "timetz":
                return TIMETZ;
            case "timestamp":
                return TIMESTAMP;
            case "timestamptz":
                return TIMESTAMPTZ;
            case "interval":
                return INTERVAL;
            case "inet":
            case "cidr":
                return INET;
            case "macaddr":
                return MACADDR;
            case "macaddr8":
                return MACADDR8;
            default:
                return OTHER;
        }
    }
}
