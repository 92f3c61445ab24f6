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
        String r = TransientRetry.run(TransientRetry.Bound.DOCUMENT, "test", () -> {
            if (calls.incrementAndGet() < TransientRetry.Bound.DOCUMENT.attempts()) {
                throw galeraCertificationFailure();
            }
            return "stored";
        });
        assertThat(r).isEqualTo("stored");
        assertThat(calls).hasValue(TransientRetry.Bound.DOCUMENT.attempts());
    }

    @Test
    void retriesAreBounded() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> TransientRetry.run(TransientRetry.Bound.DOCUMENT, "test", () -> {
            calls.incrementAndGet();
            throw new CannotAcquireLockException("lock wait timeout");
        })).isInstanceOf(CannotAcquireLockException.class);
        assertThat(calls).hasValue(TransientRetry.Bound.DOCUMENT.attempts());
    }

    @Test
    void otherErrorsAreNotRetried() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> TransientRetry.run(TransientRetry.Bound.DOCUMENT, "test", () -> {
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

    @Test
    void aLoopThatGaveUpInsideEndsTheLoopAroundIt() {
        // D-232: the inner loop's give-up wraps a deadlock, yet the outer loop does not start the inner one again
        AtomicInteger outer = new AtomicInteger();
        assertThatThrownBy(() -> TransientRetry.run(TransientRetry.Bound.DOCUMENT, "test", () -> {
            outer.incrementAndGet();
            throw new TransientRetry.GaveUp("busy, retry later", galeraCertificationFailure());
        })).isInstanceOf(TransientRetry.GaveUp.class);
        assertThat(outer).hasValue(1);
        assertThat(TransientRetry.isTransient(new RuntimeException(new TransientRetry.GaveUp("x",
                galeraCertificationFailure())))).isFalse();
    }

    @Test
    void everyBoundIsATableEntryOfAtLeastOneTry() {
        for (TransientRetry.Bound b : TransientRetry.Bound.values()) {
            assertThat(b.attempts()).as(b.name()).isPositive();
        }
    }
}
