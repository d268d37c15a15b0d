package io.neoncdc.jobs.runner;

import java.util.LinkedHashSet;
import java.util.Set;

/** A failure as one readable line: the distinct messages of its cause chain, outermost first. */
final class Failures {
    private Failures() {}

    static String describe(Throwable failure) {
        Set<String> messages = new LinkedHashSet<>();
        for (Throwable t = failure; t != null && messages.size() < 8; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && !message.isBlank() && !isWrapper(message)) {
                messages.add(message.strip());
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return messages.isEmpty() ? failure.toString() : String.join("\n  caused by: ", messages);
    }

    /** Messages of wrappers that only repeat their cause ("java.lang.X: message"). */
    private static boolean isWrapper(String message) {
        return message.matches("^[a-z][\\w.$]*\\.[A-Z]\\w*(Exception|Error): .*");
    }
}
