package eaeu.pmm03.server.rules;

import eaeu.pmm03.server.classifier.Classifiers;

import java.util.List;

/** What a rule sees while it runs: classifiers, the registry, and where to report. */
final class RuleContext {

    private final RuleId rule;
    private final RuleCatalog catalog;
    private final Classifiers classifiers;
    private final RegistryView registry;
    private final List<Violation> out;

    RuleContext(RuleId rule, RuleCatalog catalog, Classifiers classifiers, RegistryView registry, List<Violation> out) {
        this.rule = rule;
        this.catalog = catalog;
        this.classifiers = classifiers;
        this.registry = registry;
        this.out = out;
    }

    RuleId rule() { return rule; }

    Classifiers classifiers() { return classifiers; }

    RegistryView registry() { return registry; }

    void report(String path) { out.add(catalog.violation(rule, path, null)); }

    void report(String path, String value) { out.add(catalog.violation(rule, path, value)); }
}
