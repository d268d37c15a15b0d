package io.neoncdc.postgres.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.table.api.ValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operations a publication publishes ({@code publish}): the connector needs inserts, updates
 * and deletes, and truncates only when a TRUNCATE must fail the job ({@code truncate.action =
 * fail}). A publication it creates publishes exactly that, so the server does not decode and send
 * what the job drops anyway; one it created earlier is changed to match (only the connector's own);
 * one a user manages must publish what is needed, or nothing would report the missing changes.
 */
public final class PublishedOperations {
    private static final Logger LOG = LoggerFactory.getLogger(PublishedOperations.class);
    private static final List<String> ALL = List.of("insert", "update", "delete", "truncate");

    private PublishedOperations() {}

    /** What the job needs published, in PostgreSQL's order. */
    static Set<String> needed(PublicationSpec config, int serverVersion) {
        Set<String> ops = new LinkedHashSet<>(List.of("insert", "update", "delete"));
        // PostgreSQL 10 publishes no truncates at all (and has no such publish option).
        if (serverVersion >= 110000 && config.publishTruncates()) {
            ops.add("truncate");
        }
        return ops;
    }

    /**
     * The {@code publish} option for CREATE PUBLICATION, or null when the server's default (every
     * operation) is what the job needs.
     */
    public static String createOption(PublicationSpec config, int serverVersion) {
        // Exactly-once is unaffected: a skipped TRUNCATE emits nothing, and its one other effect
        // (a re-snapshot re-reads the chunk it holds for that table) yields the rows downstream
        // keeps anyway when truncates are skipped; only the log line for it goes away.
        Set<String> ops = needed(config, serverVersion);
        return serverVersion >= 110000 && !ops.contains("truncate")
                ? "publish = " + TableId.literal(String.join(", ", ops))
                : null;
    }

    /**
     * Makes an existing publication publish what the job needs: changes the connector's own
     * publication when it may write, else fails naming the missing operations and the fix.
     */
    static void reconcile(Connection c, PublicationSpec config, boolean mayWrite, boolean owned)
            throws SQLException {
        int version = ServerVersion.of(c);
        String pub = config.name();
        Set<String> needed = needed(config, version);
        Set<String> published = published(c, pub, version);
        if (published.equals(needed)) {
            return;
        }
        String alter =
                "ALTER PUBLICATION "
                        + TableId.quote(pub)
                        + " SET (publish = "
                        + TableId.literal(String.join(", ", needed))
                        + ");";
        if (owned && mayWrite) {
            try (Statement st = c.createStatement()) {
                st.execute(alter);
            }
            LOG.info(
                    "Publication {} now publishes {} (was {}; 'truncate.action' = '{}')",
                    pub,
                    needed,
                    published,
                    config.publishTruncates() ? "fail" : "skip");
            return;
        }
        List<String> missing = new ArrayList<>(needed);
        missing.removeAll(published);
        if (missing.isEmpty()) {
            return; // publishes more than needed: the job drops the rest
        }
        boolean onlyTruncate = missing.equals(List.of("truncate"));
        throw new ValidationException(
                "Publication '"
                        + pub
                        + "' does not publish "
                        + String.join(", ", missing)
                        + (onlyTruncate
                                ? ", so a TRUNCATE of a captured table would go unnoticed although"
                                        + " 'truncate.action' = 'fail'"
                                : ", so those changes of the captured tables would never arrive")
                        + (owned
                                ? ". The connector may not change it here ('read-only' or"
                                        + " 'publication.auto-create' = 'disabled')"
                                : ". The connector does not change a publication it did not"
                                        + " create")
                        + ". Run: "
                        + alter
                        + (onlyTruncate ? " (or set 'truncate.action' = 'skip')" : ""));
    }

    /** The operations the publication publishes now. */
    static Set<String> published(Connection c, String pub, int version) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement(
                        "SELECT pubinsert, pubupdate, pubdelete, "
                                + (version >= 110000 ? "pubtruncate" : "false")
                                + " FROM pg_publication WHERE pubname = ?")) {
            ps.setString(1, pub);
            try (ResultSet rs = ps.executeQuery()) {
                Set<String> ops = new LinkedHashSet<>();
                if (rs.next()) {
                    for (int i = 0; i < ALL.size(); i++) {
                        if (rs.getBoolean(i + 1)) {
                            ops.add(ALL.get(i));
                        }
                    }
                }
                return ops;
            }
        }
    }
}
