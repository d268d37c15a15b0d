package io.neoncdc.jobs.bench;

import java.nio.file.Path;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilderFactory;
import org.apache.logging.log4j.core.config.builder.impl.BuiltConfiguration;

/**
 * Sends every log line to a file (the console shows only the bench's own progress): WARN and up,
 * plus the connector's INFO lines. Does nothing when a log4j2 configuration file is given.
 */
final class BenchLogging {
    private BenchLogging() {}

    static void configure(Path file) {
        System.setProperty("log4j2.statusLoggerLevel", "OFF");
        if (System.getProperty("log4j2.configurationFile") != null) {
            return;
        }
        ConfigurationBuilder<BuiltConfiguration> b =
                ConfigurationBuilderFactory.newConfigurationBuilder();
        b.setStatusLevel(Level.OFF);
        b.add(
                b.newAppender("file", "File")
                        .addAttribute("fileName", file.toString())
                        .addAttribute("append", false)
                        .add(
                                b.newLayout("PatternLayout")
                                        .addAttribute(
                                                "pattern",
                                                "%d{HH:mm:ss.SSS} %-5p %-40c{1.} [%t] %m%n")));
        b.add(b.newLogger("io.neoncdc", Level.INFO));
        b.add(b.newRootLogger(Level.WARN).add(b.newAppenderRef("file")));
        Configurator.reconfigure(b.build());
    }
}
