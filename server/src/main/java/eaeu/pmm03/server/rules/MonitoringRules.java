package eaeu.pmm03.server.rules;

import eaeu.pmm03.contract.ccdo.BusinessEntityDetailsType;
import eaeu.pmm03.contract.ccdo.PeriodDetailsType;
import eaeu.pmm03.contract.ccdo.ResourceItemStatusDetailsType;
import eaeu.pmm03.contract.csdo.UnifiedCountryCodeType;
import eaeu.pmm03.contract.csdo.UnifiedPhysicalMeasureType;
import eaeu.pmm03.contract.drugmonitoring.DrugMonitoringDetails;
import eaeu.pmm03.contract.hccdo.ActiveSubstanceDetailsType;
import eaeu.pmm03.contract.hccdo.AuthorityActionDetailsType;
import eaeu.pmm03.contract.hccdo.AuxiliarySubstanceDetailsType;
import eaeu.pmm03.contract.hccdo.BatchDetailsType;
import eaeu.pmm03.contract.hccdo.ComponentDetailsType;
import eaeu.pmm03.contract.hccdo.ConsignmentDetailsType;
import eaeu.pmm03.contract.hccdo.DrugDosageDetailsType;
import eaeu.pmm03.contract.hccdo.DrugDosageUnitDetailsType;
import eaeu.pmm03.contract.hccdo.DrugMonitoringDetailsType;
import eaeu.pmm03.contract.hccdo.DrugMonitoringItemDetailsType;
import eaeu.pmm03.contract.hccdo.DrugNameDetailsType;
import eaeu.pmm03.contract.hccdo.FalsificationSignDetailsType;
import eaeu.pmm03.contract.hccdo.LowQualityDetailsType;
import eaeu.pmm03.contract.hccdo.OfficialDocDetailsType;
import eaeu.pmm03.contract.hccdo.OrganizationRestrictionDetailsType;
import eaeu.pmm03.contract.hccdo.PackageDetailsType;
import eaeu.pmm03.contract.hccdo.PackageFormDetailsType;
import eaeu.pmm03.contract.hccdo.SubstanceDetailsType;
import eaeu.pmm03.contract.hcsdo.DosageUnitMeasureType;
import eaeu.pmm03.contract.hcsdo.Image1MBPictureType;
import eaeu.pmm03.contract.hcsdo.SubstanceMeasureType;
import eaeu.pmm03.server.classifier.Classifiers;

import javax.xml.datatype.DatatypeConstants;
import javax.xml.datatype.XMLGregorianCalendar;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import static eaeu.pmm03.server.rules.Text.filled;

/**
 * Fill requirements for R.HC.MM.03.001 (DrugMonitoringDetails): table 12 (MSG.001 include), table 13
 * (MSG.002 change; the same 47 requirements, rule 4 inverted by D-30) and table 14 (MSG.003 exclude).
 * Every requirement is one entry {@code rule(number, ...)}; texts come from fill-rules.json.
 */
final class MonitoringRules {

    static final String ROOT = "/DrugMonitoringDetails";
    private static final String COUNTRY_LIST = Classifiers.COUNTRIES;   // P.CLS.019, section VII
    private static final String UNIT_LIST = Classifiers.UNITS;          // P.CLS.009, section VII
    private static final String ROLE_ACTIVE = "01";
    private static final String ROLE_AUXILIARY = "02";
    private static final String ROLE_REAGENT = "03";
    private static final String STATUS_SUBSTANDARD = "01";
    private static final String STATUS_COUNTERFEIT = "02";
    private static final String STATUS_FALSIFIED = "03";

    private MonitoringRules() {}

