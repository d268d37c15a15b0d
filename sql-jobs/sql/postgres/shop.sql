-- PostgreSQL side of the SQL jobs in sql-jobs/sql/: schema `shop` with customers, orders and
-- orders_archive, REPLICA IDENTITY FULL, the publication neon_cdc_pub and a few rows.
--
--   psql "postgresql://USER:PASSWORD@HOST/DATABASE?sslmode=require" -f sql-jobs/sql/postgres/shop.sql
--
-- On Neon, enable logical replication for the project first (Settings -> Logical Replication), and
-- use the direct host (not the -pooler one). The role needs REPLICATION (roles created in the Neon
-- console have it). Safe to run again: existing objects and rows are kept.
-- docker/docker-compose.yml runs this file when its PostgreSQL starts for the first time.

CREATE SCHEMA IF NOT EXISTS shop;

CREATE TABLE IF NOT EXISTS shop.customers (
    id         bigint PRIMARY KEY,
    name       text        NOT NULL,
    email      text,
    tier       text        NOT NULL DEFAULT 'bronze',
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS shop.orders (
    id          bigint PRIMARY KEY,
    customer_id bigint        NOT NULL REFERENCES shop.customers (id),
    status      text          NOT NULL,
    total       numeric(12,2) NOT NULL,
    created_at  timestamptz   NOT NULL DEFAULT now()
);

-- Same columns as orders: 30-kafka-routing.sql captures both with one source table and routes
-- each row to its table's topic.
CREATE TABLE IF NOT EXISTS shop.orders_archive (LIKE shop.orders INCLUDING ALL);

-- changelog-mode 'all' (the default) needs the old row of every UPDATE and DELETE.
ALTER TABLE shop.customers REPLICA IDENTITY FULL;
ALTER TABLE shop.orders REPLICA IDENTITY FULL;
ALTER TABLE shop.orders_archive REPLICA IDENTITY FULL;

-- The publication the jobs read ('publication.name'); the connector creates its replication slots.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_publication WHERE pubname = 'neon_cdc_pub') THEN
        CREATE PUBLICATION neon_cdc_pub
            FOR TABLE shop.customers, shop.orders, shop.orders_archive
            WITH (publish_via_partition_root = true);
    END IF;
END
$$;

INSERT INTO shop.customers (id, name, email, tier) VALUES
    (1, 'Ada Lovelace', 'ada@example.com', 'gold'),
    (2, 'Grace Hopper', 'grace@example.com', 'silver'),
    (3, 'Edsger Dijkstra', 'edsger@example.com', 'bronze')
ON CONFLICT (id) DO NOTHING;

INSERT INTO shop.orders (id, customer_id, status, total) VALUES
    (101, 1, 'placed', 120.50),
    (102, 1, 'shipped', 35.00),
    (103, 2, 'placed', 12.99),
    (104, 3, 'cancelled', 80.00)
ON CONFLICT (id) DO NOTHING;

INSERT INTO shop.orders_archive (id, customer_id, status, total) VALUES
    (1, 2, 'delivered', 49.90)
ON CONFLICT (id) DO NOTHING;
