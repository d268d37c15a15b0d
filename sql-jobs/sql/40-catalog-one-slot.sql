-- Job: the tables of schema `shop` through the neon-postgres-cdc catalog, with no CREATE TABLE:
-- columns, types and keys come from PostgreSQL. Every table the job reads shares ONE replication
-- slot, one WAL sender and one snapshot plan (Neon allows 10 slots per project), here the orders
-- changelog and a join of orders and customers, printed, e.g.
--
--   catalog-orders> +I[101, 1, placed, 120.50, r]
--   catalog-join> +I[101, Ada Lovelace, placed, 120.50]
--
-- Runs on its own (no 00-source-tables.sql needed). Variables as in 00-source-tables.sql; the
-- slot is ${SLOT_PREFIX}_catalog. Metadata columns (op, op_ts, lsn, ...) come with the table's
-- `$meta` variant: neon.shop.`orders$meta`. Options per table: SQL hints, e.g.
-- FROM neon.shop.orders /*+ OPTIONS('scan.startup.mode' = 'latest-offset') */ (an option that
-- differs between tables of one slot needs its own 'slot.name' too).

CREATE CATALOG neon WITH (
    'type' = 'neon-postgres-cdc',
    'hostname' = '${NEON_HOST}',
    'port' = '${NEON_PORT:-5432}',
    'username' = '${NEON_USER}',
    'password' = '${NEON_PASSWORD}',
    'database-name' = '${NEON_DATABASE}',
    'ssl.mode' = '${NEON_SSLMODE:-require}',
    'default-database' = 'shop',
    'publication.name' = 'neon_cdc_pub',
    'slot.name' = '${SLOT_PREFIX:-neon_cdc}_catalog'
);

CREATE TABLE print_catalog_orders (
    id           BIGINT,
    customer_id  BIGINT,
    status       STRING,
    total        DECIMAL(12, 2),
    op           STRING
) WITH (
    'connector' = 'print',
    'print-identifier' = 'catalog-orders'
);

CREATE TABLE print_catalog_join (
    id           BIGINT,
    customer     STRING,
    status       STRING,
    total        DECIMAL(12, 2)
) WITH (
    'connector' = 'print',
    'print-identifier' = 'catalog-join'
);

SET 'pipeline.name' = 'catalog_one_slot';

EXECUTE STATEMENT SET
BEGIN
    INSERT INTO print_catalog_orders
    SELECT id, customer_id, status, total, op FROM neon.shop.`orders$meta`;

    INSERT INTO print_catalog_join
    SELECT o.id, c.name, o.status, o.total
    FROM neon.shop.orders o JOIN neon.shop.customers c ON o.customer_id = c.id;
END;
