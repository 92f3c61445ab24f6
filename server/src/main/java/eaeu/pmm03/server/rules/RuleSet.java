package eaeu.pmm03.server.rules;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** The rules of one table, keyed by number, for documents of type {@code D}. */
final class RuleSet<D> {

    private final int table;
    private final Class<D> documentType;
    private final Map<RuleId, Rule<D>> rules = new TreeMap<>();

    RuleSet(int table, Class<D> documentType) {
        this.table = table;
        this.documentType = documentType;
    }

    /** Registers requirement {@code number} of this table. */
    RuleSet<D> rule(int number, Rule<D> rule) {
        RuleId id = RuleId.of(table, number);
        if (rules.put(id, rule) != null) {
            throw new IllegalStateException("rule registered twice: " + id);
        }
        return this;
    }

    int table() { return table; }

    Class<D> documentType() { return documentType; }

    Map<RuleId, Rule<D>> rules() { return Collections.unmodifiableMap(rules); }
}