    /** Table 12 (MSG.001, include) or table 13 (MSG.002, change). */
    static RuleSet<DrugMonitoringDetails> includeOrChange(int table) {
        if (table != 12 && table != 13) {
            throw new IllegalArgumentException("table 12 or 13 expected: " + table);
        }
        boolean include = table == 12;
        return new RuleSet<>(table, DrugMonitoringDetails.class)
            .rule(1, MonitoringRules::exactlyOneItem)
            .rule(2, (d, c) -> items(d).forEach(i -> {
                At<PeriodDetailsType> p = period(i);
                if (p.node() == null || p.node().getStartDateTime() == null) {
                    c.report(p.at("StartDateTime"));
                }
            }))
            .rule(3, (d, c) -> items(d).forEach(i -> {
                At<PeriodDetailsType> p = period(i);
                if (p.node() != null && p.node().getEndDateTime() != null) {
                    c.report(p.at("EndDateTime"), p.node().getEndDateTime().toXMLFormat());
                }
            }))
            // 12.4: no active record with the key may exist; 13.4: it must exist (D-30)
            .rule(4, include ? MonitoringRules::noActiveRecord : MonitoringRules::activeRecordExists)
            .rule(5, (d, c) -> generalCountries(d).forEach(cc -> countryListId(cc, c)))
            .rule(6, (d, c) -> generalCountries(d).forEach(cc -> countryValue(cc, c)))
            .rule(7, (d, c) -> details(d).forEach(m -> m.many("DrugNameDetails", m.node().getDrugNameDetails()).forEach(n -> {
                DrugNameDetailsType x = n.node();
                if ((x.getDrugCode() == null || !filled(x.getDrugCode().getValue())) && !filled(x.getDrugName())) {
                    c.report(n.path());
                }
            })))
            .rule(8, (d, c) -> substances(d).forEach(s -> {
                At<ActiveSubstanceDetailsType> a = s.one("ActiveSubstanceDetails", s.node().getActiveSubstanceDetails());
                if (a.present() && (a.node().getActiveSubstanceCode() == null || !filled(a.node().getActiveSubstanceCode().getValue()))
                        && !filled(a.node().getActiveSubstanceName())) {
                    c.report(a.path());
                }
            }))
            .rule(9, (d, c) -> substances(d).forEach(s -> {
                At<AuxiliarySubstanceDetailsType> a = s.one("AuxiliarySubstanceDetails", s.node().getAuxiliarySubstanceDetails());
                if (a.present() && (a.node().getAuxiliarySubstanceCode() == null || !filled(a.node().getAuxiliarySubstanceCode().getValue()))
                        && !filled(a.node().getAuxiliarySubstanceName())) {
                    c.report(a.path());
                }
            }))
            // D-43: the printed hcsdo:AuxiliarySubstanceName means hcsdo:FunctionalPurposeName
            .rule(10, (d, c) -> substances(d).forEach(s -> {
                At<AuxiliarySubstanceDetailsType> a = s.one("AuxiliarySubstanceDetails", s.node().getAuxiliarySubstanceDetails());
                if (a.present() && !filled(a.node().getFunctionalPurposeCode()) && !filled(a.node().getFunctionalPurposeName())) {
                    c.report(a.path());
                }
            }))
            .rule(11, (d, c) -> substanceMeasures(d).forEach(m -> {
                String code = m.node().getSubstanceMeasureTypeCode();
                if (code != null && !c.classifiers().inCodeList(Classifiers.SUBSTANCE_MEASURE_TYPE_CODE, code)) {
                    c.report(m.at("@SubstanceMeasureTypeCode"), code);
                }
            }))
            .rule(12, (d, c) -> dosageUnits(d).forEach(u -> {
                if (!filled(u.node().getDosageUnitKindCode()) && !filled(u.node().getDosageUnitKindName())) {
                    c.report(u.path());
                }
            }))
            .rule(13, (d, c) -> dosageUnits(d).forEach(u -> {
                String code = u.node().getDosageUnitKindCode();
                if (code != null && !c.classifiers().inCodeList(Classifiers.DOSAGE_UNIT_KIND_CODE, code)) {
                    c.report(u.at("DosageUnitKindCode"), code);
                }
            }))
            .rule(14, (d, c) -> substances(d).forEach(s -> {
                if (hasRole(s.node(), ROLE_ACTIVE, c) && s.node().getActiveSubstanceDetails() == null) {
                    c.report(s.at("ActiveSubstanceDetails"));
                }
            }))
            .rule(15, (d, c) -> substances(d).forEach(s -> {
                if (hasRole(s.node(), ROLE_ACTIVE, c)) {
                    reportIfFilled(s, "AuxiliarySubstanceDetails", s.node().getAuxiliarySubstanceDetails(), c);
                    reportIfFilled(s, "ReagentName", s.node().getReagentName(), c);
                }
            }))
            .rule(16, (d, c) -> substances(d).forEach(s -> {
                if (hasRole(s.node(), ROLE_AUXILIARY, c) && s.node().getAuxiliarySubstanceDetails() == null) {
                    c.report(s.at("AuxiliarySubstanceDetails"));
                }
            }))
            .rule(17, (d, c) -> substances(d).forEach(s -> {
                if (hasRole(s.node(), ROLE_AUXILIARY, c)) {
                    reportIfFilled(s, "ActiveSubstanceDetails", s.node().getActiveSubstanceDetails(), c);
                    reportIfFilled(s, "ReagentName", s.node().getReagentName(), c);
                }
            }))
            .rule(18, (d, c) -> substances(d).forEach(s -> {
                if (hasRole(s.node(), ROLE_REAGENT, c) && !filled(s.node().getReagentName())) {
                    c.report(s.at("ReagentName"));
                }
            }))
            .rule(19, (d, c) -> substances(d).forEach(s -> {
                if (hasRole(s.node(), ROLE_REAGENT, c)) {
                    reportIfFilled(s, "ActiveSubstanceDetails", s.node().getActiveSubstanceDetails(), c);
                    reportIfFilled(s, "AuxiliarySubstanceDetails", s.node().getAuxiliarySubstanceDetails(), c);
                }
            }))
            // D-36
            .rule(20, (d, c) -> details(d).forEach(m -> {
                if (!STATUS_SUBSTANDARD.equals(Text.code(m.node().getStatusLowQualityCode()))) {
                    return;
                }
                List<At<LowQualityDetailsType>> lq = m.many("LowQualityDetails", m.node().getLowQualityDetails());
                if (lq.isEmpty()) {
                    c.report(m.at("LowQualityDetails"));
                }
                lq.stream().filter(q -> !filled(q.node().getLowQualityCode()) && !filled(q.node().getLowQualityName()))
                        .forEach(q -> c.report(q.path()));
                if (!m.node().getFalsificationSignDetails().isEmpty()) {
                    c.report(m.at("FalsificationSignDetails"));
                }
            }))
            .rule(21, (d, c) -> details(d).forEach(m -> {
                String status = Text.code(m.node().getStatusLowQualityCode());
                if (!STATUS_COUNTERFEIT.equals(status) && !STATUS_FALSIFIED.equals(status)) {
                    return;
                }
                if (m.node().getFalsificationSignDetails().isEmpty()) {
                    c.report(m.at("FalsificationSignDetails"));
                }
                if (!m.node().getLowQualityDetails().isEmpty()) {
                    c.report(m.at("LowQualityDetails"));
                }
            }))
            .rule(22, MonitoringRules::tradeNameOrDrugName)
            .rule(23, (d, c) -> manufacturers(d).forEach(b -> countryFilled(b, c)))
            .rule(24, (d, c) -> manufacturers(d).forEach(b -> countryValue(country(b), c)))
            .rule(25, (d, c) -> manufacturers(d).forEach(b -> countryListId(country(b), c)))
            .rule(26, (d, c) -> manufacturers(d).forEach(b -> {
                if (!filled(b.node().getBusinessEntityName()) && !filled(b.node().getBusinessEntityBriefName())) {
                    c.report(b.path());
                }
            }))
            .rule(27, (d, c) -> holders(d).forEach(b -> countryFilled(b, c)))
            .rule(28, (d, c) -> holders(d).forEach(b -> countryValue(country(b), c)))
            .rule(29, (d, c) -> holders(d).forEach(b -> countryListId(country(b), c)))
            // D-44: the printed hccdo:DistributeDetails is hccdo:DistributorDetails
            .rule(30, (d, c) -> distributors(d).forEach(b -> countryFilled(b, c)))
            .rule(31, (d, c) -> distributors(d).forEach(b -> countryValue(country(b), c)))
            .rule(32, (d, c) -> distributors(d).forEach(b -> countryListId(country(b), c)))
            // D-40
            .rule(33, (d, c) -> quantities(d).forEach(q -> {
                String code = q.node().getMeasurementUnitCode();
                if (!c.classifiers().isUnit(code)) {
                    c.report(q.at("@measurementUnitCode"), code);
                }
            }))
            .rule(34, (d, c) -> substanceMeasures(d).forEach(m -> {
                if (!filled(m.node().getSubstanceMeasureCode()) && !filled(m.node().getSubstanceMeasureName())) {
                    c.report(m.path());
                }
            }))
            // D-33 (other = designated code of P.CLS.039), D-38 (SubstanceMeasure and DosageUnitMeasure)
            .rule(35, (d, c) -> {
                substanceMeasures(d).forEach(m -> otherNeedsName(Classifiers.DOSAGE_UNITS, m.node().getSubstanceMeasureCode(),
                        m.node().getSubstanceMeasureName(), m.at("@SubstanceMeasureName"), c));
                dosageUnits(d).forEach(u -> {
                    At<DosageUnitMeasureType> m = u.one("DosageUnitMeasure", u.node().getDosageUnitMeasure());
                    if (m.present()) {
                        otherNeedsName(Classifiers.DOSAGE_UNITS, m.node().getSubstanceMeasureCode(),
                                m.node().getSubstanceMeasureName(), m.at("@SubstanceMeasureName"), c);
                    }
                });
            })
            .rule(36, (d, c) -> packages(d).forEach(p -> {
                if (!filled(p.node().getDrugPackageKindCode()) && !filled(p.node().getDrugPackageKindName())) {
                    c.report(p.path());
                }
            }))
            .rule(37, (d, c) -> packages(d).forEach(p -> otherNeedsName(Classifiers.PRIMARY_PACKAGE_KINDS,
                    p.node().getDrugPackageKindCode(), p.node().getDrugPackageKindName(), p.at("DrugPackageKindName"), c)))
            // D-37: the elements belong to hccdo:PackageFormDetails
            .rule(38, (d, c) -> packageForms(d).forEach(f -> {
                if (!filled(f.node().getDrugSecondaryPackageKindCode()) && !filled(f.node().getDrugSecondaryPackageKindName())) {
                    c.report(f.path());
                }
            }))
            .rule(39, (d, c) -> components(d).forEach(k -> {
                if (!filled(k.node().getComponentCode()) && !filled(k.node().getComponentName())) {
                    c.report(k.path());
                }
            }))
            // D-39
            .rule(40, (d, c) -> packageMeasures(d).forEach(m -> {
                String list = Text.code(m.node().getMeasurementUnitCodeListId());
                String code = m.node().getMeasurementUnitCode();
                if (c.classifiers().isKnownClassifier(list) && !c.classifiers().contains(list, code)) {
                    c.report(m.at("@measurementUnitCode"), code);
                }
            }))
            .rule(41, (d, c) -> packageMeasures(d).forEach(m -> {
                String list = m.node().getMeasurementUnitCodeListId();
                if (!UNIT_LIST.equals(Text.code(list))) {
                    c.report(m.at("@measurementUnitCodeListId"), list);
                }
            }))
            .rule(42, (d, c) -> components(d).forEach(k -> otherNeedsName(Classifiers.PACKAGE_COMPONENTS,
                    k.node().getComponentCode(), k.node().getComponentName(), k.at("ComponentName"), c)))
            // D-46
            .rule(43, (d, c) -> pictures(d).forEach(p -> {
                String type = p.node().getMediaTypeCode();
                if (type != null && !c.classifiers().inCodeList(Classifiers.PICTURE_MEDIA_TYPE, type.trim().toLowerCase(Locale.ROOT))) {
                    c.report(p.at("@mediaTypeCode"), type);
                }
            }))
            .rule(44, (d, c) -> restrictions(d).forEach(r -> otherNeedsName(Classifiers.ORGANIZATION_KINDS,
                    r.node().getOrganizationRestrictionKindCode(), r.node().getOrganizationRestrictionKindName(),
                    r.at("OrganizationRestrictionKindName"), c)))
            // D-34
            .rule(45, (d, c) -> details(d).forEach(m -> {
                OrganizationRestrictionDetailsType r = m.node().getOrganizationRestrictionDetails();
                if (r != null && isCustoms(r, c) && !filled(m.node().getAuthorityName())) {
                    c.report(m.at("AuthorityName"));
                }
            }))
            .rule(46, (d, c) -> details(d).forEach(m -> m.many("LowQualityDetails", m.node().getLowQualityDetails())
                    .forEach(q -> otherNeedsName(Classifiers.LOW_QUALITY_INDICATORS, q.node().getLowQualityCode(),
                            q.node().getLowQualityName(), q.at("LowQualityName"), c))))
            .rule(47, (d, c) -> officialDocs(d).forEach(o -> {
                if (o.node().getDocCreationDate() == null) {
                    c.report(o.at("DocCreationDate"));
                }
            }));
    }

