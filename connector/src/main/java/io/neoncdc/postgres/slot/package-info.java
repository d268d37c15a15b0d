/**
 * The replication slot's safety story in one place: creating it before the publication so no change
 * is missed, enabling failover, and dropping it when a bounded job ends.
 */
package io.neoncdc.postgres.slot;
