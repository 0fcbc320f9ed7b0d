package io.jurist.audit.internal;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.List;

/**
 * What a failed write of the decision log was, read from its exception: the database failing (retry the same
 * records later), a record the columns cannot hold or the database refuses (set that record aside as a gap), and
 * how to name it in logs and health without the data.
 */
final class StoreFailures {

    private StoreFailures() {
    }

    /** A record that cannot be turned into a row (a value outside what the columns hold), whatever the database. */
    static final class UnconvertibleRecordException extends RuntimeException {
        UnconvertibleRecordException(Object record, RuntimeException cause) {
            super("Cannot convert " + record + " into a row: " + cause, cause);
        }
    }

    /**
     * True when the failure says the database (or the way to it) failed rather than anything written: no connection
     * (SQLSTATE class 08, or the driver's or the pool's connection exceptions), a transaction rolled back by the
     * database (40), insufficient resources (53), operator intervention (57), a system error (58). Retrying the same
     * records later may succeed. Anything else may be the records' fault, and is narrowed down to the record.
     */
    static boolean databaseFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof UnconvertibleRecordException) {
                return false;
            }
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                for (SQLException e = sql; e != null; e = e.getNextException()) {
                    String state = e.getSQLState();
                    if (state != null && state.length() == 5 && List.of("08", "40", "53", "57", "58")
                            .contains(state.substring(0, 2))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** True when a record could not be converted into a row: a fault of the record whatever the database does. */
    static boolean unconvertible(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof UnconvertibleRecordException) {
                return true;
            }
        }
        return false;
    }

    /** What a failure was, for logs and health: its type and SQLSTATE, never the data. */
    static String describe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql.getClass().getSimpleName() + " (SQLSTATE " + sql.getSQLState() + ")";
            }
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return failure.getClass().getSimpleName() + (root == failure ? "" : ": " + root.getClass().getSimpleName());
    }

    /** True when the database refused the data itself (SQLSTATE class 22 or 23), so a retry cannot succeed. */
    static boolean refusedData(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException e = sql; e != null; e = e.getNextException()) {
                    String state = e.getSQLState();
                    if (state != null && (state.startsWith("22") || state.startsWith("23"))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
