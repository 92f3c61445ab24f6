package eaeu.pmm03.server.outbox;

import eaeu.pmm03.contract.process.ProcessTable;
import eaeu.pmm03.server.config.Pmm03Properties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * Delivers due outbox messages with the parameters of their transaction (pmm03-process.json): an attempt that
 * gets no answer is retried after answer-wait-time / (retries + 1), scaled by pmm03.outbox.time-scale; after the
 * last retry the message is the abnormal situation P.EXC.002 (state, log line, metric), which an operator can
 * retry. An error answer caused by classifiers or schemas (result codes marked P.EXC.004) is P.EXC.004.
 */
public class OutboxWorker {

    private static final Logger log = LoggerFactory.getLogger(OutboxWorker.class);

    private final Outbox outbox;
    private final Delivery delivery;
    private final List<AnswerHandler> handlers;
    private final Function<String, Pmm03Properties.Endpoint> credentials;
    private final Pmm03Properties.Outbox config;
    private final TransactionTemplate tx;
    private final ProcessTable table = ProcessTable.get();
    private final Counter exc002;
    private final Counter exc004;
    private final Counter delivered;

    public OutboxWorker(Outbox outbox, Delivery delivery, List<AnswerHandler> handlers,
                        Function<String, Pmm03Properties.Endpoint> credentials, Pmm03Properties.Outbox config,
                        TransactionTemplate tx, MeterRegistry meters) {
        this.outbox = outbox;
        this.delivery = delivery;
        this.handlers = handlers;
        this.credentials = credentials;
        this.config = config;
        this.tx = tx;
        this.exc002 = meters.counter("pmm03.outbox.abnormal", "situation", "P.EXC.002");
        this.exc004 = meters.counter("pmm03.outbox.abnormal", "situation", "P.EXC.004");
        this.delivered = meters.counter("pmm03.outbox.delivered");
    }

    @Scheduled(fixedDelayString = "${pmm03.outbox.poll:PT2S}", initialDelayString = "${pmm03.outbox.poll:PT2S}")
    public void scheduled() {
        runOnce();
    }

    /** One pass over the due messages; returns how many were attempted. */
    public synchronized int runOnce() {
        Instant lease = Instant.now().plus(config.requestTimeout().multipliedBy(2));
        List<OutboxMessage> due = outbox.claimDue(50, lease);
        for (OutboxMessage m : due) {
            attempt(m);
        }
        return due.size();
    }

    private void attempt(OutboxMessage m) {
        Delivery.Answer answer;
        try {
            answer = delivery.send(m, credentials.apply(m.target()));
        } catch (Delivery.DeliveryException e) {
            if (e.retryable()) {
                retryLater(m, e.getMessage());
            } else {
                finish(m, null, OutboxMessage.Status.EXC_004, e.getMessage());
            }
            return;
        } catch (RuntimeException e) {
            retryLater(m, e.toString());
            return;
        }
        if (answer == null) {
            finish(m, null, OutboxMessage.Status.DELIVERED, null);
            return;
        }
        ProcessTable.ResultCode code = answer.resultCode() == null ? null
                : table.resultCodes().stream().filter(c -> c.code().equals(answer.resultCode())).findFirst().orElse(null);
        if (code != null && "ERR_INTERNAL".equals(code.code())) {
            retryLater(m, "respondent error: " + answer.text());
        } else if (code != null && !code.success() && "P.EXC.004".equals(code.exception())) {
            finish(m, answer, OutboxMessage.Status.EXC_004, answer.text());
        } else {
            finish(m, answer, OutboxMessage.Status.ANSWERED, null);
        }
    }

    private void finish(OutboxMessage m, Delivery.Answer a, OutboxMessage.Status status, String problem) {
        tx.executeWithoutResult(s -> {
            outbox.answered(m.id(), status, a == null ? null : a.messageCode(), a == null ? null : a.resultCode(),
                    a == null ? problem : a.text(), a == null ? null : a.xml());
            for (AnswerHandler h : handlers) {
                if (h.handles(m.transactionCode())) {
                    h.onAnswer(m, a, status);
                }
            }
        });
        if (status == OutboxMessage.Status.EXC_004) {
            exc004.increment();
            log.warn("P.EXC.004: {} {} to {} got an error answer: {} (synchronise classifiers/schemas, then retry"
                    + " outbox message {})", m.messageCode(), m.edocId(), m.target(), problem, m.id());
        } else {
            delivered.increment();
        }
    }

    private void retryLater(OutboxMessage m, String error) {
        ProcessTable.Parameters p = table.transaction(m.transactionCode()).parameters();
        int attemptsMade = m.attempts() + 1;
        if (attemptsMade > p.retryCount()) {
            outbox.failed(m.id(), error, null);
            exc002.increment();
            log.error("P.EXC.002: {} {} to {} got no answer after {} attempts (last: {}); ask the technical support of"
                    + " the national segment, then retry outbox message {}", m.messageCode(), m.edocId(), m.target(),
                    attemptsMade, error, m.id());
            return;
        }
        outbox.failed(m.id(), error, Instant.now().plus(retryInterval(p)));
        log.info("{} {} to {}: attempt {} failed ({}); retry {} of {}", m.messageCode(), m.edocId(), m.target(),
                attemptsMade, error, attemptsMade, p.retryCount());
    }

    /** answer wait time / (retries + 1), scaled: the last retry falls due when the answer wait time is over. */
    Duration retryInterval(ProcessTable.Parameters p) {
        long millis = (long) (p.responseWaitTime().toMillis() * config.timeScale() / (p.retryCount() + 1));
        return Duration.ofMillis(Math.max(millis, 100));
    }
}
