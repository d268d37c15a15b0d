package io.neoncdc.jobs.runner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ${NAME}} and {@code ${NAME:-default}} in SQL files, filled from {@code --var} values and
 * then the environment; a name with neither and no default stops the run before any statement.
 */
public final class Variables {
    private static final Pattern REFERENCE =
            Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    private final Map<String, String> values;

    /** {@code overrides} win over {@code environment}. */
    public Variables(Map<String, String> overrides, Map<String, String> environment) {
        this.values = new LinkedHashMap<>(environment);
        this.values.putAll(overrides);
    }

    /**
     * The statements with every reference replaced.
     *
     * @throws IllegalArgumentException naming every unset variable and where it is used
     */
    public List<SqlStatement> substitute(List<SqlStatement> statements) {
        List<SqlStatement> out = new ArrayList<>();
        Set<String> missing = new LinkedHashSet<>();
        for (SqlStatement statement : statements) {
            Matcher m = REFERENCE.matcher(statement.text());
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                String value = values.get(m.group(1));
                if (value == null) {
                    value = m.group(2);
                }
                if (value == null) {
                    missing.add("${" + m.group(1) + "} (" + statement.position() + ")");
                    value = "";
                }
                m.appendReplacement(sb, Matcher.quoteReplacement(value));
            }
            m.appendTail(sb);
            out.add(statement.withText(sb.toString()));
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(
                    "Set these variables (environment or --var NAME=VALUE): "
                            + String.join(", ", missing));
        }
        return out;
    }
}
