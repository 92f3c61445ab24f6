package eaeu.pmm03.server.rules;

import java.util.Objects;

/**
 * A violated fill requirement.
 *
 * @param rule      the requirement
 * @param path      element path in the document, e.g.
 *                  {@code /DrugMonitoringDetails/DrugMonitoringItemDetails[1]/DrugMonitoringDetails[1]/FalsificationSignDetails}
 *                  (namespace prefixes omitted, {@code [n]} = 1-based position among repeated siblings,
 *                  {@code /@name} = attribute)
 * @param messageRu {@code "Таблица 12, требование 21: <text of the requirement>"}, optionally followed by the offending value
 * @param messageEn {@code "Table 12, rule 21: <short English text>"}, optionally followed by the offending value
 */
public record Violation(RuleId rule, String path, String messageRu, String messageEn) {

    public Violation {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(messageRu, "messageRu");
        Objects.requireNonNull(messageEn, "messageEn");
    }

    /** Russian and English message: {@code "Таблица 12, требование 21: ... / Table 12, rule 21: ..."}. */
    public String message() { return messageRu + " / " + messageEn; }

    @Override
    public String toString() { return rule + " at " + path + ": " + messageEn; }
}
