package eaeu.pmm03.server.db;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;

import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

/**
 * Whether a failure means the database could not be reached (server down, restarting, connection lost) rather than
 * a fault of the request or of our code: such a request was not applied and may simply be sent again (D-121).
 */
public final class DatabaseOutage {

    /** The text of the retryable Receiver fault, in both languages. */
    public static final String TEXT = "the node's database is temporarily unavailable: send the message again later with"
            + " the same EDocId / база данных узла временно недоступна: повторите отправку позднее с тем же EDocId";

    private DatabaseOutage() {}

    public static boolean isCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof SQLTransientConnectionException || c instanceof SQLNonTransientConnectionException
                    || c instanceof CannotCreateTransactionException || c instanceof DataAccessResourceFailureException
                    || c instanceof java.net.ConnectException) {
                return true;
            }
        }
        return false;
    }
}
