package eaeu.pmm03.server.outbox;

import java.time.Instant;

/** A row of the outbox: one message to one respondent, with its delivery state and the answer once received. */
public record OutboxMessage(long id, String transactionCode, String messageCode, String edocId, String edocRefId,
                            String target, String url, String document, String conversationId, String procedureId,
                            Status status, int attempts, Instant nextAttemptAt, Instant createdAt,
                            Instant lastAttemptAt, String lastError, String answerMessageCode,
                            String answerResultCode, String answerText, String answerXml, Instant answeredAt) {

    public enum Status {
        /** waiting for (another) delivery attempt */
        PENDING,
        /** a one-way message (TRN.007) accepted by the respondent */
        DELIVERED,
        /** the respondent answered with a success or a refusal that retrying cannot change */
        ANSWERED,
        /** abnormal situation P.EXC.002: no answer after the agreed number of retries */
        EXC_002,
        /** abnormal situation P.EXC.004: an error answer caused by classifiers or schemas out of sync */
        EXC_004
    }

    /** What a caller puts into the outbox. */
    public record New(String transactionCode, String messageCode, String edocId, String edocRefId, String target,
                      String url, String document, String conversationId, String procedureId) {}
}
