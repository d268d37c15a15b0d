package io.neoncdc.jobs.demo;

import java.util.Properties;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/** Creates the {@link ProgressReporter}; Flink finds it through {@code META-INF/services}. */
public final class ProgressReporterFactory implements MetricReporterFactory {
    /** The reporter option naming the run whose board receives the gauges. */
    static final String RUN_ID = "run-id";

    @Override
    public MetricReporter createMetricReporter(Properties properties) {
        return new ProgressReporter(properties.getProperty(RUN_ID, ""));
    }
}
