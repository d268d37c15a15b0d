package io.neoncdc.jobs.runner;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;

/**
 * An error answer of the SQL gateway, with the message reduced to what the user needs: the causes
 * from the server-side stack trace that are not the gateway's own wrappers.
 */
final class GatewayException extends IOException {
    private static final long serialVersionUID = 1L;
    private static final String GATEWAY_PACKAGE = "org.apache.flink.table.gateway.";

    GatewayException(int status, JsonNode body) {
        super(readable(status, body));
    }

    static String readable(int status, JsonNode body) {
        List<String> errors = new ArrayList<>();
        body.path("errors").forEach(e -> errors.add(e.asText()));
        Set<String> causes = new LinkedHashSet<>();
        for (String error : errors) {
            causes.addAll(causes(error));
        }
        if (causes.isEmpty()) {
            causes.addAll(errors);
        }
        if (causes.isEmpty()) {
            return "The SQL gateway answered HTTP " + status;
        }
        return String.join("\n  caused by: ", causes);
    }

    /**
     * The {@code Caused by:} blocks of a server-side stack trace (header line plus message lines,
     * no frames), leaving out the gateway's wrappers, shortened to the exception's simple name.
     */
    static List<String> causes(String trace) {
        List<String> causes = new ArrayList<>();
        StringBuilder block = null;
        for (String line : trace.split("\n")) {
            boolean frame = line.startsWith("\tat ") || line.startsWith("\t...");
            boolean header = line.startsWith("Caused by: ") || isExceptionHeader(line);
            if (header || frame || line.startsWith("End of exception on server side")) {
                addBlock(causes, block);
                block = null;
            }
            if (header) {
                block = new StringBuilder(line.replaceFirst("^Caused by: ", ""));
            } else if (!frame && block != null && !line.isBlank()) {
                block.append('\n').append("    ").append(line);
            }
        }
        addBlock(causes, block);
        return causes;
    }

    private static boolean isExceptionHeader(String line) {
        return line.matches("^[a-z][\\w.$]*\\.[A-Z][\\w$]*(Exception|Error)(: .*)?$");
    }

    private static void addBlock(List<String> causes, StringBuilder block) {
        if (block == null || block.toString().startsWith(GATEWAY_PACKAGE)) {
            return;
        }
        String text = block.toString().replaceFirst("^[a-z][\\w.$]*\\.([A-Z][\\w$]*)", "$1");
        causes.add(text);
    }
}
