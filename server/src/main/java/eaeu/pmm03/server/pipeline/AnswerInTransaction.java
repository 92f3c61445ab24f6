package eaeu.pmm03.server.pipeline;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Lets whoever carries a request (the Eec ports) write what the answer entails — the signals and the answer in the
 * outbox — in the very transaction in which the service applies the request and remembers its answer
 * ({@link Idempotency#remember}), so that a node dying in between can neither keep the processing without the queued
 * answer nor the reverse (decision D-123, closing the window of D-69). Bound to the request's thread for the
 * duration of the service call.
 */
public final class AnswerInTransaction {

    private static final ThreadLocal<Consumer<String>> CURRENT = new ThreadLocal<>();

    private AnswerInTransaction() {}

    /**
     * Runs {@code service}; when it remembers its answer, {@code onAnswer} receives the answer's XML inside the
     * service's transaction (a failure there rolls the processing back).
     */
    public static <T> T bind(Consumer<String> onAnswer, Supplier<T> service) {
        Consumer<String> previous = CURRENT.get();
        CURRENT.set(onAnswer);
        try {
            return service.get();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    /** Called by {@link Idempotency#remember} in the transaction that applies the document. */
    static void answered(String answerXml) {
        Consumer<String> c = CURRENT.get();
        if (c != null && answerXml != null && !answerXml.isEmpty()) {
            c.accept(answerXml);
        }
    }
}
