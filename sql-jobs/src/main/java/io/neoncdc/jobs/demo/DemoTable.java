package io.neoncdc.jobs.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * The captured tables as Flink SQL sees them: physical columns, the key and the columns the console
 * shows for a change.
 */
enum DemoTable {
    CUSTOMERS(
            "customers",
            "id BIGINT, name STRING, email STRING, tier STRING, tags ARRAY<STRING>, external_id"
                    + " STRING, created_at TIMESTAMP_LTZ(6)",
            new String[] {"id"},
            new String[] {"tier", "tags"}),
    ORDERS(
            "orders",
            "id BIGINT, customer_id BIGINT, status STRING, total DECIMAL(12, 2), placed_at"
                    + " TIMESTAMP_LTZ(6), shipping STRING",
            new String[] {"id"},
            new String[] {"customer_id", "status", "total"}),
    ORDER_ITEMS(
            "order_items",
            "order_id BIGINT, line_no INT, sku STRING, quantity INT, unit_price DECIMAL(10, 2)",
            new String[] {"order_id", "line_no"},
            new String[] {"sku", "quantity", "unit_price"}),
    /** Range-partitioned in PostgreSQL; captured through its root. */
    EVENTS(
            "events",
            "id BIGINT, occurred_at TIMESTAMP_LTZ(6), customer_id BIGINT, kind STRING, payload"
                    + " STRING, fingerprint BYTES",
            new String[] {"id"},
            new String[] {"kind", "customer_id", "fingerprint"});

    final String table;
    final String columns;
    final String[] key;
    final String[] shown;

    DemoTable(String table, String columns, String[] key, String[] shown) {
        this.table = table;
        this.columns = columns;
        this.key = key;
        this.shown = shown;
    }

    /**
     * The table in the catalog with its metadata columns: {@code neon.neon_cdc_demo.`orders$meta`}.
     */
    String catalogPath() {
        return "neon." + ShopSchema.SCHEMA + ".`" + table + "$meta`";
    }

    /** The job's one slot (every table is read through it). */
    String slotName() {
        return CdcJob.SLOT;
    }

    static List<String> names() {
        List<String> names = new ArrayList<>();
        for (DemoTable t : values()) {
            names.add(t.table);
        }
        return names;
    }
}
