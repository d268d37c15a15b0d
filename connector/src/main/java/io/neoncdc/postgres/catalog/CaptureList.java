package io.neoncdc.postgres.catalog;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.flink.table.api.ValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which tables a source captures: {@code schema-name} and {@code table-name} regular expressions
 * (full match). Selects base and partitioned tables and rejects, with the reason, relations that
 * produce no logical decoding changes.
 */
public final class CaptureList implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(CaptureList.class);
    private static final Pattern REGEX_META = Pattern.compile("[\\\\.\\[\\]{}()*+?^$|]");

    private final String schemaRegex;
    private final String tableRegex;
    private transient Pattern schema;
    private transient Pattern table;

    public CaptureList(String schemaRegex, String tableRegex) {
        this.schemaRegex = schemaRegex;
        this.tableRegex = tableRegex;
    }

    public boolean matches(TableId id) {
        if (schema == null) {
            schema = Pattern.compile(schemaRegex);
            table = Pattern.compile(tableRegex);
        }
        return schema.matcher(id.schema()).matches() && table.matcher(id.table()).matches();
    }

    /** The captured tables among all relations, or a ValidationException naming the problem. */
    public List<CatalogReader.Relation> select(
            List<CatalogReader.Relation> relations, String database) {
        boolean literal =
                !REGEX_META.matcher(schemaRegex).find() && !REGEX_META.matcher(tableRegex).find();
        List<CatalogReader.Relation> selected = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        for (CatalogReader.Relation r : relations) {
            if (!matches(r.id)) {
                continue;
            }
            String reason = rejection(r);
            if (reason == null) {
                selected.add(r);
            } else if (literal) {
                throw new ValidationException(
                        "Cannot capture "
                                + r.id
                                + ": "
                                + reason
                                + ". Capture its base tables instead.");
            } else {
                LOG.warn("Not capturing {} although it matches the capture list: {}", r.id, reason);
                rejected.add(r.id + " (" + reason + ")");
            }
        }
        if (selected.isEmpty()) {
            throw new ValidationException(
                    "No table in database '"
                            + database
                            + "' matches 'schema-name' = '"
                            + schemaRegex
                            + "' and 'table-name' = '"
                            + tableRegex
                            + "' (both are regular expressions that must match the whole name)."
                            + (rejected.isEmpty()
                                    ? nearMisses(relations)
                                    : " Matching relations that cannot be captured: "
                                            + String.join("; ", rejected)
                                            + "."));
        }
        return selected;
    }

    /** Relations whose name matches ignoring case or schema: the usual reasons for no match. */
    private String nearMisses(List<CatalogReader.Relation> relations) {
        Pattern name = Pattern.compile(tableRegex, Pattern.CASE_INSENSITIVE);
        List<String> similar = new ArrayList<>();
        for (CatalogReader.Relation r : relations) {
            if (similar.size() < 5 && name.matcher(r.id.table()).matches()) {
                String reason = rejection(r);
                similar.add(r.id + (reason == null ? "" : " (" + reason + ")"));
            }
        }
        return similar.isEmpty()
                ? ""
                : " Similar relations: "
                        + String.join("; ", similar)
                        + " (names are case-sensitive; set 'schema-name' for another schema).";
    }

    private static String rejection(CatalogReader.Relation r) {
        String s = r.id.schema();
        if (s.equals("pg_catalog") || s.equals("information_schema")) {
            return "it is a system catalog, whose changes are not logically decoded";
        }
        switch (r.relkind) {
            case 'v':
                return "it is a view, which has no rows of its own and writes no WAL";
            case 'm':
                return "it is a materialized view, whose refreshes are not logically decoded";
            case 'f':
                return "it is a foreign table, whose data lives outside this server";
            default:
                break;
        }
        if (r.persistence == 't') {
            return "it is a temporary table, which writes no WAL";
        }
        if (r.persistence == 'u') {
            return "it is an unlogged table, which writes no WAL (ALTER TABLE "
                    + r.id.quoted()
                    + " SET LOGGED to capture it)";
        }
        return null;
    }

    @Override
    public String toString() {
        return schemaRegex + "." + tableRegex;
    }
}
