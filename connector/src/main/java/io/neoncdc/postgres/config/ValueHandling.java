package io.neoncdc.postgres.config;

import io.neoncdc.postgres.convert.ConversionOptions;
import java.io.Serializable;
import java.util.Objects;
import org.apache.flink.annotation.Internal;

/**
 * How values and value-less events are represented: bytea as STRING, unchanged TOASTed values and
 * TRUNCATE; one immutable part of {@link NeonPostgresSourceConfig}.
 */
@Internal
public final class ValueHandling implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The defaults of a source without these options ({@code all} changelog mode). */
    public static final ValueHandling DEFAULTS =
            new ValueHandling(
                    ConversionOptions.defaults(),
                    ToastMode.FAIL,
                    NeonPostgresOptions.TOAST_PLACEHOLDER.defaultValue(),
                    TruncateAction.FAIL);

    private final ConversionOptions conversion;
    private final ToastMode toastMode;
    private final String toastPlaceholder;
    private final TruncateAction truncateAction;

    public ValueHandling(
            ConversionOptions conversion,
            ToastMode toastMode,
            String toastPlaceholder,
            TruncateAction truncateAction) {
        this.conversion = Objects.requireNonNull(conversion);
        this.toastMode = Objects.requireNonNull(toastMode);
        this.toastPlaceholder = Objects.requireNonNull(toastPlaceholder);
        this.truncateAction = Objects.requireNonNull(truncateAction);
    }

    /** Converter options ({@code binary.representation}). */
    public ConversionOptions conversion() {
        return conversion;
    }

    public ToastMode toastMode() {
        return toastMode;
    }

    /** The marker {@link ToastMode#PLACEHOLDER} emits. */
    public String toastPlaceholder() {
        return toastPlaceholder;
    }

    public TruncateAction truncateAction() {
        return truncateAction;
    }

    public ValueHandling withToastMode(ToastMode mode) {
        return new ValueHandling(conversion, mode, toastPlaceholder, truncateAction);
    }

    @Override
    public String toString() {
        return conversion
                + " toast.unchanged-value="
                + toastMode
                + " truncate.action="
                + truncateAction;
    }
}