    /** Table 14 (MSG.003, exclude). */
    static RuleSet<DrugMonitoringDetails> exclude() {
        return new RuleSet<>(14, DrugMonitoringDetails.class)
            .rule(1, MonitoringRules::exactlyOneItem)
            .rule(2, MonitoringRules::activeRecordExists)
            .rule(3, (d, c) -> items(d).forEach(i -> {
                At<PeriodDetailsType> p = period(i);
                if (p.node() == null || p.node().getEndDateTime() == null) {
                    c.report(p.at("EndDateTime"));
                }
                if (p.node() == null || p.node().getStartDateTime() == null) {
                    c.report(p.at("StartDateTime"));
                }
            }))
            .rule(4, (d, c) -> items(d).forEach(i -> {
                At<PeriodDetailsType> p = period(i);
                if (p.node() != null && p.node().getStartDateTime() != null && p.node().getEndDateTime() != null
                        && before(p.node().getEndDateTime(), p.node().getStartDateTime())) {
                    c.report(p.at("EndDateTime"), p.node().getEndDateTime().toXMLFormat());
                }
            }))
            .rule(5, MonitoringRules::tradeNameOrDrugName);
    }

    // ---- requirements shared by several tables ----

    private static void exactlyOneItem(DrugMonitoringDetails d, RuleContext c) {
        int n = d.getDrugMonitoringItemDetails().size();
        if (n != 1) {
            c.report(ROOT + "/DrugMonitoringItemDetails", String.valueOf(n));
        }
    }

