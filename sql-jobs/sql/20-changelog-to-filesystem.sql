-- Job: the changelog of shop.orders and an upsert aggregate (revenue per customer, updated by
-- every order change), written as Debezium-style JSON lines to files, in one Flink job.
--
--   {"before":null,"after":{"id":101,...,"op":"r"},"op":"c"}     insert (snapshot row)
--   {"before":{"id":103,...},"after":null,"op":"d"}              update, old row ...
--   {"before":null,"after":{"id":103,...},"op":"c"}              ... new row
--
-- Reading a file in order and applying "c" (put `after` by key) and "d" (remove `before`) gives
-- the current table: an upsert sink any consumer can materialize. The same statements with the
-- JDBC connector ('connector' = 'jdbc' and a PRIMARY KEY on the sink) upsert into a database
-- table instead (add flink-connector-jdbc and its driver to the cluster).
--
-- Files become visible when a checkpoint completes after they rolled over (FILE_ROLLOVER, default
-- 1 min); until then they are hidden .part-*.inprogress files.
-- Variables: OUTPUT_PATH (file:///tmp/neon-cdc), FILE_ROLLOVER (1 min), FILE_ROLLOVER_CHECK (10 s).
-- Run after 00-source-tables.sql.

CREATE TABLE orders_changelog_files (
    id           BIGINT,
    customer_id  BIGINT,
    status       STRING,
    total        DECIMAL(12, 2),
    op           STRING,
    commit_lsn   BIGINT,
    commit_ts    TIMESTAMP_LTZ(3)
) WITH (
    'connector' = 'filesystem',
    'path' = '${OUTPUT_PATH:-file:///tmp/neon-cdc}/orders',
    'format' = 'debezium-json',
    'debezium-json.encode.decimal-as-plain-number' = 'true',
    'sink.rolling-policy.rollover-interval' = '${FILE_ROLLOVER:-1 min}',
    'sink.rolling-policy.check-interval' = '${FILE_ROLLOVER_CHECK:-10 s}'
);

CREATE TABLE customer_revenue_files (
    customer_id  BIGINT,
    orders       BIGINT,
    revenue      DECIMAL(38, 2)
) WITH (
    'connector' = 'filesystem',
    'path' = '${OUTPUT_PATH:-file:///tmp/neon-cdc}/customer_revenue',
    'format' = 'debezium-json',
    'debezium-json.encode.decimal-as-plain-number' = 'true',
    'sink.rolling-policy.rollover-interval' = '${FILE_ROLLOVER:-1 min}',
    'sink.rolling-policy.check-interval' = '${FILE_ROLLOVER_CHECK:-10 s}'
);

-- One job, one slot: both INSERTs read the same source, so the statement set shares it.
EXECUTE STATEMENT SET
BEGIN
    INSERT INTO orders_changelog_files
    SELECT id, customer_id, status, total, op, lsn, op_ts
    FROM orders /*+ OPTIONS('slot.name' = '${SLOT_PREFIX:-neon_cdc}_files') */;

    INSERT INTO customer_revenue_files
    SELECT customer_id, COUNT(*), SUM(total)
    FROM orders /*+ OPTIONS('slot.name' = '${SLOT_PREFIX:-neon_cdc}_files') */
    WHERE status <> 'cancelled'
    GROUP BY customer_id;
END;
