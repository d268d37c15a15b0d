package io.neoncdc.jobs.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ${NAME} substitution: precedence, defaults, literal values, every missing name reported. */
class VariablesTest {

    private static String substitute(Variables vars, String text) {
        return vars.substitute(List.of(new SqlStatement(text, "f.sql", 1))).get(0).text();
    }

    @Test
    void overridesWinOverTheEnvironmentAndDefaultsFillTheRest() {
        Variables vars = new Variables(Map.of("HOST", "cli"), Map.of("HOST", "env", "USER", "u"));
        assertThat(substitute(vars, "'${HOST}' '${USER}' '${PORT:-5432}' '${USER:-x}'"))
                .isEqualTo("'cli' 'u' '5432' 'u'");
    }

    @Test
    void valuesAreInsertedLiterally() {
        Variables vars = new Variables(Map.of("P", "a$1\\b"), Map.of());
        assertThat(substitute(vars, "${P}")).isEqualTo("a$1\\b");
    }

    @Test
    void everyMissingVariableIsNamedWithItsPosition() {
        Variables vars = new Variables(Map.of(), Map.of());
        List<SqlStatement> statements =
                List.of(
                        new SqlStatement("${A} ${B:-ok}", "x.sql", 3),
                        new SqlStatement("${C}", "y.sql", 9));
        assertThatThrownBy(() -> vars.substitute(statements))
                .hasMessageContaining("${A} (x.sql:3)")
                .hasMessageContaining("${C} (y.sql:9)")
                .hasMessageNotContaining("${B}");
    }
}
