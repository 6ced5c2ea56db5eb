package io.ticketbridge.store;

import java.sql.SQLException;

/** Portable reading of database errors (H2 and PostgreSQL share SQLSTATE codes). */
public final class Sql {

    private Sql() {
    }

    /** What a unique constraint protects, in words an API caller can act on (never the SQL text). */
    private static final java.util.Map<String, String> UNIQUE_MEANING = java.util.Map.of(
            "integrations_space_name_ux", "An integration with this name already exists in this space",
            "spaces_name", "A space with this name already exists",
            "field_mappings_ux", "This hub field is mapped already for this integration",
            "templates_ux", "A template with this name already exists for this integration",
            "links_ticket_integration_ux", "This ticket is linked to this integration already",
            "sync_schedules_ux", "This integration has a sync schedule already");

    /** The caller-facing message of a unique violation. */
    public static String conflictMessage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && "23505".equals(s.getSQLState()) && s.getMessage() != null) {
                String text = s.getMessage().toLowerCase(java.util.Locale.ROOT);
                for (var m : UNIQUE_MEANING.entrySet()) {
                    if (text.contains(m.getKey())) {
                        return m.getValue();
                    }
                }
                if (text.contains("spaces(name") || text.contains("spaces (name") || text.contains("spaces_name")) {
                    return UNIQUE_MEANING.get("spaces_name");
                }
            }
        }
        return "This conflicts with an existing record (a name or key that is already taken)";
    }

    /** A database failure described without its SQL text (for job errors, logs a user reads, API bodies). */
    public static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                String state = s.getSQLState() == null ? "unknown" : s.getSQLState();
                String kind = state.startsWith("23") ? "constraint violation" : state.startsWith("40")
                        ? "transaction conflict (serialization or deadlock)" : state.startsWith("08")
                        ? "connection failure" : state.equals("HYT00") || state.startsWith("57") ? "lock timeout"
                        : "database error";
                return "hub store " + kind + " (SQLSTATE " + state + ")";
            }
        }
        return null;
    }

    /**
     * Runs an insert that may lose a race on a unique key: true when it ran, false when the key was taken
     * (by a row that exists or a transaction that just committed it). Inside a transaction a savepoint keeps
     * the transaction usable after the refusal (PostgreSQL aborts it otherwise; H2 keeps it anyway).
     */
    public static boolean unlessTaken(org.jdbi.v3.core.Handle h, Runnable insert) {
        boolean savepoint = h.isInTransaction();
        if (savepoint) {
            h.savepoint(SAVEPOINT);
        }
        try {
            insert.run();
        } catch (RuntimeException e) {
            if (!isUniqueViolation(e)) {
                throw e;
            }
            if (savepoint) {
                h.rollbackToSavepoint(SAVEPOINT); // Jdbi forgets the savepoint with it
            }
            return false;
        }
        if (savepoint) {
            h.releaseSavepoint(SAVEPOINT);
        }
        return true;
    }

    private static final String SAVEPOINT = "tb_unique";

    public static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && "23505".equals(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
