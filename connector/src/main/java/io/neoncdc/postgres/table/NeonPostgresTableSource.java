package io.neoncdc.postgres.table;

import io.neoncdc.postgres.NeonPostgresSource;
import io.neoncdc.postgres.config.NeonPostgresSourceConfig;
import io.neoncdc.postgres.config.ToastMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.connector.source.ScanTableSource;
import org.apache.flink.table.connector.source.SourceProvider;
import org.apache.flink.table.connector.source.abilities.SupportsReadingMetadata;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.RowType;

/** The {@code neon-postgres-cdc} scan source of a SQL table. */
public final class NeonPostgresTableSource implements ScanTableSource, SupportsReadingMetadata {
    private final NeonPostgresSourceConfig config;
    private DataType producedDataType;
    private List<MetadataColumn> metadata = new ArrayList<>();

    NeonPostgresTableSource(NeonPostgresSourceConfig config, DataType physicalDataType) {
        this.config = config;
        this.producedDataType = physicalDataType;
    }

    @Override
    public ChangelogMode getChangelogMode() {
        return config.changelogMode() == io.neoncdc.postgres.config.ChangelogMode.UPSERT
                ? ChangelogMode.upsert()
                : ChangelogMode.all();
    }

    @Override
    public ScanRuntimeProvider getScanRuntimeProvider(ScanContext context) {
        if (config.values().toastMode() == ToastMode.FILL) {
            RowType produced = (RowType) producedDataType.getLogicalType();
            RowDataDeserializer marking =
                    new RowDataDeserializer(
                            config.changelogMode(),
                            metadata,
                            InternalTypeInfo.of(FillingScanProvider.markedType(produced)),
                            true,
                            keyFields());
            return new FillingScanProvider(
                    NeonPostgresSource.<RowData>builderFor(config).deserializer(marking).build(),
                    produced,
                    config.declaredRowType().getFieldCount(),
                    config.declaredPrimaryKey());
        }
        RowDataDeserializer deserializer =
                new RowDataDeserializer(
                        config.changelogMode(),
                        metadata,
                        context.<RowData>createTypeInformation(producedDataType),
                        false,
                        keyFields());
        return SourceProvider.of(
                NeonPostgresSource.<RowData>builderFor(config).deserializer(deserializer).build());
    }

    private int[] keyFields() {
        RowType physical = config.declaredRowType();
        return config.declaredPrimaryKey().stream().mapToInt(physical::getFieldIndex).toArray();
    }

    @Override
    public Map<String, DataType> listReadableMetadata() {
        Map<String, DataType> result = new LinkedHashMap<>();
        for (MetadataColumn m : MetadataColumn.values()) {
            result.put(m.key(), m.type());
        }
        return result;
    }

    @Override
    public void applyReadableMetadata(List<String> keys, DataType producedDataType) {
        List<MetadataColumn> columns = new ArrayList<>();
        keys.forEach(k -> columns.add(MetadataColumn.of(k)));
        this.metadata = columns;
        this.producedDataType = producedDataType;
    }

    @Override
    public DynamicTableSource copy() {
        NeonPostgresTableSource copy = new NeonPostgresTableSource(config, producedDataType);
        copy.metadata = new ArrayList<>(metadata);
        return copy;
    }

    @Override
    public String asSummaryString() {
        return "neon-postgres-cdc";
    }
}
