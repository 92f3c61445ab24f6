package eaeu.pmm03.server.rules;

import eaeu.pmm03.contract.drugmonitoring.DrugMonitoringDetails;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FillRulesTest {

    private final FillRules rules = FillRules.standard();

    @Test
    void implementedCoversEveryRequirementOfTheRuleTable() {
        Set<RuleId> fromTable = RuleCatalog.defaults().all().keySet();
        assertThat(fromTable).hasSize(102);
        assertThat(FillRules.implemented()).containsExactlyElementsOf(new TreeSet<>(fromTable));
        Map<Integer, Long> perTable = FillRules.implemented().stream()
                .collect(Collectors.groupingBy(RuleId::table, Collectors.counting()));
        assertThat(perTable).containsExactlyInAnyOrderEntriesOf(Map.of(12, 47L, 13, 47L, 14, 5L, 8, 1L, 9, 2L));
    }

    @Test
    void ruleTableRowsCarryTheirMessageSourceLineAndTexts() {
        RuleCatalog.defaults().all().values().forEach(t -> {
            assertThat(t.textRu()).isNotBlank();
            assertThat(t.textEn()).isNotBlank();
            assertThat(t.sourceLine()).isBetween(12836, 14069);
            assertThat(FillRules.tableOf(t.message())).contains(t.id().table());
        });
        RuleText d30 = RuleCatalog.defaults().get(RuleId.of(13, 4));
        assertThat(d30.decision()).isEqualTo("D-30");
        assertThat(d30.textRu()).contains("должны содержаться").doesNotContain("не должны");
    }

    @Test
    void baseDocumentsPassAllRules() {
        DrugMonitoringDetails m1 = Docs.monitoring(Docs.MSG001);
        assertThat(rules.check("P.MM.03.MSG.001", m1, RegistryView.EMPTY)).isEmpty();
        DrugMonitoringDetails m2 = Docs.monitoring(Docs.MSG002);
        assertThat(rules.check("P.MM.03.MSG.002", m2, registryOf(m2))).isEmpty();
        DrugMonitoringDetails m3 = Docs.monitoring(Docs.MSG003);
        assertThat(rules.check("P.MM.03.MSG.003", m3, registryOf(m3))).isEmpty();
        assertThat(rules.check("P.MM.03.MSG.014", Docs.load(Docs.MSG014), null)).isEmpty();
        assertThat(rules.check("P.MM.03.MSG.016", Docs.load(Docs.MSG016), null)).isEmpty();
    }

    @Test
    void baseDocumentsAreSchemaValid() {
        for (String r : List.of(Docs.MSG001, Docs.MSG002, Docs.MSG003, Docs.MSG014, Docs.MSG016)) {
            assertThat(Docs.schemaErrors(Docs.marshal(Docs.load(r)))).as(r).isEmpty();
        }
    }

    @Test
    void messageCodeSelectsTheTable() {
        assertThat(FillRules.tableOf("P.MM.03.MSG.001")).contains(12);
        assertThat(FillRules.tableOf("MSG.002")).contains(13);
        assertThat(FillRules.tableOf("P.MM.03.MSG.003")).contains(14);
        assertThat(FillRules.tableOf("P.MM.03.MSG.014")).contains(8);
        assertThat(FillRules.tableOf("P.MM.03.MSG.016")).contains(9);
        assertThat(FillRules.tableOf("P.MM.03.MSG.004")).isEmpty();
        assertThat(FillRules.tableOf(null)).isEmpty();
        // a message without fill requirements yields no violation whatever the document
        assertThat(rules.check("P.MM.03.MSG.015", new Object(), null)).isEmpty();
    }

    @Test
    void wrongDocumentTypeIsRejected() {
        assertThatThrownBy(() -> rules.check("P.MM.03.MSG.001", Docs.load(Docs.MSG014), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("table 12");
    }

    @Test
    void violationNamesTheRuleInRussianAndEnglishWithThePath() {
        DrugMonitoringDetails d = Docs.monitoring(Docs.MSG001);
        FillRulesMutationTest.det(d).setStatusLowQualityCode("02");
        FillRulesMutationTest.det(d).getLowQualityDetails().clear();
        List<Violation> v = rules.check("P.MM.03.MSG.001", d, RegistryView.EMPTY);
        assertThat(v).singleElement().satisfies(x -> {
            assertThat(x.rule()).hasToString("table 12, rule 21");
            assertThat(x.path()).isEqualTo(
                    "/DrugMonitoringDetails/DrugMonitoringItemDetails[1]/DrugMonitoringDetails[1]/FalsificationSignDetails");
            assertThat(x.messageRu()).startsWith("Таблица 12, требование 21: если значение реквизита");
            assertThat(x.messageEn()).startsWith("Table 12, rule 21: if hcsdo:StatusLowQualityCode");
            assertThat(x.message()).contains(" / Table 12, rule 21: ");
        });
    }

    @Test
    void offendingValueIsQuoted() {
        DrugMonitoringDetails d = Docs.monitoring(Docs.MSG001);
        FillRulesMutationTest.manufacturer(d).getUnifiedCountryCode().setValue("XX");
        assertThat(rules.check("MSG.001", d, null)).singleElement().satisfies(x -> {
            assertThat(x.rule()).isEqualTo(RuleId.of(12, 24));
            assertThat(x.path()).endsWith("/ManufacturingAuthorizationHolderDetailsV2/UnifiedCountryCode");
            assertThat(x.messageRu()).endsWith("(значение: «XX»)");
            assertThat(x.messageEn()).endsWith("(value: 'XX')");
        });
    }

    private static RegistryView registryOf(DrugMonitoringDetails d) {
        return RegistryView.of(d.getDrugMonitoringItemDetails().stream().map(RecordKey::of).toList());
    }
}
