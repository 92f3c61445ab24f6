package eaeu.pmm03.server;

import eaeu.pmm03.contract.ccdo.EDocHeaderType;
import eaeu.pmm03.contract.ccdo.PeriodDetailsType;
import eaeu.pmm03.contract.ccdo.ResourceItemStatusDetailsType;
import eaeu.pmm03.contract.ccdo.BusinessEntityDetailsType;
import eaeu.pmm03.contract.csdo.UnifiedCountryCodeType;
import eaeu.pmm03.contract.csdo.UnifiedPhysicalMeasureType;
import eaeu.pmm03.contract.drugmonitoring.DrugMonitoringDetails;
import eaeu.pmm03.contract.hccdo.AuthorityActionDetailsType;
import eaeu.pmm03.contract.hccdo.DrugMonitoringDetailsType;
import eaeu.pmm03.contract.hccdo.DrugMonitoringItemDetailsType;
import eaeu.pmm03.contract.hccdo.FalsificationSignDetailsType;
import eaeu.pmm03.contract.hccdo.OfficialDocDetailsType;
import eaeu.pmm03.contract.hccdo.OrganizationRestrictionDetailsType;
import eaeu.pmm03.contract.hccdo.PackageDetailsType;
import eaeu.pmm03.contract.hccdo.PackageFormDetailsType;
import eaeu.pmm03.contract.resourcestatus.ResourceStatusDetails;
import eaeu.pmm03.server.commission.Times;
import eaeu.pmm03.contract.samples.Samples;
import eaeu.pmm03.contract.xml.ContractJaxb;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.UUID;

/** Builds valid P.MM.03 documents for server tests (a falsified batch of one authority). */
public final class TestDocuments {

    private TestDocuments() {}

    public static EDocHeaderType header(String msg, String structure) {
        EDocHeaderType h = new EDocHeaderType();
        h.setInfEnvelopeCode("P.MM.03." + msg);
        h.setEDocCode(structure);
        h.setEDocId(UUID.randomUUID().toString());
        h.setEDocDateTime(Times.now());
        h.setLanguageCode("ru");
        return h;
    }

    public static UnifiedCountryCodeType country(String c) {
        UnifiedCountryCodeType cc = new UnifiedCountryCodeType();
        cc.setValue(c);
        cc.setCodeListId("P.CLS.019");
        return cc;
    }

    /**
     * MSG.001 (include), MSG.002 (change) or MSG.003 (exclude) of one record: the rule-conformant sample
     * dmd-msg001-include.xml with the given country, trade name, official document number and validity period.
     */
    public static DrugMonitoringDetails record(String msg, String country, String tradeName, String docId,
                                               Instant start, Instant end) {
        DrugMonitoringDetails d = ContractJaxb.fromDom(parse(Samples.byFile("dmd-msg001-include.xml").bytes()),
                DrugMonitoringDetails.class);
        d.setEDocHeader(header(msg, "R.HC.MM.03.001"));
        DrugMonitoringItemDetailsType item = d.getDrugMonitoringItemDetails().get(0);
        item.setUnifiedCountryCode(country(country));
        item.getDrugMonitoringDetails().get(0).setDrugTradeName(tradeName);
        item.getAuthorityActionDetails().get(0).getOfficialDocDetails().setDocId(docId);
        PeriodDetailsType p = item.getResourceItemStatusDetails().getValidityPeriodDetails();
        p.setStartDateTime(Times.xml(start));
        p.setEndDateTime(Times.xml(end));
        return d;
    }

    public static org.w3c.dom.Document parse(byte[] xml) {
        try {
            return new eaeu.pmm03.security.xml.HardenedXml(eaeu.pmm03.security.xml.XmlLimits.defaults())
                    .parse(new java.io.ByteArrayInputStream(xml));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static UnifiedPhysicalMeasureType measure(String value, String unit) {
        UnifiedPhysicalMeasureType m = new UnifiedPhysicalMeasureType();
        m.setValue(new BigDecimal(value));
        m.setMeasurementUnitCode(unit);
        m.setMeasurementUnitCodeListId("P.CLS.009");
        return m;
    }

    /** MSG.005, MSG.007 or MSG.010 with an optional date and countries. */
    public static ResourceStatusDetails query(String msg, Instant at, String... countries) {
        ResourceStatusDetails r = new ResourceStatusDetails();
        r.setEDocHeader(header(msg, "R.007"));
        r.setUpdateDateTime(Times.xml(at));
        for (String c : countries) {
            r.getUnifiedCountryCode().add(country(c));
        }
        return r;
    }
}
