package io.neoncdc.postgres.config;

import static io.neoncdc.postgres.config.NeonPostgresOptions.SCHEMA_NAME;
import static io.neoncdc.postgres.config.NeonPostgresOptions.TABLE_LIST;
import static io.neoncdc.postgres.config.NeonPostgresOptions.TABLE_NAME;

import io.neoncdc.postgres.catalog.TableId;
import io.neoncdc.postgres.catalog.TableList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.api.ValidationException;

/** Reads and checks the capture options: two regexes, or the exact names of a table list. */
final class CaptureOptions {
    String schemaPattern;
    String tablePattern;
    List<TableId> tableList = List.of();

    private CaptureOptions() {}

    /**
     * {@code schema-name} + {@code table-name} regexes, or the exact names of {@code table-list}.
     */
    static CaptureOptions read(ReadableConfig options) {
        CaptureOptions c = new CaptureOptions();
        String list = options.get(TABLE_LIST);
        if (list == null) {
            if (options.get(TABLE_NAME) == null) {
                throw new ValidationException(
                        "Neither 'table-name' nor 'table-list' is set: name the captured tables"
                                + " with 'table-name' (and 'schema-name'), or list them exactly"
                                + " with 'table-list'.");
            }
            c.schemaPattern = checkRegex(SCHEMA_NAME.key(), options.get(SCHEMA_NAME));
            c.tablePattern = checkRegex(TABLE_NAME.key(), options.get(TABLE_NAME));
            return c;
        }
        if (options.getOptional(TABLE_NAME).isPresent()
                || options.getOptional(SCHEMA_NAME).isPresent()) {
            throw new ValidationException(
                    "'table-list' and 'table-name'/'schema-name' are mutually exclusive: either"
                            + " list the exact tables (schema.table) in 'table-list', or select"
                            + " them by regular expression with 'schema-name' and 'table-name'.");
        }
        if (list.isBlank()) {
            throw new ValidationException(
                    "'table-list' is empty: name at least one table (schema.table), or remove"
                            + " it and use 'table-name'.");
        }
        c.tableList = TableList.parseOption(list);
        return c;
    }

    private static String checkRegex(String option, String regex) {
        try {
            Pattern.compile(regex);
            return regex;
        } catch (PatternSyntaxException e) {
            throw new ValidationException(
                    "'"
                            + option
                            + "' = '"
                            + regex
                            + "' is not a valid regular expression: "
                            + e.getDescription(),
                    e);
        }
    }
}
