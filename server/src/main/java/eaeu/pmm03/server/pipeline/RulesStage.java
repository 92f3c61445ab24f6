package eaeu.pmm03.server.pipeline;

import eaeu.pmm03.server.classifier.ClassifierRegistry;
import eaeu.pmm03.server.registry.UnifiedDatabase;
import eaeu.pmm03.server.rules.RegistryView;
import eaeu.pmm03.server.rules.Violation;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Stage 3: the fill rules of the regulation (tables 12, 13, 14 for MSG.001/002/003; tables 8, 9 for
 * MSG.014/016), each under its number. The first violation becomes the answer, naming its table, rule and path.
 * The rules use the classifier versions in use ({@link ClassifierRegistry}); codes of a classifier loaded from a
 * file are then checked against it ({@link #checkCodes}, ERR_CLASSIFIER, D-144).
 */
@Component
public class RulesStage {

    private final ClassifierRegistry classifiers;

    public RulesStage(ClassifierRegistry classifiers) {
        this.classifiers = classifiers;
    }

    /** Checks against the unified database of this node (rules on existing records: 12.4, 13.4, 14.2). */
    public void check(String messageCode, Object document, UnifiedDatabase db) {
        check(messageCode, document, db::hasActive);
    }

    public void check(String messageCode, Object document, RegistryView registry) {
        if (document instanceof eaeu.pmm03.contract.drugmonitoring.DrugMonitoringDetails d) {
            DateRange.check(d); // what cannot be stored as sent is refused first (D-101)
        }
        List<Violation> violations = classifiers.rules().check(messageCode, document, registry);
        if (!violations.isEmpty()) {
            Violation v = violations.get(0);
            String more = violations.size() == 1 ? "" : " (+" + (violations.size() - 1) + ")";
            throw new Rejection("ERR_RULE", v.rule().toString(), v.path(), v.messageRu() + more, v.messageEn() + more);
        }
    }

    /** Codes against the classifier versions loaded from files (after the fill rules: they name their rule first). */
    public void checkCodes(org.w3c.dom.Document document) {
        classifiers.checkCodes(document);
    }
}
