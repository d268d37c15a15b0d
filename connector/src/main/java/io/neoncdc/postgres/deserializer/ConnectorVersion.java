package io.neoncdc.postgres.deserializer;

/** The connector's version, from its jar manifest ({@code dev} when run from classes). */
final class ConnectorVersion {
    private ConnectorVersion() {}

    static String get() {
        String v = ConnectorVersion.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
