package io.neoncdc.postgres.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The partition trees of a database, read with one query: the root of every partition and the leaf
 * partitions (at any depth) below every partitioned table.
 */
public final class Partitions {
    private static final String QUERY =
            "SELECT i.inhrelid, i.inhparent, c.relkind, c.relreplident, c.reltuples::bigint,"
                    + " c.relpages::bigint, n.nspname, c.relname FROM pg_inherits i"
                    + " JOIN pg_class c ON c.oid = i.inhrelid"
                    + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relispartition";

    private final Map<Integer, Integer> parentOf = new HashMap<>();
    private final Map<Integer, List<Integer>> childrenOf = new HashMap<>();
    private final Map<Integer, PartitionLeaf> leaves = new HashMap<>();

    private Partitions() {}

    /** Reads every partition of the database. */
    public static Partitions load(Connection connection) throws SQLException {
        Partitions p = new Partitions();
        try (PreparedStatement ps = connection.prepareStatement(QUERY);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                int child = (int) rs.getLong(1);
                int parent = (int) rs.getLong(2);
                p.parentOf.put(child, parent);
                p.childrenOf.computeIfAbsent(parent, k -> new ArrayList<>()).add(child);
                if (rs.getString(3).charAt(0) == 'r') {
                    p.leaves.put(
                            child,
                            new PartitionLeaf(
                                    new TableId(rs.getString(7), rs.getString(8)),
                                    child,
                                    rs.getString(4).charAt(0),
                                    rs.getLong(5),
                                    rs.getLong(6)));
                }
            }
        }
        return p;
    }

    /** The topmost partitioned table above {@code oid}, or 0 when it is no partition. */
    public int rootOf(int oid) {
        Integer parent = parentOf.get(oid);
        int root = 0;
        while (parent != null) {
            root = parent;
            parent = parentOf.get(parent);
        }
        return root;
    }

    /** The leaf partitions below a partitioned table, at any depth (empty for other tables). */
    public List<PartitionLeaf> leavesOf(int oid) {
        List<PartitionLeaf> result = new ArrayList<>();
        collect(oid, result);
        return result;
    }

    private void collect(int oid, List<PartitionLeaf> result) {
        for (int child : childrenOf.getOrDefault(oid, List.of())) {
            PartitionLeaf leaf = leaves.get(child);
            if (leaf != null) {
                result.add(leaf);
            }
            collect(child, result);
        }
    }
}
