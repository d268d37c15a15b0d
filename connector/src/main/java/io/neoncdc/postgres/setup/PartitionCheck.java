package io.neoncdc.postgres.setup;

import io.neoncdc.postgres.catalog.CatalogReader.Relation;
import io.neoncdc.postgres.catalog.ServerVersion;
import io.neoncdc.postgres.catalog.TableId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.table.api.ValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Partitioned tables are captured through their root: a capture list matching a root and its
 * partitions keeps the root only (each row is read once), and the publication must publish the
 * partitions' changes as the root ({@code publish_via_partition_root}, PostgreSQL 13+).
 */
final class PartitionCheck {
    private static final Logger LOG = LoggerFactory.getLogger(PartitionCheck.class);

    private PartitionCheck() {}

    /** The selected relations without the partitions whose root is selected too. */
    static List<Relation> rootsOnly(List<Relation> selected) {
        InheritanceCheck.check(selected);
        Map<Integer, Relation> byOid = new HashMap<>();
        selected.forEach(r -> byOid.put(r.oid, r));
        List<Relation> result = new ArrayList<>();
        Map<TableId, List<String>> skipped = new HashMap<>();
        for (Relation r : selected) {
            Relation root = r.partition ? byOid.get(r.root) : null;
            if (root == null) {
                result.add(r);
            } else {
                skipped.computeIfAbsent(root.id, k -> new ArrayList<>()).add(r.id.toString());
            }
        }
        skipped.forEach(
                (root, partitions) ->
                        LOG.info(
                                "Capturing partitioned table {} through its root; its partitions {}"
                                        + " also match the capture list and are read through it,"
                                        + " not again on their own",
                                root,
                                partitions));
        return result;
    }

    /** Fails unless partitioned roots and lone partitions can be captured with the publication. */
    static void check(Connection c, List<Relation> captured, String publication)
            throws SQLException {
        List<String> roots =
                captured.stream()
                        .filter(r -> r.relkind == 'p')
                        .map(r -> r.id.toString())
                        .collect(Collectors.toList());
        List<String> partitions =
                captured.stream()
                        .filter(r -> r.partition)
                        .map(r -> r.id.toString())
                        .collect(Collectors.toList());
        if (roots.isEmpty() && partitions.isEmpty()) {
            return;
        }
        int version = ServerVersion.of(c);
        if (version < 130000) {
            if (!roots.isEmpty()) {
                throw new ValidationException(
                        "Partitioned table(s) "
                                + String.join(", ", roots)
                                + " can only be captured through their root on PostgreSQL 13 or"
                                + " later (publish_via_partition_root); this server is "
                                + version
                                + ". Capture the leaf partitions instead (e.g. 'table-name' ="
                                + " 'orders_.*'), each as its own table.");
            }
            return;
        }
        boolean viaRoot = publishesViaRoot(c, publication);
        if (!roots.isEmpty() && !viaRoot) {
            throw new ValidationException(
                    "Publication '"
                            + publication
                            + "' does not publish via the partition root, so changes of the"
                            + " partitions of "
                            + String.join(", ", roots)
                            + " would arrive under the partitions' names, not as the captured"
                            + " table. Run: ALTER PUBLICATION "
                            + TableId.quote(publication)
                            + " SET (publish_via_partition_root = true);");
        }
        if (!partitions.isEmpty() && viaRoot) {
            throw new ValidationException(
                    "Partition(s) "
                            + String.join(", ", partitions)
                            + " are captured without their partitioned root, but publication '"
                            + publication
                            + "' publishes partition changes as the root, so none would arrive"
                            + " under the partition's name. Capture the root table instead.");
        }
    }

    private static boolean publishesViaRoot(Connection c, String publication) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT pubviaroot FROM pg_publication WHERE pubname = ?")) {
            ps.setString(1, publication);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}
