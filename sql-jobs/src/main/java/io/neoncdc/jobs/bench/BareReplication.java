package io.neoncdc.jobs.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import org.postgresql.PGProperty;
import org.postgresql.replication.PGReplicationStream;

/** The bare pgjdbc replication reader of the baselines: pgoutput, proto_version 1, text values. */
final class BareReplication {
    private BareReplication() {}

    /** A replication connection to the bench database. */
    static Connection connect(BenchServer server) throws SQLException {
        Properties props = new Properties();
        PGProperty.USER.set(props, server.user);
        PGProperty.PASSWORD.set(props, server.password);
        PGProperty.SSL_MODE.set(props, server.sslMode);
        PGProperty.REPLICATION.set(props, "database");
        PGProperty.PREFER_QUERY_MODE.set(props, "simple");
        PGProperty.ASSUME_MIN_SERVER_VERSION.set(props, "10");
        String url = "jdbc:postgresql://" + server.host + ":" + server.port + "/" + server.database;
        return DriverManager.getConnection(url, props);
    }

    /** Streams {@code slot} over the bench publication. */
    static PGReplicationStream stream(Connection c, String slot) throws SQLException {
        return c.unwrap(PGConnection.class)
                .getReplicationAPI()
                .replicationStream()
                .logical()
                .withSlotName(slot)
                .withSlotOption("proto_version", 1)
                .withSlotOption("publication_names", DataSets.PUBLICATION)
                .withStatusInterval(10, TimeUnit.SECONDS)
                .start();
    }
}