    private static void noActiveRecord(DrugMonitoringDetails d, RuleContext c) {
        items(d).forEach(i -> {
            RecordKey key = RecordKey.of(i.node());
            if (c.registry().hasActiveRecord(key)) {
                c.report(i.path(), key.canonical());
            }
        });
    }

    private static void activeRecordExists(DrugMonitoringDetails d, RuleContext c) {
        items(d).forEach(i -> {
            RecordKey key = RecordKey.of(i.node());
            if (!c.registry().hasActiveRecord(key)) {
                c.report(i.path(), key.canonical());
            }
        });
    }

    private static void tradeNameOrDrugName(DrugMonitoringDetails d, RuleContext c) {
        details(d).forEach(m -> {
            if (!filled(m.node().getDrugTradeName()) && m.node().getDrugNameDetails().isEmpty()) {
                c.report(m.path());
            }
        });
    }

    private static boolean before(XMLGregorianCalendar a, XMLGregorianCalendar b) {
        int r = a.compare(b);
        if (r == DatatypeConstants.INDETERMINATE) {
            // one with an offset, one without: read as the node reads it (D-26: no offset = UTC), proleptic (D-101)
            return eaeu.pmm03.contract.xml.XmlTimes.instant(a).isBefore(eaeu.pmm03.contract.xml.XmlTimes.instant(b));
        }
        return r == DatatypeConstants.LESSER;
    }

