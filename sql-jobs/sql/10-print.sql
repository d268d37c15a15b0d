-- Job: print every change of shop.orders, one line per row change, e.g.
--
--   orders> +I[101, 1, placed, 120.50, r, null]        a snapshot row
--   orders> -U[103, 2, placed, 12.99, u, 2026-...]     an UPDATE: the old row ...
--   orders> +U[103, 2, shipped, 12.99, u, 2026-...]    ... and the new one
--   orders> -D[104, 3, cancelled, 80.00, d, 2026-...]  a DELETE
--
-- Run after 00-source-tables.sql. Locally the lines appear in the runner's console; on a cluster
-- in the TaskManagers' stdout (log/flink-*-taskexecutor-*.out, or the web UI's Stdout tab).

CREATE TABLE print_orders (
    id           BIGINT,
    customer_id  BIGINT,
    status       STRING,
    total        DECIMAL(12, 2),
    op           STRING,
    commit_ts    TIMESTAMP_LTZ(3)
) WITH (
    'connector' = 'print',
    'print-identifier' = 'orders'
);

INSERT INTO print_orders
SELECT id, customer_id, status, total, op, op_ts
FROM orders /*+ OPTIONS('slot.name' = '${SLOT_PREFIX:-neon_cdc}_print') */;
