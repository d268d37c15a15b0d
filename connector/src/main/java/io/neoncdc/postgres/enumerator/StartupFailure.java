package io.neoncdc.postgres.enumerator;

import org.apache.flink.runtime.execution.SuppressRestartsException;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.util.ExceptionUtils;
import org.apache.flink.util.FlinkRuntimeException;

/**
 * Classifies a failed start: a configuration or catalog problem (a ValidationException) fails the
 * job for good, since a restart cannot fix it; anything else (e.g. the server is briefly
 * unreachable) lets Flink's restart strategy try again.
 */
final class StartupFailure {
    private StartupFailure() {}

    static RuntimeException of(Throwable error) {
        String message = "neon-postgres-cdc could not start: " + error.getMessage();
        if (ExceptionUtils.findThrowable(error, ValidationException.class).isPresent()) {
            return new SuppressRestartsException(new FlinkRuntimeException(message, error));
        }
        return new FlinkRuntimeException(message, error);
    }
}