    private static void countryFilled(At<BusinessEntityDetailsType> b, RuleContext c) {
        if (b.node().getUnifiedCountryCode() == null) {
            c.report(b.at("UnifiedCountryCode"));
        }
    }

    private static void countryValue(At<UnifiedCountryCodeType> cc, RuleContext c) {
        if (cc.present() && !c.classifiers().isCountry(cc.node().getValue())) {
            c.report(cc.path(), cc.node().getValue());
        }
    }

    private static void countryListId(At<UnifiedCountryCodeType> cc, RuleContext c) {
        if (cc.present() && !COUNTRY_LIST.equals(Text.code(cc.node().getCodeListId()))) {
            c.report(cc.at("@codeListId"), cc.node().getCodeListId());
        }
    }

    private static void otherNeedsName(String classifier, String code, String name, String namePath, RuleContext c) {
        if (c.classifiers().isOther(classifier, code) && !filled(name)) {
            c.report(namePath);
        }
    }

    private static boolean isCustoms(OrganizationRestrictionDetailsType r, RuleContext c) {
        Classifiers k = c.classifiers();
        boolean byCode = k.designatedCode(Classifiers.ORGANIZATION_KINDS, Classifiers.CUSTOMS_AUTHORITY)
                .map(code -> code.equals(Text.code(r.getOrganizationRestrictionKindCode()))).orElse(false);
        boolean byName = k.designatedName(Classifiers.ORGANIZATION_KINDS, Classifiers.CUSTOMS_AUTHORITY)
                .map(name -> Text.sameName(name, r.getOrganizationRestrictionKindName())).orElse(false);
        return byCode || byName;
    }

