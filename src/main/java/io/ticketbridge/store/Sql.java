package io.ticketbridge.store;

import java.sql.SQLException;

/** Portable reading of database errors (H2 and PostgreSQL share SQLSTATE codes). */
public final class Sql {

    private Sql() {
    }

    public static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && "23505".equals(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
