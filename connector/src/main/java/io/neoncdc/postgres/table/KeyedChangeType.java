package io.neoncdc.postgres.table;

import java.io.IOException;
import java.util.Objects;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.base.array.BytePrimitiveArraySerializer;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.api.java.typeutils.runtime.TupleSerializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.RowDataSerializer;
import org.apache.flink.table.types.logical.RowType;

/**
 * The type of {@link KeyedChanges}' elements {@code (state key, flags, row)} on their way to {@link
 * ChangelogMaterializer}: a tuple whose serializer builds each tuple with {@code new} instead of
 * the reflective instantiation of Flink's {@code TupleSerializer} (a tenth of the keyed scan's task
 * time in the profile). These elements only travel the network, never state.
 */
final class KeyedChangeType extends TypeInformation<Tuple3<RowData, byte[], RowData>> {
    private static final long serialVersionUID = 1L;

    private final RowType producedType;

    KeyedChangeType(RowType producedType) {
        this.producedType = producedType;
    }

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 3;
    }

    @Override
    public int getTotalFields() {
        return 3;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    @Override
    public Class<Tuple3<RowData, byte[], RowData>> getTypeClass() {
        return (Class) Tuple3.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    // No @Override: createSerializer(SerializerConfig) is the abstract method on Flink 2.x,
    // createSerializer(ExecutionConfig) on 1.x; both are defined so either line compiles.
    public TypeSerializer<Tuple3<RowData, byte[], RowData>> createSerializer(
            SerializerConfig config) {
        return serializer();
    }

    public TypeSerializer<Tuple3<RowData, byte[], RowData>> createSerializer(
            ExecutionConfig config) {
        return serializer();
    }

    private TypeSerializer<Tuple3<RowData, byte[], RowData>> serializer() {
        return new Serializer(
                new TypeSerializer<?>[] {
                    new RowDataSerializer(StateKeys.KEY_TYPE),
                    BytePrimitiveArraySerializer.INSTANCE,
                    new RowDataSerializer(producedType)
                });
    }

    @Override
    public String toString() {
        return "KeyedChange(" + StateKeys.KEY_TYPE + ", BYTES, " + producedType + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyedChangeType
                && producedType.equals(((KeyedChangeType) o).producedType);
    }

    @Override
    public int hashCode() {
        return Objects.hash(KeyedChangeType.class, producedType);
    }

    @Override
    public boolean canEqual(Object o) {
        return o instanceof KeyedChangeType;
    }

    /** Flink's tuple serializer (same bytes) with tuples built by {@code new}. */
    static final class Serializer extends TupleSerializer<Tuple3<RowData, byte[], RowData>> {
        private static final long serialVersionUID = 1L;

        private final TypeSerializer<?>[] fields;

        @SuppressWarnings({"unchecked", "rawtypes"})
        Serializer(TypeSerializer<?>[] fields) {
            super((Class) Tuple3.class, fields);
            this.fields = fields;
        }

        @SuppressWarnings("unchecked")
        private TypeSerializer<RowData> row(int i) {
            return (TypeSerializer<RowData>) fields[i];
        }

        @Override
        public Serializer duplicate() {
            TypeSerializer<?>[] copies = new TypeSerializer<?>[fields.length];
            for (int i = 0; i < fields.length; i++) {
                copies[i] = fields[i].duplicate();
            }
            return new Serializer(copies);
        }

        @Override
        public Tuple3<RowData, byte[], RowData> createInstance() {
            return new Tuple3<>();
        }

        @Override
        public Tuple3<RowData, byte[], RowData> copy(Tuple3<RowData, byte[], RowData> from) {
            return Tuple3.of(row(0).copy(from.f0), from.f1.clone(), row(2).copy(from.f2));
        }

        @Override
        public Tuple3<RowData, byte[], RowData> copy(
                Tuple3<RowData, byte[], RowData> from, Tuple3<RowData, byte[], RowData> reuse) {
            return copy(from);
        }

        @Override
        public Tuple3<RowData, byte[], RowData> deserialize(DataInputView source)
                throws IOException {
            RowData key = row(0).deserialize(source);
            byte[] flags = BytePrimitiveArraySerializer.INSTANCE.deserialize(source);
            return Tuple3.of(key, flags, row(2).deserialize(source));
        }

        @Override
        public Tuple3<RowData, byte[], RowData> deserialize(
                Tuple3<RowData, byte[], RowData> reuse, DataInputView source) throws IOException {
            return deserialize(source);
        }

        @Override
        public void serialize(Tuple3<RowData, byte[], RowData> value, DataOutputView target)
                throws IOException {
            row(0).serialize(value.f0, target);
            BytePrimitiveArraySerializer.INSTANCE.serialize(value.f1, target);
            row(2).serialize(value.f2, target);
        }
    }
}
