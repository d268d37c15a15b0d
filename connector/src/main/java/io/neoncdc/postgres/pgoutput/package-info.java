/**
 * Pure decoder of PostgreSQL's {@code pgoutput} logical replication messages (protocol versions 1
 * and 2, plus the protocol 4 Stream Abort fields): bytes in, immutable messages out; no JDBC, no
 * Flink.
 *
 * <p>Unsigned 32-bit protocol values follow one convention throughout: transaction ids (xids) are
 * widened to {@code long} (0 .. 2^32-1), while object identifiers (relation ids, type OIDs) are
 * kept in an {@code int} holding the same 32 bits; compare them with {@code ==} and print them with
 * {@link java.lang.Integer#toUnsignedString(int)}. LSNs are {@code long}; {@link
 * io.neoncdc.postgres.pgoutput.Lsn} formats and parses them. Timestamps are Unix-epoch
 * microseconds.
 */
package io.neoncdc.postgres.pgoutput;
