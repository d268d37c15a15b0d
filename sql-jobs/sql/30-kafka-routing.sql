-- Job: one Kafka topic per captured table. One source table reads shop.orders and
-- shop.orders_archive (a regular expression in 'table-name'; the tables share their columns), and
-- each change goes to the topic <prefix>.<schema>.<table> of the table it came from, built from the
-- schema_name and table_name metadata columns: neon.shop.orders, neon.shop.orders_archive.
-- The values are Debezium-style JSON (op c/d, before/after), so Debezium consumers can read them.
--
-- Needs the Kafka SQL connector for Flink 2.x in the cluster's lib/ (or ADD JAR):
-- flink-sql-connector-kafka 4.x, whose sink writes the `topic` metadata column when the 'topic'
-- option is not set. Variables: KAFKA_BOOTSTRAP_SERVERS, TOPIC_PREFIX (neon).
-- Run after 00-source-tables.sql.
--
-- The connector's own `topic` metadata column ('topic.prefix', 'topic.prefix-database' options)
-- will give the same name without the CONCAT; until then this builds it from table_name.

CREATE TABLE orders_all
WITH (
    'table-name' = 'orders|orders_archive',
    'slot.name' = '${SLOT_PREFIX:-neon_cdc}_kafka'
)
LIKE orders (EXCLUDING CONSTRAINTS);

CREATE TABLE orders_to_kafka (
    `topic`      STRING METADATA,
    id           BIGINT,
    customer_id  BIGINT,
    status       STRING,
    total        DECIMAL(12, 2),
    created_at   TIMESTAMP_LTZ(6)
) WITH (
    'connector' = 'kafka',
    'properties.bootstrap.servers' = '${KAFKA_BOOTSTRAP_SERVERS}',
    'value.format' = 'debezium-json',
    'value.debezium-json.encode.decimal-as-plain-number' = 'true',
    -- Exactly once into Kafka: records become visible to read_committed consumers when the
    -- checkpoint that covers them completes.
    'sink.delivery-guarantee' = 'exactly-once',
    'sink.transactional-id-prefix' = 'neon-cdc-orders'
);

INSERT INTO orders_to_kafka
SELECT CONCAT('${TOPIC_PREFIX:-neon}', '.', schema_name, '.', table_name),
       id, customer_id, status, total, created_at
FROM orders_all;
