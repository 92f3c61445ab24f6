package eaeu.pmm03.server.rules;

import eaeu.pmm03.contract.ccdo.BusinessEntityDetailsType;
import eaeu.pmm03.contract.ccdo.PeriodDetailsType;
import eaeu.pmm03.contract.counterfeitdrug.CounterfeitDrugCorrespondenceDetails;
import eaeu.pmm03.contract.csdo.UnifiedPhysicalMeasureType;
import eaeu.pmm03.contract.drugmonitoring.DrugMonitoringDetails;
import eaeu.pmm03.contract.hccdo.ActiveSubstanceDetailsType;
import eaeu.pmm03.contract.hccdo.AuxiliarySubstanceDetailsType;
import eaeu.pmm03.contract.hccdo.ComponentDetailsType;
import eaeu.pmm03.contract.hccdo.DrugDosageUnitDetailsType;
import eaeu.pmm03.contract.hccdo.DrugMonitoringDetailsType;
import eaeu.pmm03.contract.hccdo.DrugMonitoringItemDetailsType;
import eaeu.pmm03.contract.hccdo.DrugNameDetailsType;
import eaeu.pmm03.contract.hccdo.FalsificationSignDetailsType;
import eaeu.pmm03.contract.hccdo.OfficialDocDetailsType;
import eaeu.pmm03.contract.hccdo.OrganizationRestrictionDetailsType;
import eaeu.pmm03.contract.hccdo.PackageDetailsType;
import eaeu.pmm03.contract.hccdo.PackageFormDetailsType;
import eaeu.pmm03.contract.hccdo.SubstanceDetailsType;
import eaeu.pmm03.contract.hcsdo.AuxiliarySubstanceCodeType;
import eaeu.pmm03.contract.hcsdo.DrugCodeType;
import eaeu.pmm03.contract.hcsdo.Image1MBPictureType;
import eaeu.pmm03.contract.hcsdo.SubstanceMeasureType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One test per fill requirement (102): the valid base document of the message is mutated so that exactly that
 * requirement is violated; the mutated document must still be schema-valid, and {@link FillRules#check} must
 * return exactly one violation, of that requirement.
 */
class FillRulesMutationTest {

    /**
     * The rules over classifier versions loaded from {@code src/test/resources/classifiers}: the requirements on
     * «другое» (35, 37, 42, 44, 46) need a version that has that entry; the seed prints no code for it (D-33).
     */
    private static final FillRules RULES = new FillRules(eaeu.pmm03.server.classifier.TestClassifiers.loaded(),
            RuleCatalog.defaults());

    /** The requirements that are decided only with a loaded classifier version naming «другое» (D-33). */
    static final java.util.Set<Integer> NEED_LOADED_CLASSIFIER = java.util.Set.of(35, 37, 42, 44, 46);

    /** A mutation case: the requirement, its message, the base document and how to break it. */
    record Case(RuleId rule, String message, String base, Consumer<Object> mutation) {
        @Override public String toString() { return rule.toString(); }
    }

    static List<Case> cases() {
        List<Case> out = new ArrayList<>();
        monitoringMutations().forEach((n, m) -> {
            out.add(new Case(RuleId.of(12, n), "P.MM.03.MSG.001", Docs.MSG001, d -> m.accept((DrugMonitoringDetails) d)));
            out.add(new Case(RuleId.of(13, n), "P.MM.03.MSG.002", Docs.MSG002, d -> m.accept((DrugMonitoringDetails) d)));
        });
        Map<Integer, Consumer<DrugMonitoringDetails>> t14 = new LinkedHashMap<>();
        t14.put(1, FillRulesMutationTest::secondItem);
        t14.put(2, d -> {});   // the database does not hold the record (see registryFor)
        t14.put(3, d -> period(d).setEndDateTime(null));
        t14.put(4, d -> period(d).setEndDateTime(Docs.dateTime("2024-01-01T00:00:00+06:00")));
        t14.put(5, d -> { det(d).setDrugTradeName(null); det(d).getDrugNameDetails().clear(); });
        t14.forEach((n, m) -> out.add(new Case(RuleId.of(14, n), "P.MM.03.MSG.003", Docs.MSG003, d -> m.accept((DrugMonitoringDetails) d))));
        out.add(new Case(RuleId.of(8, 1), "P.MM.03.MSG.014", Docs.MSG014,
                d -> ((CounterfeitDrugCorrespondenceDetails) d).setOfficialDocDetails(null)));
        out.add(new Case(RuleId.of(9, 1), "P.MM.03.MSG.016", Docs.MSG016,
                d -> ((CounterfeitDrugCorrespondenceDetails) d).getCounterfeitDrugAnswerDetails().clear()));
        out.add(new Case(RuleId.of(9, 2), "P.MM.03.MSG.016", Docs.MSG016,
                d -> ((CounterfeitDrugCorrespondenceDetails) d).getNoteText().clear()));
        out.sort((a, b) -> a.rule().compareTo(b.rule()));
        return out;
    }

    /** Mutations of tables 12 and 13 (the same 47 requirements). */
    private static Map<Integer, Consumer<DrugMonitoringDetails>> monitoringMutations() {
        Map<Integer, Consumer<DrugMonitoringDetails>> m = new LinkedHashMap<>();
        m.put(1, FillRulesMutationTest::secondItem);
        m.put(2, d -> period(d).setStartDateTime(null));
        m.put(3, d -> period(d).setEndDateTime(Docs.dateTime("2024-12-31T00:00:00+06:00")));
        m.put(4, d -> {});     // 12.4: the database holds the record; 13.4: it does not (see registryFor)
        m.put(5, d -> item(d).getUnifiedCountryCode().setCodeListId("P.CLS.020"));
        m.put(6, d -> manufacturer(d).getSubjectAddressDetails().get(0).getUnifiedCountryCode().setValue("XX"));
        m.put(7, d -> det(d).getDrugNameDetails().add(new DrugNameDetailsType()));
        m.put(8, d -> substance(d, 0).getActiveSubstanceDetails().setActiveSubstanceCode(null));
        m.put(9, d -> substance(d, 1).getAuxiliarySubstanceDetails().setAuxiliarySubstanceCode(null));
        m.put(10, d -> substance(d, 1).getAuxiliarySubstanceDetails().setFunctionalPurposeCode(null));
        m.put(11, d -> substanceMeasure(d).setSubstanceMeasureTypeCode("06"));
        m.put(12, d -> dosageUnit(d).setDosageUnitKindCode(null));
        m.put(13, d -> dosageUnit(d).setDosageUnitKindCode("10"));
        m.put(14, d -> substance(d, 0).setActiveSubstanceDetails(null));
        m.put(15, d -> substance(d, 0).setReagentName("лишний реагент"));
        m.put(16, d -> substance(d, 1).setAuxiliarySubstanceDetails(null));
        m.put(17, d -> substance(d, 1).setActiveSubstanceDetails(activeSubstance()));
        m.put(18, d -> substance(d, 2).setReagentName(null));
        m.put(19, d -> substance(d, 2).setAuxiliarySubstanceDetails(auxiliarySubstance()));
        m.put(20, d -> det(d).getLowQualityDetails().get(0).setLowQualityCode(null));
        m.put(21, d -> { det(d).setStatusLowQualityCode("02"); det(d).getLowQualityDetails().clear(); });
        m.put(22, d -> { det(d).setDrugTradeName(null); det(d).getDrugNameDetails().clear(); });
        m.put(23, d -> manufacturer(d).setUnifiedCountryCode(null));
        m.put(24, d -> manufacturer(d).getUnifiedCountryCode().setValue("XX"));
        m.put(25, d -> manufacturer(d).getUnifiedCountryCode().setCodeListId("P.CLS.020"));
        m.put(26, d -> manufacturer(d).setBusinessEntityName(null));
        m.put(27, d -> holder(d).setUnifiedCountryCode(null));
        m.put(28, d -> holder(d).getUnifiedCountryCode().setValue("XX"));
        m.put(29, d -> holder(d).getUnifiedCountryCode().setCodeListId("P.CLS.020"));
        m.put(30, d -> distributor(d).setUnifiedCountryCode(null));
        m.put(31, d -> distributor(d).getUnifiedCountryCode().setValue("XX"));
        m.put(32, d -> distributor(d).getUnifiedCountryCode().setCodeListId("P.CLS.020"));
        m.put(33, d -> det(d).getCounterfeitPackageQuantity().setMeasurementUnitCode("QQQ"));
        m.put(34, d -> substanceMeasure(d).setSubstanceMeasureCode(null));
        m.put(35, d -> substanceMeasure(d).setSubstanceMeasureCode("99"));
        m.put(36, d -> pkg(d).setDrugPackageKindCode(null));
        m.put(37, d -> pkg(d).setDrugPackageKindCode("99"));
        m.put(38, d -> packageForm(d).setDrugSecondaryPackageKindCode(null));
        m.put(39, d -> component(d).setComponentCode(null));
        m.put(40, d -> packageMeasure(d).setMeasurementUnitCode("QQQ"));
        m.put(41, d -> packageMeasure(d).setMeasurementUnitCodeListId("P.CLS.020"));
        m.put(42, d -> component(d).setComponentCode("99"));
        m.put(43, d -> {
            det(d).setStatusLowQualityCode("03");
            det(d).getLowQualityDetails().clear();
            FalsificationSignDetailsType f = new FalsificationSignDetailsType();
            f.setDescriptionText("поддельная голограмма");
            Image1MBPictureType p = new Image1MBPictureType();
            p.setValue("GIF89a".getBytes(StandardCharsets.US_ASCII));
            p.setMediaTypeCode("image/gif");
            f.getFalsificationSignPicture().add(p);
            det(d).getFalsificationSignDetails().add(f);
        });
        m.put(44, d -> restriction(d).setOrganizationRestrictionKindCode("99"));
        m.put(45, d -> { restriction(d).setOrganizationRestrictionKindName("Таможенный  орган"); det(d).setAuthorityName(null); });
        m.put(46, d -> det(d).getLowQualityDetails().get(0).setLowQualityCode("99"));
        m.put(47, d -> officialDoc(d).setDocCreationDate(null));
        return m;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void exactlyThisRuleIsViolated(Case c) {
        Object doc = Docs.load(c.base());
        c.mutation().accept(doc);
        String xml = Docs.marshal(doc);
        assertThat(Docs.schemaErrors(xml)).as("mutated document of %s must stay schema-valid", c.rule()).isEmpty();
        Object mutated = Docs.unmarshal(xml);

        List<Violation> v = RULES.check(c.message(), mutated, registryFor(c.rule(), mutated));

        assertThat(v).as("violations of the mutation for %s", c.rule()).hasSize(1);
        assertThat(v.get(0).rule()).isEqualTo(c.rule());
        assertThat(v.get(0).messageRu()).startsWith("Таблица " + c.rule().table() + ", требование " + c.rule().number() + ": ");
        assertThat(v.get(0).messageEn()).startsWith("Table " + c.rule().table() + ", rule " + c.rule().number() + ": ");
        assertThat(v.get(0).path()).startsWith("/");
    }

    /**
     * Table 12: the database is empty, except for rule 4 where it holds the document's record.
     * Tables 13/14: the database holds the (mutated) document's records, except for 13.4 and 14.2.
     */
    static RegistryView registryFor(RuleId rule, Object doc) {
        if (!(doc instanceof DrugMonitoringDetails d)) {
            return RegistryView.EMPTY;
        }
        List<RecordKey> keys = d.getDrugMonitoringItemDetails().stream().map(RecordKey::of).toList();
        return switch (rule.table()) {
            case 12 -> rule.number() == 4 ? RegistryView.of(keys) : RegistryView.EMPTY;
            case 13 -> rule.number() == 4 ? RegistryView.EMPTY : RegistryView.of(keys);
            case 14 -> rule.number() == 2 ? RegistryView.EMPTY : RegistryView.of(keys);
            default -> RegistryView.EMPTY;
        };
    }

    @Test
    void everyRuleOfTheRuleTableHasOneMutationCase() {
        Set<RuleId> cased = cases().stream().map(Case::rule).collect(Collectors.toSet());
        assertThat(cases()).hasSize(102);
        assertThat(cased).containsExactlyInAnyOrderElementsOf(RuleCatalog.defaults().all().keySet());
    }

    @Test
    void noRuleIsLeftToTheSchema() {
        // fill-rules.json: enforcedBySchema is false everywhere, so every rule is covered by a mutation case above
        // (a rule with enforcedBySchema=true would need a schema-rejection case instead)
        assertThat(RuleCatalog.defaults().all().values()).noneMatch(RuleText::enforcedBySchema);
    }

    // ---- navigation in the base documents ----

    private static void secondItem(DrugMonitoringDetails d) {
        d.getDrugMonitoringItemDetails().add(Docs.monitoring(Docs.MSG001).getDrugMonitoringItemDetails().get(0));
        DrugMonitoringItemDetailsType copy = d.getDrugMonitoringItemDetails().get(1);
        copy.getResourceItemStatusDetails().setValidityPeriodDetails(period(d));
    }

    static DrugMonitoringItemDetailsType item(DrugMonitoringDetails d) { return d.getDrugMonitoringItemDetails().get(0); }

    static PeriodDetailsType period(DrugMonitoringDetails d) { return item(d).getResourceItemStatusDetails().getValidityPeriodDetails(); }

    static DrugMonitoringDetailsType det(DrugMonitoringDetails d) { return item(d).getDrugMonitoringDetails().get(0); }

    static PackageFormDetailsType packageForm(DrugMonitoringDetails d) { return det(d).getPackageFormDetails().get(0); }

    static PackageDetailsType pkg(DrugMonitoringDetails d) { return packageForm(d).getPackageDetails().get(0); }

    static UnifiedPhysicalMeasureType packageMeasure(DrugMonitoringDetails d) { return pkg(d).getPackageMeasure().get(0); }

    static ComponentDetailsType component(DrugMonitoringDetails d) { return packageForm(d).getComponentDetails().get(0); }

    static DrugDosageUnitDetailsType dosageUnit(DrugMonitoringDetails d) { return pkg(d).getDrugDosageDetails().getDosageUnitDetails(); }

    static SubstanceDetailsType substance(DrugMonitoringDetails d, int i) { return pkg(d).getDrugDosageDetails().getSubstanceDetails().get(i); }

    static SubstanceMeasureType substanceMeasure(DrugMonitoringDetails d) { return substance(d, 0).getSubstanceMeasure().get(0); }

    static BusinessEntityDetailsType manufacturer(DrugMonitoringDetails d) { return det(d).getManufacturingAuthorizationHolderDetailsV2(); }

    static BusinessEntityDetailsType holder(DrugMonitoringDetails d) { return det(d).getRegistrationCertificateHolderDetails(); }

    static BusinessEntityDetailsType distributor(DrugMonitoringDetails d) { return det(d).getConsignmentDetails().get(0).getDistributorDetails(); }

    static OrganizationRestrictionDetailsType restriction(DrugMonitoringDetails d) { return det(d).getOrganizationRestrictionDetails(); }

    static OfficialDocDetailsType officialDoc(DrugMonitoringDetails d) { return item(d).getAuthorityActionDetails().get(0).getOfficialDocDetails(); }

    private static ActiveSubstanceDetailsType activeSubstance() {
        ActiveSubstanceDetailsType a = new ActiveSubstanceDetailsType();
        DrugCodeType code = new DrugCodeType();
        code.setValue("0009999");
        code.setCodeListId("P.CLS.038");
        a.setActiveSubstanceCode(code);
        return a;
    }

    private static AuxiliarySubstanceDetailsType auxiliarySubstance() {
        AuxiliarySubstanceDetailsType a = new AuxiliarySubstanceDetailsType();
        AuxiliarySubstanceCodeType code = new AuxiliarySubstanceCodeType();
        code.setValue("AUX02");
        code.setCodeListId("P.CLS.110");
        a.setAuxiliarySubstanceCode(code);
        a.setFunctionalPurposeName("пленкообразователь");
        return a;
    }
}
