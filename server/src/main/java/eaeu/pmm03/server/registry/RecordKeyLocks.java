package eaeu.pmm03.server.registry;

import eaeu.pmm03.server.db.TransientRetry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.Collection;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Serializes the writes to one record key (D-131): {@link #write} runs a transaction that first locks the row of
 * each key in {@code record_key_lock} (inserted if missing and locked by one INSERT … ON DUPLICATE KEY UPDATE, keys
 * in a fixed order; D-216), and only then reads the state of the records, so an inclusion, a change and an exclusion of the same key
 * are judged one after the other against the state the previous one left. The transaction reads committed data
 * (READ COMMITTED), so what the previous holder of the lock committed is seen. A deadlock or lock wait timeout
 * (what {@link TransientRetry#isTransient} calls transient: 1213/1205, Galera's certification conflicts) is retried
 * {@link TransientRetry.Bound#RECORD_KEY_WRITE} times in all, with jitter; if the node gives up, {@link Contended} is
 * thrown: a retryable Receiver fault, never a final result code, and the end of the retries around it too (D-232).
 */
@Component
public class RecordKeyLocks {

    /**
     * The node gave up on a write because of lock contention: the sender should retry (Receiver fault); the
     * document's own retry ({@link TransientRetry.Bound#DOCUMENT}) does not try it again.
     */
    public static class Contended extends TransientRetry.GaveUp {
        public Contended(Throwable cause) {
            super("the unified database is busy with concurrent changes of the same record; the message was not"
                    + " applied, retry later / единая база данных занята параллельными изменениями той же записи;"
                    + " сообщение не применено, повторите позднее", cause);
        }
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    public RecordKeyLocks(JdbcTemplate jdbc, PlatformTransactionManager tm) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(tm);
        this.tx.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
    }

    /** Runs {@code work} in a new transaction holding the locks of the given key hashes, retried on deadlock. */
    public <T> T write(Collection<String> keyHashes, Supplier<T> work) {
        TreeSet<String> ordered = new TreeSet<>(keyHashes);
        RuntimeException last = null;
        int attempts = TransientRetry.Bound.RECORD_KEY_WRITE.attempts();
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                return tx.execute(s -> {
                    // one statement per key inserts the row if missing and locks it exclusively either way
                    // (InnoDB puts an exclusive lock on the duplicate row of INSERT … ON DUPLICATE KEY UPDATE): the
                    // same lock as SELECT … FOR UPDATE, without an INSERT IGNORE committed on its own first (D-216)
                    for (String k : ordered) {
                        jdbc.update("INSERT INTO record_key_lock (record_key_hash) VALUES (?)"
                                + " ON DUPLICATE KEY UPDATE record_key_hash = record_key_hash", k);
                    }
                    return work.get();
                });
            } catch (RuntimeException e) {
                if (!TransientRetry.isTransient(e)) {
                    throw e;
                }
                last = e;
                backOff(attempt);
            }
        }
        throw new Contended(last);
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(5, 20L << Math.min(attempt, 5)));
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a write", ie);
        }
    }
}
