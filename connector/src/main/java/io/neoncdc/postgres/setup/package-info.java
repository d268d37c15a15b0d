/**
 * Provisioning and start-up checks, run by the enumerator off the coordinator thread ({@code
 * SourceSetup}) and by the CLI's {@code validate} ({@code SetupChecks}): WAL level, grants, replica
 * identity, partitions, the publication, the slot and the exported snapshot the first chunks read.
 */
package io.neoncdc.postgres.setup;
