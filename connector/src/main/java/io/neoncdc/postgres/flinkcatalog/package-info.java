/**
 * The Flink catalog {@code 'type' = 'neon-postgres-cdc'}: a PostgreSQL database's schemas and
 * tables as Flink databases and tables, read without DDL by the {@code neon-postgres-cdc}
 * connector. Not to be confused with {@link io.neoncdc.postgres.catalog}, which reads PostgreSQL's
 * own catalog for the connector.
 *
 * <ul>
 *   <li>{@link io.neoncdc.postgres.flinkcatalog.NeonCatalogFactory} creates it from {@code CREATE
 *       CATALOG}; its options are the table connector's minus the table-naming ones ({@code
 *       CatalogOptions}), read by the same readers.
 *   <li>{@link io.neoncdc.postgres.flinkcatalog.NeonCatalog} is the read-only Flink API; {@code
 *       CatalogContents} and {@code PgSchemas} query PostgreSQL, {@code CatalogTables} maps a table
 *       to a Flink schema with the connector's default types.
 *   <li>{@code NeonCatalogTableFactory} turns a catalog table plus SQL hints into the connector's
 *       table source.
 * </ul>
 */
package io.neoncdc.postgres.flinkcatalog;
