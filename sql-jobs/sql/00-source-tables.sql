-- Source tables: shop.customers and shop.orders (see postgres/shop.sql) as Flink changelog
-- tables over 'connector' = 'neon-postgres-cdc'. Every job file starts from these: run this file
-- first, in the same session, e.g.
--
--   java -jar sql-jobs/target/neon-postgres-cdc-sql-jobs-runner.jar \
--       sql-jobs/sql/00-source-tables.sql sql-jobs/sql/10-print.sql
--
-- What each table shows:
--   * a snapshot of the table (op 'r', read in parallel chunks), then every committed change
--     (op 'c', 'u', 'd') exactly once, in commit order;
--   * metadata columns: op, commit time (op_ts, NULL for snapshot rows), commit LSN, table name.
--
-- Variables (environment or --var NAME=VALUE): NEON_HOST (the direct host, not -pooler), NEON_USER,
-- NEON_PASSWORD, NEON_DATABASE, NEON_PORT (5432), NEON_SSLMODE (require), SLOT_PREFIX (neon_cdc:
-- slots are neon_cdc_files, neon_cdc_print, ...; slot names are per server, not per database).
--
-- Replication slots: each source in a job needs its own slot. 'slot.name' below is a default; the
-- job files set their own with a hint, /*+ OPTIONS('slot.name' = '...') */, so two jobs never share
-- one. A slot keeps WAL until it is dropped: drop the slots of jobs you stop for good
-- (SELECT pg_drop_replication_slot('neon_cdc_print');). Neon allows 10 slots per project.

CREATE TABLE customers (
    id          BIGINT,
    name        STRING,
    email       STRING,
    tier        STRING,
    created_at  TIMESTAMP_LTZ(6),
    op          STRING           METADATA FROM 'op' VIRTUAL,
    op_ts       TIMESTAMP_LTZ(3) METADATA FROM 'op_ts' VIRTUAL,
    PRIMARY KEY (id) NOT ENFORCED
) WITH (
    'connector' = 'neon-postgres-cdc',
    'hostname' = '${NEON_HOST}',
    'port' = '${NEON_PORT:-5432}',
    'username' = '${NEON_USER}',
    'password' = '${NEON_PASSWORD}',
    'database-name' = '${NEON_DATABASE}',
    'ssl.mode' = '${NEON_SSLMODE:-require}',
    'schema-name' = 'shop',
    'table-name' = 'customers',
    'publication.name' = 'neon_cdc_pub',
    'slot.name' = '${SLOT_PREFIX:-neon_cdc}_customers'
);

CREATE TABLE orders (
    id           BIGINT,
    customer_id  BIGINT,
    status       STRING,
    total        DECIMAL(12, 2),
    created_at   TIMESTAMP_LTZ(6),
    op           STRING           METADATA FROM 'op' VIRTUAL,
    op_ts        TIMESTAMP_LTZ(3) METADATA FROM 'op_ts' VIRTUAL,
    lsn          BIGINT           METADATA FROM 'lsn' VIRTUAL,
    schema_name  STRING           METADATA FROM 'schema_name' VIRTUAL,
    table_name   STRING           METADATA FROM 'table_name' VIRTUAL,
    PRIMARY KEY (id) NOT ENFORCED
) WITH (
    'connector' = 'neon-postgres-cdc',
    'hostname' = '${NEON_HOST}',
    'port' = '${NEON_PORT:-5432}',
    'username' = '${NEON_USER}',
    'password' = '${NEON_PASSWORD}',
    'database-name' = '${NEON_DATABASE}',
    'ssl.mode' = '${NEON_SSLMODE:-require}',
    'schema-name' = 'shop',
    'table-name' = 'orders',
    'publication.name' = 'neon_cdc_pub',
    'slot.name' = '${SLOT_PREFIX:-neon_cdc}_orders'
);
