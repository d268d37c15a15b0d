package io.neoncdc.postgres.connection;

import java.sql.Driver;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connector's own pgjdbc {@link Driver} instance; in the SQL jar (pgjdbc relocated) it is taken
 * out of {@link java.sql.DriverManager} again, so other code of the JVM keeps its own pgjdbc.
 */
final class OwnDriver {
    private static final Logger LOG = LoggerFactory.getLogger(OwnDriver.class);

    /**
     * The relocated class name starts with our own package ("io.neoncdc." is no relocation pattern,
     * so the shade plugin leaves this literal alone).
     */
    private static final String RELOCATED_PREFIX = "io.neoncdc.";

    private OwnDriver() {}

    /**
     * A new driver instance. Loading pgjdbc's Driver class registers one instance with
     * DriverManager (its static initializer). With pgjdbc relocated that registration is withdrawn:
     * it would answer every {@code jdbc:postgresql:} URL of the JVM (a JDBC sink, a UDF, another
     * connector) with our pgjdbc, whose connections cannot be unwrapped to their {@code
     * org.postgresql.PGConnection}, and it pins a job's user class loader in DriverManager. Without
     * relocation (the thin jar) pgjdbc is the application's own and is left as it is.
     */
    static Driver create() {
        Driver driver = new org.postgresql.Driver();
        if (org.postgresql.Driver.class.getName().startsWith(RELOCATED_PREFIX)
                && org.postgresql.Driver.isRegistered()) {
            try {
                org.postgresql.Driver.deregister();
            } catch (SQLException | IllegalStateException e) {
                LOG.warn("Could not deregister the relocated pgjdbc driver from DriverManager", e);
            }
        }
        return driver;
    }
}
