package eaeu.pmm03.server.ops;

import eaeu.pmm03.server.outbox.Outbox;
import eaeu.pmm03.server.outbox.OutboxMessage;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Readiness (D-163): the outbox backlog — messages waiting for delivery or an answer — is under
 * {@code pmm03.health.outbox-backlog-max} (default 10,000). Above it the node is not ready for more work: its
 * partners are unreachable or it cannot keep up.
 */
@Component("outboxHealthIndicator")
public class OutboxHealth implements HealthIndicator {

    static final List<OutboxMessage.Status> WAITING = List.of(OutboxMessage.Status.PENDING, OutboxMessage.Status.SENT,
            OutboxMessage.Status.RECEIVED, OutboxMessage.Status.ACCEPTED);

    private final Outbox outbox;
    private final long max;

    public OutboxHealth(Outbox outbox, @Value("${pmm03.health.outbox-backlog-max:10000}") long max) {
        this.outbox = outbox;
        this.max = max;
    }

    static long backlog(Outbox o) {
        return WAITING.stream().mapToLong(o::count).sum();
    }

    @Override
    public Health health() {
        long backlog = backlog(outbox);
        Health.Builder h = backlog <= max ? Health.up() : Health.outOfService();
        return h.withDetail("backlog", backlog).withDetail("max", max)
                .withDetail("exc002", outbox.count(OutboxMessage.Status.EXC_002))
                .withDetail("exc004", outbox.count(OutboxMessage.Status.EXC_004)).build();
    }
}
