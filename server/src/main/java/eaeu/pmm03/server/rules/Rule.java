package eaeu.pmm03.server.rules;

/** One fill requirement: checks a document of type {@code D} and reports through the context. */
@FunctionalInterface
interface Rule<D> {
    void check(D document, RuleContext ctx);
}
