package io.neoncdc.postgres.catalog;

/**
 * What {@link Publications} needs to know about the job's publication, as plain values so the
 * catalog package does not depend on the source configuration.
 */
public final class PublicationSpec {
    private final String name;
    private final String database;
    private final boolean readOnly;
    private final boolean autoCreate;
    private final boolean forAllTables;
    private final boolean publishTruncates;

    /**
     * @param autoCreate {@code publication.auto-create} is not {@code disabled}
     * @param forAllTables {@code publication.auto-create} = {@code all-tables}
     * @param publishTruncates a TRUNCATE must reach the job ({@code truncate.action} = {@code
     *     fail})
     */
    public PublicationSpec(
            String name,
            String database,
            boolean readOnly,
            boolean autoCreate,
            boolean forAllTables,
            boolean publishTruncates) {
        this.name = name;
        this.database = database;
        this.readOnly = readOnly;
        this.autoCreate = autoCreate;
        this.forAllTables = forAllTables;
        this.publishTruncates = publishTruncates;
    }

    public String name() {
        return name;
    }

    public String database() {
        return database;
    }

    public boolean readOnly() {
        return readOnly;
    }

    /** Whether the connector may create the publication or change its own one. */
    public boolean mayWrite() {
        return !readOnly && autoCreate;
    }

    public boolean forAllTables() {
        return forAllTables;
    }

    public boolean publishTruncates() {
        return publishTruncates;
    }

    /**
     * The same publication with creating and changing turned off, as {@code
     * publication.auto-create} = {@code disabled} (a check that never writes).
     */
    public PublicationSpec withoutWrites() {
        return new PublicationSpec(name, database, readOnly, false, false, publishTruncates);
    }
}
