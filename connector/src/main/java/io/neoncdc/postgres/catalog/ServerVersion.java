package io.neoncdc.postgres.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.core.BaseConnection;

/** The server's {@code server_version_num} (e.g. 170011), as the connection reported it. */
public final class ServerVersion {
    private ServerVersion() {}

    public static int of(Connection connection) throws SQLException {
        return connection.unwrap(BaseConnection.class).getQueryExecutor().getServerVersionNum();
    }
}
