package io.neoncdc.postgres.schema;

import io.neoncdc.postgres.catalog.ColumnInfo;
import io.neoncdc.postgres.catalog.PgType;
import io.neoncdc.postgres.convert.CompositeTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.apache.flink.annotation.Internal;

/** Composite type attributes read from the catalog, as the converters ask for them. */
@Internal
public final class CatalogComposites implements CompositeTypes {
    private final IntFunction<List<ColumnInfo>> attributesByTypeOid;

    /**
     * @param attributesByTypeOid the attributes of a composite type, or null when unknown
     */
    public CatalogComposites(IntFunction<List<ColumnInfo>> attributesByTypeOid) {
        this.attributesByTypeOid = attributesByTypeOid;
    }

    @Override
    public List<Field> fieldsOf(PgType composite) {
        List<ColumnInfo> attributes = attributesByTypeOid.apply(composite.oid());
        if (attributes == null) {
            throw new IllegalArgumentException("Attributes of " + composite + " are unknown");
        }
        List<Field> fields = new ArrayList<>(attributes.size());
        attributes.forEach(a -> fields.add(new Field(a.name(), a.type())));
        return fields;
    }
}