    /** D-35: the role is given by the code or by the name of the code. */
    private static boolean hasRole(SubstanceDetailsType s, String roleCode, RuleContext c) {
        if (roleCode.equals(Text.code(s.getDrugSubstanceRoleCode()))) {
            return true;
        }
        return c.classifiers().codeListName(Classifiers.DRUG_SUBSTANCE_ROLE_CODE, roleCode)
                .map(name -> Text.sameName(name, s.getDrugSubstanceRoleName())).orElse(false);
    }

    private static void reportIfFilled(At<SubstanceDetailsType> s, String name, Object value, RuleContext c) {
        if (value instanceof String str ? filled(str) : value != null) {
            c.report(s.at(name));
        }
    }

    // ---- navigation ----

    static List<At<DrugMonitoringItemDetailsType>> items(DrugMonitoringDetails d) {
        return new At<>(ROOT, d).many("DrugMonitoringItemDetails", d.getDrugMonitoringItemDetails());
    }

    private static At<PeriodDetailsType> period(At<DrugMonitoringItemDetailsType> i) {
        At<ResourceItemStatusDetailsType> r = i.one("ResourceItemStatusDetails", i.node().getResourceItemStatusDetails());
        return r.one("ValidityPeriodDetails", r.node() == null ? null : r.node().getValidityPeriodDetails());
    }

    private static List<At<DrugMonitoringDetailsType>> details(DrugMonitoringDetails d) {
        return flat(items(d), i -> i.many("DrugMonitoringDetails", i.node().getDrugMonitoringDetails()));
    }

    private static List<At<PackageFormDetailsType>> packageForms(DrugMonitoringDetails d) {
        return flat(details(d), m -> m.many("PackageFormDetails", m.node().getPackageFormDetails()));
    }

    private static List<At<PackageDetailsType>> packages(DrugMonitoringDetails d) {
        return flat(packageForms(d), f -> f.many("PackageDetails", f.node().getPackageDetails()));
    }

    private static List<At<ComponentDetailsType>> components(DrugMonitoringDetails d) {
        return flat(packageForms(d), f -> f.many("ComponentDetails", f.node().getComponentDetails()));
    }

    private static List<At<UnifiedPhysicalMeasureType>> packageMeasures(DrugMonitoringDetails d) {
        return flat(packages(d), p -> p.many("PackageMeasure", p.node().getPackageMeasure()));
    }

    private static List<At<DrugDosageDetailsType>> dosages(DrugMonitoringDetails d) {
        return present(packages(d), p -> p.one("DrugDosageDetails", p.node().getDrugDosageDetails()));
    }

    private static List<At<DrugDosageUnitDetailsType>> dosageUnits(DrugMonitoringDetails d) {
        return present(dosages(d), g -> g.one("DosageUnitDetails", g.node().getDosageUnitDetails()));
    }

    private static List<At<SubstanceDetailsType>> substances(DrugMonitoringDetails d) {
        return flat(dosages(d), g -> g.many("SubstanceDetails", g.node().getSubstanceDetails()));
    }

    private static List<At<SubstanceMeasureType>> substanceMeasures(DrugMonitoringDetails d) {
        return flat(substances(d), s -> s.many("SubstanceMeasure", s.node().getSubstanceMeasure()));
    }

    private static List<At<BusinessEntityDetailsType>> manufacturers(DrugMonitoringDetails d) {
        return present(details(d), m -> m.one("ManufacturingAuthorizationHolderDetailsV2",
                m.node().getManufacturingAuthorizationHolderDetailsV2()));
    }

