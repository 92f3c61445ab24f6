package eaeu.pmm03.server.rules;

import eaeu.pmm03.contract.commission.ChangeRecord;
import eaeu.pmm03.contract.commission.CommissionPortType;
import eaeu.pmm03.contract.commission.ExcludeRecord;
import eaeu.pmm03.contract.commission.IncludeRecord;
import eaeu.pmm03.contract.drugmonitoring.DrugMonitoringDetails;
import eaeu.pmm03.contract.processingresult.ProcessingResultDetails;
import eaeu.pmm03.server.NodeTestBase;
import eaeu.pmm03.server.registry.UnifiedDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fill rules of table 12 through the real service: each mutation of {@link FillRulesMutationTest} sent as
 * MSG.001 over SOAP is refused with an R.006 answer naming exactly that rule, and the unified database is not
 * touched. Tables 13/14 (which depend on stored records) are covered here for their database rules.
 */
class FillRulesOverSoapTest extends NodeTestBase {

    @Autowired
    UnifiedDatabase db;

    static List<FillRulesMutationTest.Case> table12() {
        return FillRulesMutationTest.cases().stream()
                .filter(c -> c.rule().table() == 12 && c.rule().number() != 4)
                // «другое» needs a loaded classifier version; over SOAP: ClassifierFilesOverSoapTest (D-33, D-144)
                .filter(c -> !FillRulesMutationTest.NEED_LOADED_CLASSIFIER.contains(c.rule().number())).toList();
    }

    /** The base document of the case with a fresh EDocId and a trade name no other test uses. */
    private static DrugMonitoringDetails base(String resource) {
        DrugMonitoringDetails d = Docs.monitoring(resource);
        d.getEDocHeader().setEDocId(UUID.randomUUID().toString());
        d.getDrugMonitoringItemDetails().get(0).getDrugMonitoringDetails().get(0)
                .setDrugTradeName("Тест-" + UUID.randomUUID().toString().substring(0, 8));
        return d;
    }

    private ProcessingResultDetails include(DrugMonitoringDetails d) {
        IncludeRecord r = new IncludeRecord();
        r.setDrugMonitoringDetails(d);
        return commission("kz").includeRecord(r).getProcessingResultDetails();
    }

    @ParameterizedTest(name = "{0} over SOAP")
    @MethodSource("table12")
    void eachRuleOfTable12IsNamedInTheAnswer(FillRulesMutationTest.Case c) {
        DrugMonitoringDetails d = base(c.base());
        c.mutation().accept(d);
        ProcessingResultDetails r = include(d);
        assertThat(r.getProcessingResultV2Code()).as(r.getDescriptionText()).isEqualTo("ERR_RULE");
        assertThat(r.getDescriptionText()).startsWith("Table 12, rule " + c.rule().number() + ":");
        assertThat(r.getEDocHeader().getInfEnvelopeCode()).isEqualTo("P.MM.03.MSG.004");
        for (var item : d.getDrugMonitoringItemDetails()) {
            assertThat(db.active(RecordKey.of(item))).as("database untouched").isEmpty();
        }
    }

    @Test
    void rule12_4_aSecondActiveRecordWithTheSameKeyIsRefused() {
        DrugMonitoringDetails d = base(Docs.MSG001);
        assertThat(include(d).getProcessingResultV2Code()).isEqualTo("INCLUDED");
        d.getEDocHeader().setEDocId(UUID.randomUUID().toString());
        ProcessingResultDetails r = include(d);
        assertThat(r.getProcessingResultV2Code()).isEqualTo("ERR_RULE");
        assertThat(r.getDescriptionText()).startsWith("Table 12, rule 4:");
    }

    @Test
    void rule13_4_aChangeNeedsAnActiveRecord() {
        DrugMonitoringDetails d = base(Docs.MSG002);
        ChangeRecord r = new ChangeRecord();
        r.setDrugMonitoringDetails(d);
        ProcessingResultDetails a = commission("kz").changeRecord(r).getProcessingResultDetails();
        assertThat(a.getProcessingResultV2Code()).isEqualTo("ERR_RULE");
        assertThat(a.getDescriptionText()).startsWith("Table 13, rule 4:");
    }

    @Test
    void rule14_2_anExclusionNeedsAnActiveRecord() {
        DrugMonitoringDetails d = base(Docs.MSG003);
        ExcludeRecord r = new ExcludeRecord();
        r.setDrugMonitoringDetails(d);
        CommissionPortType kz = commission("kz");
        ProcessingResultDetails a = kz.excludeRecord(r).getProcessingResultDetails();
        assertThat(a.getProcessingResultV2Code()).isEqualTo("ERR_RULE");
        assertThat(a.getDescriptionText()).startsWith("Table 14, rule 2:");
    }
}
