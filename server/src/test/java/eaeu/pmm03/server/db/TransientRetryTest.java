package eaeu.pmm03.server.db;

import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataIntegrityViolationException;

import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TransientRetryTest {

    private static RuntimeException galeraCertificationFailure() {
        // what MariaDB Connector/J reports for a Galera certification conflict, wrapped as Spring/Hibernate do
        return new RuntimeException("could not execute statement",
                new SQLTransactionRollbackException("Deadlock found when trying to get lock; try restarting transaction",
                        "40001", 1213));
    }

    @Test
    void certificationConflictIsRetriedUntilTheWorkGoesThrough() {
        AtomicInteger calls = new AtomicInteger();
        String r = TransientRetry.run("test", () -> {
            if (calls.incrementAndGet() < TransientRetry.ATTEMPTS) {
                throw galeraCertificationFailure();
            }
            return "stored";
        });
        assertThat(r).isEqualTo("stored");
        assertThat(calls).hasValue(TransientRetry.ATTEMPTS);
    }

    @Test
    void retriesAreBounded() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> TransientRetry.run("test", () -> {
            calls.incrementAndGet();
            throw new CannotAcquireLockException("lock wait timeout");
        })).isInstanceOf(CannotAcquireLockException.class);
        assertThat(calls).hasValue(TransientRetry.ATTEMPTS);
    }

    @Test
    void otherErrorsAreNotRetried() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> TransientRetry.run("test", () -> {
            calls.incrementAndGet();
            throw new DataIntegrityViolationException("duplicate", new SQLException("Duplicate entry", "23000", 1062));
        })).isInstanceOf(DataIntegrityViolationException.class);
        assertThat(calls).hasValue(1);
    }

    @Test
    void aGaleraNodeOutsideThePrimaryComponentIsTransient() {
        assertThat(TransientRetry.isTransient(new RuntimeException(new SQLException(
                "WSREP has not yet prepared node for application use", "08S01", 1047)))).isTrue();
    }
}
