package eaeu.pmm03.server.outbox;

import java.time.Instant;

/** A row of the outbox: one message to one respondent, with its delivery state and the answer once received. */
public record OutboxMessage(long id, String transactionCode, String messageCode, String edocId, String edocRefId,
                            String target, String url, String document, String conversationId, String procedureId,
                            Status status, int attempts, Instant nextAttemptAt, Instant createdAt,
                            Instant lastAttemptAt, String lastError, String answerMessageCode,
                            String answerResultCode, String answerText, String answerXml, Instant answeredAt,
                            String relatesTo, String action, String leaseToken) {

    /** This row as claimed with the lease token {@code token} (D-230). */
    public OutboxMessage leased(String token) {
        return new OutboxMessage(id, transactionCode, messageCode, edocId, edocRefId, target, url, document,
                conversationId, procedureId, status, attempts, nextAttemptAt, createdAt, lastAttemptAt, lastError,
                answerMessageCode, answerResultCode, answerText, answerXml, answeredAt, relatesTo, action, token);
    }

    /** A signal or an answer this node sends as respondent (Eec reply port of the initiator), not a request. */
    public boolean isReply() {
        return relatesTo != null;
    }

    public enum Status {
        /** waiting for (another) delivery attempt */
        PENDING,
        /** a one-way message (TRN.007, or a signal/answer of the Eec exchange) accepted by the respondent */
        DELIVERED,
        /** Eec mode: the request was accepted at HTTP level (202); waiting for the signals and the answer */
        SENT,
        /** Eec mode: the respondent signalled receipt */
        RECEIVED,
        /** Eec mode: the respondent signalled acceptance for processing; waiting for the answer */
        ACCEPTED,
        /** the respondent answered with a success or a refusal that retrying cannot change */
        ANSWERED,
        /** abnormal situation P.EXC.002: no answer after the agreed number of retries */
        EXC_002,
        /** abnormal situation P.EXC.004: an error answer caused by classifiers or schemas out of sync */
        EXC_004,
        /**
         * a one-way notification (TRN.007, MSG.013) that no attempt delivered, the first and the transaction's
         * retries: not P.EXC.002, which the seed defines for transactions with an answer (D-143); an operator can
         * retry it like an abnormal situation
         */
        UNDELIVERED
    }

    /** What a caller puts into the outbox. */
    public record New(String transactionCode, String messageCode, String edocId, String edocRefId, String target,
                      String url, String document, String conversationId, String procedureId, String relatesTo,
                      String action) {
        public New(String transactionCode, String messageCode, String edocId, String edocRefId, String target,
                   String url, String document, String conversationId, String procedureId) {
            this(transactionCode, messageCode, edocId, edocRefId, target, url, document, conversationId, procedureId,
                    null, null);
        }
    }
}
