package eaeu.pmm03.server.outbox;

/**
 * What the initiator does with an answer: runs in the transaction that records the answer in the outbox, so
 * the consequences (e.g. MSG.013 to the peers after an inclusion) are enqueued exactly once.
 */
public interface AnswerHandler {

    boolean handles(String transactionCode);

    void onAnswer(OutboxMessage sent, Delivery.Answer answer, OutboxMessage.Status status);
}
