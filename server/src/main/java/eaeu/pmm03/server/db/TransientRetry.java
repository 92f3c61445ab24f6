package eaeu.pmm03.server.db;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.TransientDataAccessException;

import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * The one place that retries a unit of work the database refused for a reason that another try can cure: a
 * deadlock or a MariaDB Galera certification conflict (error 1213, SQLSTATE 40001: two nodes changed the same row),
 * a lock wait timeout (1205), or a Galera node that is not (yet) part of the primary component (1047 "WSREP has not
 * yet prepared node for application use"). The unit must be a whole transaction and safe to repeat — every inbound
 * document is, being idempotent by EDocId. Bounded: after {@link #ATTEMPTS} tries the last error is thrown
 * (decision D-172).
 */
public final class TransientRetry {

    private static final Logger log = LoggerFactory.getLogger(TransientRetry.class);

    /** Tries in all (the first and two retries). */
    public static final int ATTEMPTS = 3;

    private static final int DEADLOCK = 1213;
    private static final int LOCK_WAIT_TIMEOUT = 1205;
    private static final int WSREP_NOT_READY = 1047;

    private TransientRetry() {
    }

    public static <T> T run(String what, Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return work.get();
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !isTransient(e)) {
                    throw e;
                }
                log.info("{}: transient database conflict (attempt {} of {}), retrying: {}", what, attempt, ATTEMPTS,
                        rootMessage(e));
                pause(attempt);
            }
        }
    }

    /** Whether {@code e} (or a cause) is a conflict another try of the whole transaction can get past. */
    public static boolean isTransient(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof PessimisticLockingFailureException || c instanceof TransientDataAccessException) {
                return true;
            }
            if (c instanceof SQLException s) {
                int code = s.getErrorCode();
                if (code == DEADLOCK || code == LOCK_WAIT_TIMEOUT || code == WSREP_NOT_READY
                        || "40001".equals(s.getSQLState())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable r = e;
        while (r.getCause() != null && r.getCause() != r) {
            r = r.getCause();
        }
        return r.getMessage();
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(10, 50L * attempt));
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
    }
}
