package io.neoncdc.postgres.convert;

import io.neoncdc.postgres.catalog.PgType;
import java.util.List;
import java.util.Objects;

/**
 * Looks up the attributes of composite types, which {@link PgType} does not carry; the catalog
 * implements it ({@code pg_attribute} of {@code typrelid}, not dropped, by {@code attnum}).
 */
public interface CompositeTypes {

    /** No composite type is known: composites can then only be read as STRING. */
    CompositeTypes NONE =
            type -> {
                throw new IllegalArgumentException("Attributes of " + type + " are unknown");
            };

    /** The live attributes of a composite type in attribute order. */
    List<Field> fieldsOf(PgType composite);

    /** One attribute of a composite type. */
    final class Field {
        private final String name;
        private final PgType type;

        public Field(String name, PgType type) {
            this.name = Objects.requireNonNull(name);
            this.type = Objects.requireNonNull(type);
        }

        public String name() {
            return name;
        }

        public PgType type() {
            return type;
        }

        @Override
        public String toString() {
            return name + " " + type;
        }
    }
}
