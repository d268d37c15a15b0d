package io.neoncdc.postgres.deserializer;

import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Type information of {@link ChangeEventValue}: Flink uses its own serializer, never Kryo. */
public final class ChangeEventValueTypeInfo extends TypeInformation<ChangeEventValue> {
    private static final long serialVersionUID = 1L;
    public static final ChangeEventValueTypeInfo INSTANCE = new ChangeEventValueTypeInfo();

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
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<ChangeEventValue> getTypeClass() {
        return ChangeEventValue.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<ChangeEventValue> createSerializer(SerializerConfig config) {
        return ChangeEventValueSerializer.INSTANCE;
    }

    /**
     * Flink 1.20's abstract variant (removed in 2.0, so no {@code @Override}: the same source
     * compiles against both lines).
     */
    @SuppressWarnings("deprecation")
    public TypeSerializer<ChangeEventValue> createSerializer(ExecutionConfig config) {
        return ChangeEventValueSerializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "ChangeEventValue";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChangeEventValueTypeInfo;
    }

    @Override
    public int hashCode() {
        return ChangeEventValueTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object o) {
        return o instanceof ChangeEventValueTypeInfo;
    }
}
