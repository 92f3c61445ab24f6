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
 * document is, being idempotent by EDocId. Bounded: after the tries of its {@link Bound} the last error is thrown
 * (decision D-172).
 * <p>
 * Every retry loop of the node takes its bound from the one table {@link Bound} (D-232). Loops may nest — the whole
 * document ({@link Bound#DOCUMENT}) around the writes under the record key locks ({@link Bound#RECORD_KEY_WRITE}) —
 * but bounds do not multiply: an inner loop that gives up throws a {@link GaveUp}, which is not transient, so the
 * outer loop does not start it again (3 × 8 = 24 tries before D-232, now at most 8 for a contended key).
 */
public final class TransientRetry {

    private static final Logger log = LoggerFactory.getLogger(TransientRetry.class);

    /** The retry bounds of the node, one entry per retry loop: tries in all, the first one included (D-232). */
    public enum Bound {
        /** the whole processing of one inbound document (idempotent by EDocId): InboundProvider */
        DOCUMENT(3),
        /** one claim of due outbox rows: OutboxWorker */
        OUTBOX_CLAIM(3),
        /** a write under the locks of its record keys (D-131), inside one try of {@link #DOCUMENT}: RecordKeyLocks */
        RECORD_KEY_WRITE(8);

        private final int attempts;

        Bound(int attempts) {
            this.attempts = attempts;
        }

        public int attempts() {
            return attempts;
        }
    }

    /**
     * A retry loop used up its bound: the unit of work is given up and must not be tried again by a loop around it
     * ({@link #isTransient} is false for it and everything it wraps). Its message is what the sender is told.
     */
    public static class GaveUp extends RuntimeException {
        public GaveUp(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final int DEADLOCK = 1213;
    private static final int LOCK_WAIT_TIMEOUT = 1205;
    private static final int WSREP_NOT_READY = 1047;

    private TransientRetry() {
    }

    public static <T> T run(Bound bound, String what, Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return work.get();
            } catch (RuntimeException e) {
                if (attempt >= bound.attempts() || !isTransient(e)) {
                    throw e;
                }
                log.info("{}: transient database conflict (attempt {} of {}), retrying: {}", what, attempt,
                        bound.attempts(), rootMessage(e));
                pause(attempt);
            }
        }
    }

    /**
     * Whether {@code e} (or a cause) is a conflict another try of the whole transaction can get past; never when a
     * retry loop inside already gave up ({@link GaveUp}).
     */
    public static boolean isTransient(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof GaveUp) {
                return false;
            }
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
