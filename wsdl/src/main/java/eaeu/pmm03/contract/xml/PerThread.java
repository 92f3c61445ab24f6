package eaeu.pmm03.contract.xml;

import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One reusable instance per thread of something that is expensive to create and not thread-safe (a JAXB
 * Marshaller/Unmarshaller, a schema Validator, a DocumentBuilder, an identity Transformer): created once per thread
 * instead of once per request (issue #16: building a Xerces parser configuration per request was among the hottest
 * frames of ingest). A use that starts while the same thread is already using its instance (re-entry) gets a fresh
 * instance of its own, so re-entry can never share one. After each use the instance is reset (e.g. {@code
 * Validator::reset}); an instance whose use threw is dropped rather than reused, whatever state it was left in.
 *
 * <p>Kept our own rather than taking commons-pool2: a thread-confined slot needs no pool bookkeeping, no
 * borrow/return across threads and no size to tune; the request threads are Tomcat's bounded pool.
 */
public final class PerThread<T> {

    private final Supplier<T> create;
    private final Consumer<T> reset;
    private final ThreadLocal<T> idle = new ThreadLocal<>();

    public PerThread(Supplier<T> create, Consumer<T> reset) {
        this.create = create;
        this.reset = reset;
    }

    /** Runs the use with this thread's instance (or a fresh one on re-entry) and returns what it returns. */
    public <R, E extends Exception> R with(Use<T, R, E> use) throws E {
        T t = idle.get();
        if (t == null) {
            t = create.get();
        } else {
            idle.remove(); // in use: a re-entrant call creates its own
        }
        R r = use.apply(t);
        // reached only when the use returned normally: a thrown use leaves its instance to the garbage collector
        reset.accept(t);
        idle.set(t);
        return r;
    }

    /** A use of the instance that may throw a checked exception. */
    @FunctionalInterface
    public interface Use<T, R, E extends Exception> {
        R apply(T t) throws E;
    }

    /** For uses that throw nothing checked. */
    public <R> R apply(Function<T, R> use) {
        return with(use::apply);
    }
}
