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
 * gets no answer is retried once the transaction's whole answer wait time is over (each attempt has the whole time,
 * D-60), scaled by pmm03.outbox.time-scale; after the last retry a request is the abnormal situation P.EXC.002
 * (state, log line, metric), which an operator can retry. A one-way notification (TRN.007) has no answer and so no
 * P.EXC.002: after the same schedule it is UNDELIVERED (state, log line, metric, operator retry; D-143). An error
 * answer caused by classifiers or schemas (result codes marked P.EXC.004) is P.EXC.004.
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
    private final Counter undelivered;
    private final Counter leaseLost;
    /** The asynchronous (Eec) channel: null on a node without it. */
    private volatile EecChannel eec;

    /**
     * The asynchronous channel of the integrated-system exchange: which rows go that way, and how one is sent.
     * Rows that are signals/answers of this node as respondent always do; requests do when the partner's mode is eec.
     */
    public interface EecChannel {
        boolean eecMode(String target);

        /** Null once the receiver acknowledged (HTTP 202); the R.006 of a refusal fault otherwise. */
        Delivery.Answer send(OutboxMessage m, Pmm03Properties.Endpoint credentials) throws Delivery.DeliveryException;
    }

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
        this.undelivered = meters.counter("pmm03.outbox.undelivered");
        this.leaseLost = meters.counter("pmm03.outbox.lease.lost");
    }

    public void useEec(EecChannel channel) {
        this.eec = channel;
    }

    @Scheduled(fixedDelayString = "${pmm03.outbox.poll:PT2S}", initialDelayString = "${pmm03.outbox.poll:PT2S}")
    public void scheduled() {
        runOnce();
    }

    /** One pass over the due messages; returns how many were attempted. */
    public synchronized int runOnce() {
        Instant lease = Instant.now().plus(config.requestTimeout().multipliedBy(2));
        // several nodes may claim at once: SKIP LOCKED on one database node, a certification conflict across Galera
        // nodes (the loser retries and finds the rows leased)
        List<OutboxMessage> due = eaeu.pmm03.server.db.TransientRetry.run(
                eaeu.pmm03.server.db.TransientRetry.Bound.OUTBOX_CLAIM, "outbox claim", () -> outbox.claimDue(50, lease));
        for (OutboxMessage m : due) {
            attempt(m);
        }
        return due.size();
    }

    private void attempt(OutboxMessage m) {
        EecChannel channel = eec;
        if (channel != null && (m.isReply() || channel.eecMode(m.target()))) {
            attemptEec(channel, m);
            return;
        }
        Sent sent = send(m, () -> delivery.send(m, credentials.apply(m.target())));
        if (sent == null) {
            return;
        }
        Delivery.Answer answer = sent.answer();
        if (answer == null) {
            finish(m, null, OutboxMessage.Status.DELIVERED, null);
            return;
        }
        settle(m, answer);
    }

    /** One delivery attempt over either channel. */
    private interface Attempt {
        Delivery.Answer send() throws Delivery.DeliveryException;
    }

    /** What an attempt that went through returned (the answer may be null: accepted without an answer document). */
    private record Sent(Delivery.Answer answer) {}

    /**
     * Runs an attempt; a failed one is rescheduled, or ends in P.EXC.004 when retrying cannot help (a sender fault
     * without an R.006), and null is returned.
     */
    private Sent send(OutboxMessage m, Attempt attempt) {
        try {
            return new Sent(attempt.send());
        } catch (Delivery.DeliveryException e) {
            if (e.retryable()) {
                retryLater(m, e.getMessage());
            } else {
                finish(m, null, OutboxMessage.Status.EXC_004, e.getMessage());
            }
        } catch (RuntimeException e) {
            retryLater(m, e.toString());
        }
        return null;
    }

    /** An answer to a sent request (in the HTTP response, or on the reply port): recorded, followed up, or retried. */
    private void settle(OutboxMessage m, Delivery.Answer answer) {
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
        boolean recorded = Boolean.TRUE.equals(tx.execute(s -> {
            if (!outbox.answered(m, status, a == null ? null : a.messageCode(), a == null ? null : a.resultCode(),
                    a == null ? problem : a.text(), a == null ? null : a.xml())) {
                return false;
            }
            for (AnswerHandler h : handlers) {
                if (h.handles(m.transactionCode())) {
                    h.onAnswer(m, a, status);
                }
            }
            return true;
        }));
        if (!recorded) {
            leaseLost(m, status.name());
            return;
        }
        if (status == OutboxMessage.Status.EXC_004) {
            exc004.increment();
            log.warn("P.EXC.004: {} {} to {} got an error answer: {} (synchronise classifiers/schemas, then retry"
                    + " outbox message {})", m.messageCode(), m.edocId(), m.target(), problem, m.id());
        } else {
            delivered.increment();
        }
    }

    // ---- the asynchronous (Eec) mode: decision D-68 ------------------------------------------------------------

    /**
     * One Eec attempt. A request row that falls due in SENT / RECEIVED / ACCEPTED waited in vain for a signal or the
     * answer: it is sent again with the same EDocId and MessageID (the respondent is idempotent), or, after the
     * transaction's retries, it is P.EXC.002. Signals and answers (rows of this node as respondent) are one-way.
     */
    private void attemptEec(EecChannel channel, OutboxMessage m) {
        ProcessTable.Transaction t = table.transaction(m.transactionCode());
        ProcessTable.Parameters p = t.parameters();
        boolean waiting = m.status() != OutboxMessage.Status.PENDING;
        if (waiting && m.attempts() > p.retryCount()) {
            String what = m.status() == OutboxMessage.Status.ACCEPTED ? "no answer" : "no acceptance signal";
            if (!outbox.failed(m, what + " after " + m.attempts() + " attempts (last state " + m.status() + ")", null)) {
                leaseLost(m, "P.EXC.002");
                return;
            }
            exc002.increment();
            log.error("P.EXC.002: {} {} to {} (eec): {} after {} attempts; ask the technical support of the national"
                    + " segment, then retry outbox message {}", m.messageCode(), m.edocId(), m.target(), what,
                    m.attempts(), m.id());
            return;
        }
        if (waiting) {
            log.info("{} {} to {} (eec): {} in time (state {}), sending again", m.messageCode(), m.edocId(), m.target(),
                    m.status() == OutboxMessage.Status.ACCEPTED ? "no answer" : "no acceptance signal", m.status());
        }
        Sent sent = send(m, () -> channel.send(m, credentials.apply(m.target())));
        if (sent == null) {
            return;
        }
        Delivery.Answer refusal = sent.answer();
        if (refusal != null) {
            // refused before processing: the fault's R.006 is the answer, judged as in the synchronous mode
            settle(m, refusal);
        } else if (m.isReply() || t.oneWay()) {
            finish(m, null, OutboxMessage.Status.DELIVERED, null);
        } else {
            // waiting for the acceptance signal; a row that was already ACCEPTED waits for the answer again
            // (a transaction without a processing confirmation time waits for its answer directly)
            Duration wait = m.status() == OutboxMessage.Status.ACCEPTED || p.processingConfirmationTime() == null
                    ? retryInterval(p) : scaled(p.processingConfirmationTime());
            if (!outbox.sent(m, Instant.now().plus(wait))) {
                leaseLost(m, "sent");
            }
        }
    }

    /**
     * A signal on the reply port for a request this node sent to {@code from}: the row advances; after the
     * acceptance signal it waits for the answer as long as a synchronous attempt would (D-60). Returns false if the
     * request is unknown; a late or repeated signal changes nothing.
     */
    public boolean signal(String edocId, String from, String conversationId, OutboxMessage.Status status) {
        return Boolean.TRUE.equals(tx.execute(s -> {
            OutboxMessage m = outbox.requestForUpdate(edocId, from).orElse(null);
            if (m == null || !m.conversationId().equals(conversationId)) {
                return false;
            }
            Instant next = status == OutboxMessage.Status.ACCEPTED
                    ? Instant.now().plus(retryInterval(table.transaction(m.transactionCode()).parameters()))
                    : m.nextAttemptAt();
            outbox.signalled(m.id(), status, next);
            return true;
        }));
    }

    /** What became of an answer that arrived on the reply port. */
    public enum Arrival { RECORDED, REPEATED, UNKNOWN_REQUEST, OTHER_CONVERSATION, OTHER_TRANSACTION }

    /**
     * An answer on the reply port for a request this node sent to {@code from}: handled exactly as an answer in the
     * HTTP response of the synchronous mode (same follow-ups); a repeat of an answer already recorded changes nothing.
     */
    public Arrival answer(String edocId, String from, String conversationId, String transactionCode,
                          Delivery.Answer answer) {
        // the row is locked (SELECT … FOR UPDATE) while the answer is recorded, so a repeat arriving at the same
        // time waits and then sees it answered
        return tx.execute(s -> {
            OutboxMessage m = outbox.requestForUpdate(edocId, from).orElse(null);
            if (m == null) {
                return Arrival.UNKNOWN_REQUEST;
            }
            if (!m.conversationId().equals(conversationId)) {
                return Arrival.OTHER_CONVERSATION;
            }
            if (!m.transactionCode().equals(transactionCode)) {
                return Arrival.OTHER_TRANSACTION;
            }
            if (m.status() == OutboxMessage.Status.ANSWERED || m.status() == OutboxMessage.Status.EXC_004
                    || m.status() == OutboxMessage.Status.DELIVERED) {
                return Arrival.REPEATED;
            }
            settle(m, answer);
            return Arrival.RECORDED;
        });
    }

    private Duration scaled(Duration d) {
        return Duration.ofMillis(Math.max((long) (d.toMillis() * config.timeScale()), 100));
    }

    private void retryLater(OutboxMessage m, String error) {
        ProcessTable.Transaction t = table.transaction(m.transactionCode());
        ProcessTable.Parameters p = t.parameters();
        int attemptsMade = m.attempts() + 1;
        if (attemptsMade > p.retryCount() && t.oneWay() && !m.isReply()) {
            if (!outbox.failed(m, error, null, OutboxMessage.Status.UNDELIVERED)) {
                leaseLost(m, "UNDELIVERED");
                return;
            }
            undelivered.increment();
            log.error("UNDELIVERED: notification {} {} to {} not acknowledged after {} attempts (last: {}); no answer"
                    + " is expected, so this is not P.EXC.002: check the respondent's node, then retry outbox message"
                    + " {}", m.messageCode(), m.edocId(), m.target(), attemptsMade, error, m.id());
            return;
        }
        if (attemptsMade > p.retryCount()) {
            if (!outbox.failed(m, error, null)) {
                leaseLost(m, "P.EXC.002");
                return;
            }
            exc002.increment();
            log.error("P.EXC.002: {} {} to {} got no answer after {} attempts (last: {}); ask the technical support of"
                    + " the national segment, then retry outbox message {}", m.messageCode(), m.edocId(), m.target(),
                    attemptsMade, error, m.id());
            return;
        }
        if (!outbox.failed(m, error, Instant.now().plus(retryInterval(p)))) {
            leaseLost(m, "retry");
            return;
        }
        log.info("{} {} to {}: attempt {} failed ({}); retry {} of {}", m.messageCode(), m.edocId(), m.target(),
                attemptsMade, error, attemptsMade, p.retryCount());
    }

    /**
     * The attempt outlived its lease and another claim took the row over (D-230): its outcome is not recorded, the
     * holder of the current lease records its own. The message may have been sent twice; the respondent is
     * idempotent by EDocId (D-177).
     */
    private void leaseLost(OutboxMessage m, String outcome) {
        leaseLost.increment();
        log.warn("{} {} to {}: the lease of outbox message {} ended during the attempt and the row was claimed again;"
                + " this attempt's outcome ({}) is not recorded", m.messageCode(), m.edocId(), m.target(), m.id(), outcome);
    }

    /** The whole answer wait time, scaled: each attempt waits the time the respondent has to answer (D-60). */
    Duration retryInterval(ProcessTable.Parameters p) {
        return scaled(p.responseWaitTime());
    }
}
