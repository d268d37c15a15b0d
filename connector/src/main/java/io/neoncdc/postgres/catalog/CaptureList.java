package io.neoncdc.postgres.catalog;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.flink.table.api.ValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which tables a source captures: {@code schema-name} and {@code table-name} regular expressions
 * (full match), or an explicit list of exact names ({@code table-list}, a list file). Selects base
 * and partitioned tables and rejects, with the reason, relations that produce no logical decoding
 * changes.
 */
public final class CaptureList implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(CaptureList.class);
    private static final Pattern REGEX_META = Pattern.compile("[\\\\.\\[\\]{}()*+?^$|]");
    private static final int CI = Pattern.CASE_INSENSITIVE;

    private final String schemaRegex;
    private final String tableRegex;

    /** The exact names of an explicit list (no regex), or null; added in a compatible way. */
    private final ArrayList<TableId> tables;

    private transient Pattern schema;
    private transient Pattern table;
    private transient Set<TableId> tableSet;

    public CaptureList(String schemaRegex, String tableRegex) {
        this.schemaRegex = schemaRegex;
        this.tableRegex = tableRegex;
        this.tables = null;
    }

    private CaptureList(List<TableId> tables) {
        this.schemaRegex = null;
        this.tableRegex = null;
        this.tables = new ArrayList<>(tables);
    }

    /** Captures exactly these tables (names are matched literally; duplicates collapse). */
    public static CaptureList explicit(Collection<TableId> tables) {
        if (tables.isEmpty()) {
            throw new ValidationException("The table list is empty: name at least one table.");
        }
        return new CaptureList(new ArrayList<>(new LinkedHashSet<>(tables)));
    }

    /** Whether this is an explicit list of names rather than two regular expressions. */
    public boolean isExplicit() {
        return tables != null;
    }

    /** The names of an explicit list, in list order; empty in regex mode. */
    public List<TableId> tables() {
        return tables == null ? List.of() : List.copyOf(tables);
    }

    /**
     * The exact names this list captures without looking at the catalog: the explicit list, or the
     * one table named by two literal (regex-free) names; empty when a regex must be evaluated.
     */
    public List<TableId> exactNames() {
        if (tables != null) {
            return tables();
        }
        return isLiteral() ? List.of(new TableId(schemaRegex, tableRegex)) : List.of();
    }

    private boolean isLiteral() {
        return !REGEX_META.matcher(schemaRegex).find() && !REGEX_META.matcher(tableRegex).find();
    }

    public boolean matches(TableId id) {
        if (tables != null) {
            if (tableSet == null) {
                tableSet = Set.copyOf(tables);
            }
            return tableSet.contains(id);
        }
        if (schema == null) {
            schema = Pattern.compile(schemaRegex);
            table = Pattern.compile(tableRegex);
        }
        return schema.matcher(id.schema()).matches() && table.matcher(id.table()).matches();
    }

    /** The captured tables among all relations, or a ValidationException naming the problem. */
    public List<CatalogReader.Relation> select(
            List<CatalogReader.Relation> relations, String database) {
        CaptureSelection s = classify(relations, database);
        for (Map.Entry<TableId, String> r : s.rejected().entrySet()) {
            if (s.strict()) {
                throw new ValidationException(
                        CaptureSelection.rejectionMessage(r.getKey(), r.getValue()));
            }
            LOG.warn(
                    "Not capturing {} although it matches the capture list: {}",
                    r.getKey(),
                    r.getValue());
        }
        if (s.missing() != null) {
            throw new ValidationException(s.missing());
        }
        if (s.empty() != null) {
            throw new ValidationException(s.empty());
        }
        return s.selected();
    }

    /** Sorts the relations into captured and rejected ones without failing (for checks). */
    public CaptureSelection classify(List<CatalogReader.Relation> relations, String database) {
        List<CatalogReader.Relation> matched = new ArrayList<>();
        List<TableId> missing = new ArrayList<>();
        if (tables != null) {
            Map<TableId, CatalogReader.Relation> byId = new HashMap<>();
            relations.forEach(r -> byId.put(r.id, r));
            for (TableId id : tables) {
                CatalogReader.Relation r = byId.get(id);
                if (r == null) {
                    missing.add(id);
                } else {
                    matched.add(r);
                }
            }
        } else {
            relations.stream().filter(r -> matches(r.id)).forEach(matched::add);
        }
        List<CatalogReader.Relation> selected = new ArrayList<>();
        Map<TableId, String> rejected = new LinkedHashMap<>();
        for (CatalogReader.Relation r : matched) {
            String reason = rejection(r);
            if (reason == null) {
                selected.add(r);
            } else {
                rejected.put(r.id, reason);
            }
        }
        boolean strict = tables != null || isLiteral();
        String missingMessage =
                missing.isEmpty() ? null : missingMessage(missing, relations, database);
        String empty =
                selected.isEmpty() && tables == null
                        ? noMatchMessage(relations, rejected, database)
                        : null;
        return new CaptureSelection(selected, rejected, strict, missingMessage, empty);
    }

    private String noMatchMessage(
            List<CatalogReader.Relation> relations,
            Map<TableId, String> rejected,
            String database) {
        return "No table in database '"
                + database
                + "' matches 'schema-name' = '"
                + schemaRegex
                + "' and 'table-name' = '"
                + tableRegex
                + "' (both are regular expressions that must match the whole name)."
                + (rejected.isEmpty()
                        ? nearMisses(
                                relations,
                                List.of(Pattern.compile(tableRegex, CI)),
                                REGEX_META.matcher(tableRegex).find()
                                        ? List.of()
                                        : List.of(tableRegex),
                                "set 'schema-name' for another schema")
                        : " Matching relations that cannot be captured: "
                                + rejected.entrySet().stream()
                                        .map(e -> e.getKey() + " (" + e.getValue() + ")")
                                        .collect(Collectors.joining("; "))
                                + ".");
    }

    private static String missingMessage(
            List<TableId> missing, List<CatalogReader.Relation> relations, String database) {
        List<Pattern> names =
                missing.stream()
                        .map(id -> Pattern.compile(Pattern.quote(id.table()), CI))
                        .collect(Collectors.toList());
        return "Table(s) "
                + missing.stream().map(TableId::toString).collect(Collectors.joining(", "))
                + " of the table list do not exist in database '"
                + database
                + "' (names in a table list are exact)."
                + nearMisses(
                        relations,
                        names,
                        missing.stream().map(TableId::table).collect(Collectors.toList()),
                        "write each name as the catalog spells it");
    }

    /**
     * Relations whose name matches ignoring case or schema, or is a typo away from a name given
     * literally ({@code ordrs}): the usual reasons for no match.
     */
    private static String nearMisses(
            List<CatalogReader.Relation> relations,
            List<Pattern> names,
            List<String> literals,
            String hint) {
        List<String> similar = new ArrayList<>();
        for (CatalogReader.Relation r : relations) {
            if (similar.size() < 5
                    && (names.stream().anyMatch(p -> p.matcher(r.id.table()).matches())
                            || literals.stream()
                                    .anyMatch(l -> NameDistance.isNear(l, r.id.table())))) {
                String reason = rejection(r);
                similar.add(r.id + (reason == null ? "" : " (" + reason + ")"));
            }
        }
        return similar.isEmpty()
                ? ""
                : " Similar relations: "
                        + String.join("; ", similar)
                        + " (names are case-sensitive; "
                        + hint
                        + ").";
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
        return tables != null
                ? tables.stream().map(TableId::toString).collect(Collectors.joining(", "))
                : schemaRegex + "." + tableRegex;
    }
}
