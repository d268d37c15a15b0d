package io.neoncdc.jobs.runner;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** SQL gateway errors reduced to the causes a user needs. */
class GatewayExceptionTest {

    @Test
    void keepsTheCausesThatAreNotTheGatewaysOwnWrappers() throws Exception {
        String trace =
                "<Exception on server side:\n"
                        + "org.apache.flink.table.gateway.api.utils.SqlGatewayException: Failed"
                        + " to fetchResults.\n"
                        + "\tat org.apache.flink.table.gateway.rest.handler.X.y(X.java:91)\n"
                        + "Caused by: org.apache.flink.table.gateway.service.utils"
                        + ".SqlExecutionException: Failed to execute the operation 7c.\n"
                        + "\t... 1 more\n"
                        + "Caused by: org.apache.flink.table.api.ValidationException: Unable to"
                        + " create a source for reading table 'bad'.\n"
                        + "\n"
                        + "Table options are:\n"
                        + "\n"
                        + "'connector'='nope'\n"
                        + "\t... 7 more\n"
                        + "\n"
                        + "End of exception on server side>";
        String body =
                new ObjectMapper()
                        .createObjectNode()
                        .set(
                                "errors",
                                new ObjectMapper()
                                        .createArrayNode()
                                        .add("Internal server error.")
                                        .add(trace))
                        .toString();
        String message = GatewayException.readable(500, new ObjectMapper().readTree(body));
        assertThat(message)
                .isEqualTo(
                        "ValidationException: Unable to create a source for reading table"
                                + " 'bad'.\n    Table options are:\n    'connector'='nope'");
    }

    @Test
    void withoutAStackTraceTheErrorsAreTheMessage() throws Exception {
        String body = "{\"errors\":[\"Session abc does not exist.\"]}";
        assertThat(GatewayException.readable(404, new ObjectMapper().readTree(body)))
                .isEqualTo("Session abc does not exist.");
    }
}
