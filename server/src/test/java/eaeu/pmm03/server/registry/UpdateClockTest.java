package eaeu.pmm03.server.registry;

import eaeu.pmm03.server.NodeTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Decision D-52: update times are strictly increasing even when the wall clock stands still or goes back, so
 * "changes since the last update time I saw" (MSG.010) can never skip a change that shares a timestamp.
 */
class UpdateClockTest extends NodeTestBase {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate tx;

    @Test
    void updateTimesNeverRepeatOrGoBack() {
        Instant future = Instant.now().plus(3650, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MICROS);
        UpdateClock stopped = new UpdateClock(jdbc, Clock.fixed(future, ZoneOffset.UTC));
        Instant a = tx.execute(s -> stopped.next());
        Instant b = tx.execute(s -> stopped.next());
        assertThat(a).isEqualTo(future);
        assertThat(b).isEqualTo(future.plus(1, ChronoUnit.MICROS));
        UpdateClock behind = new UpdateClock(jdbc, Clock.fixed(future.minusSeconds(60), ZoneOffset.UTC));
        Instant c = tx.execute(s -> behind.next());
        assertThat(c).isAfter(b);
        // the shared clock row now stands in the future: restore it so other tests see real time again
        jdbc.update("UPDATE update_clock SET last_at = ? WHERE id = 1", Utc.db(Instant.now().minusSeconds(1)));
    }
}
