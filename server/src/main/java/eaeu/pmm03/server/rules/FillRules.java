package eaeu.pmm03.server.rules;

import eaeu.pmm03.server.classifier.Classifiers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Entry point of the fill requirements (tables 12, 13, 14 of the Commission regulation and 8, 9 of the
 * inter-authority regulation of P.MM.03). Call after XSD validation:
 *
 * <pre>{@code
 * List<Violation> v = FillRules.standard().check("P.MM.03.MSG.001", drugMonitoringDetails, registryView);
 * }</pre>
 *
 * <table>
 *   <caption>message to table</caption>
 *   <tr><td>P.MM.03.MSG.001 (include)</td><td>table 12</td><td>{@code DrugMonitoringDetails}</td></tr>
 *   <tr><td>P.MM.03.MSG.002 (change)</td><td>table 13</td><td>{@code DrugMonitoringDetails}</td></tr>
 *   <tr><td>P.MM.03.MSG.003 (exclude)</td><td>table 14</td><td>{@code DrugMonitoringDetails}</td></tr>
 *   <tr><td>P.MM.03.MSG.014 (request)</td><td>table 8</td><td>{@code CounterfeitDrugCorrespondenceDetails}</td></tr>
 *   <tr><td>P.MM.03.MSG.016 (answer)</td><td>table 9</td><td>{@code CounterfeitDrugCorrespondenceDetails}</td></tr>
 * </table>
 * Other messages have no fill requirements: {@link #check} returns an empty list. The class is immutable and thread-safe.
 */
public final class FillRules {

    private static final Pattern MSG = Pattern.compile("(?:P\\.MM\\.03\\.)?(MSG\\.\\d{3})");
    private static final Map<String, RuleSet<?>> TABLES = tables();
    private static volatile FillRules standard;

    private final Classifiers classifiers;
    private final RuleCatalog catalog;

    public FillRules(Classifiers classifiers, RuleCatalog catalog) {
        this.classifiers = Objects.requireNonNull(classifiers, "classifiers");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        for (RuleId id : implemented()) {
            catalog.get(id);   // every implemented rule has its text
        }
    }

    /** The rules with the shipped classifiers and rule table. */
    public static FillRules standard() {
        FillRules f = standard;
        if (f == null) {
            synchronized (FillRules.class) {
                if (standard == null) {
                    standard = new FillRules(Classifiers.defaults(), RuleCatalog.defaults());
                }
                f = standard;
            }
        }
        return f;
    }

    private static Map<String, RuleSet<?>> tables() {
        Map<String, RuleSet<?>> m = new TreeMap<>();
        m.put("MSG.001", MonitoringRules.includeOrChange(12));
        m.put("MSG.002", MonitoringRules.includeOrChange(13));
        m.put("MSG.003", MonitoringRules.exclude());
        m.put("MSG.014", CorrespondenceRules.request());
        m.put("MSG.016", CorrespondenceRules.answer());
        return Collections.unmodifiableMap(m);
    }

    /** Every implemented requirement (102: tables 12 and 13 with 47 each, 14 with 5, 8 with 1, 9 with 2). */
    public static Set<RuleId> implemented() {
        Set<RuleId> ids = new TreeSet<>();
        TABLES.values().forEach(t -> ids.addAll(t.rules().keySet()));
        return Collections.unmodifiableSet(ids);
    }

    /** The table of a message code ({@code P.MM.03.MSG.001} or {@code MSG.001}), if it has fill requirements. */
    public static Optional<Integer> tableOf(String messageCode) {
        return key(messageCode).map(TABLES::get).map(RuleSet::table);
    }

    private static Optional<String> key(String messageCode) {
        if (messageCode == null) {
            return Optional.empty();
        }
        Matcher m = MSG.matcher(messageCode.trim());
        return m.matches() ? Optional.of(m.group(1)).filter(TABLES::containsKey) : Optional.empty();
    }

    /**
     * Checks the fill requirements of the message's table.
     *
     * @param messageCode {@code P.MM.03.MSG.001} ... (or {@code MSG.001}); messages without a table yield no violations
     * @param document    the unmarshalled document: {@code eaeu.pmm03.contract.drugmonitoring.DrugMonitoringDetails}
     *                    for MSG.001/002/003, {@code eaeu.pmm03.contract.counterfeitdrug.CounterfeitDrugCorrespondenceDetails}
     *                    for MSG.014/016
     * @param registry    the unified database as seen by the rules (tables 12-14); {@code null} = empty database
     * @return the violations, ordered by rule number and then by position in the document; empty if none
     * @throws IllegalArgumentException if the document is not of the type the message carries
     */
    public List<Violation> check(String messageCode, Object document, RegistryView registry) {
        Optional<String> key = key(messageCode);
        if (key.isEmpty()) {
            return List.of();
        }
        return run(TABLES.get(key.get()), document, registry == null ? RegistryView.EMPTY : registry);
    }

    private <D> List<Violation> run(RuleSet<D> table, Object document, RegistryView registry) {
        Objects.requireNonNull(document, "document");
        if (!table.documentType().isInstance(document)) {
            throw new IllegalArgumentException("table " + table.table() + " expects " + table.documentType().getName()
                    + ", got " + document.getClass().getName());
        }
        D doc = table.documentType().cast(document);
        List<Violation> out = new ArrayList<>();
        for (Map.Entry<RuleId, Rule<D>> e : table.rules().entrySet()) {
            e.getValue().check(doc, new RuleContext(e.getKey(), catalog, classifiers, registry, out));
        }
        return List.copyOf(out);
    }

    public Classifiers classifiers() { return classifiers; }

    public RuleCatalog catalog() { return catalog; }
}
