/** Exactly-once Flink CDC source for PostgreSQL on Neon. */
package io.neoncdc.postgres;
