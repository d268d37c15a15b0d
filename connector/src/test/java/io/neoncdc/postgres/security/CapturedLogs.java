package io.neoncdc.postgres.security;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.layout.PatternLayout;

/** Captures every log line of the JVM (all levels, stack traces included) while open. */
final class CapturedLogs extends AbstractAppender implements AutoCloseable {
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final LoggerContext context;
    private final Level previous;

    CapturedLogs() {
        super("captured", null, PatternLayout.createDefaultLayout(), true, Property.EMPTY_ARRAY);
        context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        LoggerConfig root = config.getRootLogger();
        previous = root.getLevel();
        start();
        root.addAppender(this, Level.ALL, null);
        root.setLevel(Level.ALL);
        for (LoggerConfig logger : config.getLoggers().values()) {
            logger.setLevel(Level.ALL);
        }
        context.updateLoggers();
    }

    @Override
    public void append(LogEvent event) {
        StringBuilder sb = new StringBuilder(event.getMessage().getFormattedMessage());
        for (Throwable t = event.getThrown(); t != null; t = t.getCause()) {
            sb.append(" | ").append(t);
        }
        lines.add(sb.toString());
    }

    List<String> lines() {
        return lines;
    }

    @Override
    public void close() {
        Configuration config = context.getConfiguration();
        config.getRootLogger().removeAppender(getName());
        config.getRootLogger().setLevel(previous);
        context.updateLoggers();
        stop();
    }
}
