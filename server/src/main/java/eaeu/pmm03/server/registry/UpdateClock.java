package eaeu.pmm03.server.registry;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Hands out the update time of each change of the unified database: strictly increasing (microseconds), one
 * writer at a time. The row lock is held until the writing transaction commits, so changes become visible in
 * the order of their update times and a follower asking "changes since the last update time I saw" (MSG.010)
 * can never skip a change that shares or precedes that instant.
 */
@Component
public class UpdateClock {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    @org.springframework.beans.factory.annotation.Autowired
    public UpdateClock(JdbcTemplate jdbc) {
        this(jdbc, Clock.systemUTC());
    }

    UpdateClock(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Must run inside the writing transaction; blocks other writers until that transaction ends. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Instant next() {
        Instant lastAt = Utc.instant(jdbc.queryForObject("SELECT last_at FROM update_clock WHERE id = 1 FOR UPDATE",
                java.time.LocalDateTime.class));
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant next = now.isAfter(lastAt) ? now : lastAt.plus(1, ChronoUnit.MICROS);
        jdbc.update("UPDATE update_clock SET last_at = ? WHERE id = 1", Utc.db(next));
        return next;
    }
}