    private static List<At<BusinessEntityDetailsType>> holders(DrugMonitoringDetails d) {
        return present(details(d), m -> m.one("RegistrationCertificateHolderDetails",
                m.node().getRegistrationCertificateHolderDetails()));
    }

    private static List<At<ConsignmentDetailsType>> consignments(DrugMonitoringDetails d) {
        return flat(details(d), m -> m.many("ConsignmentDetails", m.node().getConsignmentDetails()));
    }

    private static List<At<BusinessEntityDetailsType>> distributors(DrugMonitoringDetails d) {
        return present(consignments(d), k -> k.one("DistributorDetails", k.node().getDistributorDetails()));
    }

    private static At<UnifiedCountryCodeType> country(At<BusinessEntityDetailsType> b) {
        return b.one("UnifiedCountryCode", b.node().getUnifiedCountryCode());
    }

    /** D-32: the item's country code and the country codes of addresses (rules 5 and 6). */
    private static List<At<UnifiedCountryCodeType>> generalCountries(DrugMonitoringDetails d) {
        List<At<UnifiedCountryCodeType>> out = new ArrayList<>();
        for (At<DrugMonitoringItemDetailsType> i : items(d)) {
            out.add(i.one("UnifiedCountryCode", i.node().getUnifiedCountryCode()));
        }
        List<At<BusinessEntityDetailsType>> entities = new ArrayList<>(manufacturers(d));
        entities.addAll(holders(d));
        entities.addAll(distributors(d));
        for (At<BusinessEntityDetailsType> b : entities) {
            b.many("SubjectAddressDetails", b.node().getSubjectAddressDetails())
                    .forEach(a -> out.add(a.one("UnifiedCountryCode", a.node().getUnifiedCountryCode())));
        }
        out.removeIf(a -> !a.present());
        return out;
    }

    /** D-40: csdo:UnifiedCommodityMeasure of consignments and batches, hcsdo:CounterfeitPackageQuantity. */
    private static List<At<UnifiedPhysicalMeasureType>> quantities(DrugMonitoringDetails d) {
        List<At<UnifiedPhysicalMeasureType>> out = new ArrayList<>();
        for (At<ConsignmentDetailsType> k : consignments(d)) {
            out.add(k.one("UnifiedCommodityMeasure", k.node().getUnifiedCommodityMeasure()));
            for (At<BatchDetailsType> b : k.many("BatchDetails", k.node().getBatchDetails())) {
                out.add(b.one("UnifiedCommodityMeasure", b.node().getUnifiedCommodityMeasure()));
            }
        }
        for (At<DrugMonitoringDetailsType> m : details(d)) {
            out.add(m.one("CounterfeitPackageQuantity", m.node().getCounterfeitPackageQuantity()));
        }
        out.removeIf(a -> !a.present());
        return out;
    }

    private static List<At<Image1MBPictureType>> pictures(DrugMonitoringDetails d) {
        List<At<FalsificationSignDetailsType>> signs = flat(details(d),
                m -> m.many("FalsificationSignDetails", m.node().getFalsificationSignDetails()));
        return flat(signs, s -> s.many("FalsificationSignPicture", s.node().getFalsificationSignPicture()));
    }

    private static List<At<OrganizationRestrictionDetailsType>> restrictions(DrugMonitoringDetails d) {
        return present(details(d), m -> m.one("OrganizationRestrictionDetails", m.node().getOrganizationRestrictionDetails()));
    }

    private static List<At<OfficialDocDetailsType>> officialDocs(DrugMonitoringDetails d) {
        List<At<AuthorityActionDetailsType>> actions = flat(items(d),
                i -> i.many("AuthorityActionDetails", i.node().getAuthorityActionDetails()));
        return present(actions, a -> a.one("OfficialDocDetails", a.node().getOfficialDocDetails()));
    }

    private static <A, B> List<At<B>> flat(List<At<A>> in, Function<At<A>, List<At<B>>> f) {
        List<At<B>> out = new ArrayList<>();
        in.forEach(a -> out.addAll(f.apply(a)));
        return out;
    }

    private static <A, B> List<At<B>> present(List<At<A>> in, Function<At<A>, At<B>> f) {
        List<At<B>> out = new ArrayList<>();
        for (At<A> a : in) {
            At<B> b = f.apply(a);
            if (b.present()) {
                out.add(b);
            }
        }
        return out;
    }
}
