package eaeu.pmm03.server.commission;

import eaeu.pmm03.contract.hccdo.DrugMonitoringDetailsType;
import eaeu.pmm03.contract.hccdo.DrugMonitoringItemDetailsType;
import eaeu.pmm03.contract.hccdo.DrugNameDetailsType;
import eaeu.pmm03.server.registry.RecordData;
import eaeu.pmm03.server.rules.RecordKey;

import java.time.Instant;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * From one hccdo:DrugMonitoringItemDetails to what the unified database stores: its key (decision D-31) and
 * searchable fields.
 */
public final class RecordMapper {

    private RecordMapper() {}

    /** The record key of table 12 rule 4 / table 13 rule 4 / table 14 rule 2 (decision D-31). */
    public static RecordKey key(DrugMonitoringItemDetailsType item) {
        return RecordKey.of(item);
    }

    public static RecordData data(DrugMonitoringItemDetailsType item, String itemXml) {
        return data(item, itemXml, eaeu.pmm03.server.transport.ExportForm.of(itemXml), null);
    }

    /**
     * What is stored of an item that arrived in a request: its export form made from the request's DOM, which also
     * gives the portal its search facts, instead of parsing the stored text again (decision D-234).
     */
    public static RecordData data(DrugMonitoringItemDetailsType item, String itemXml, org.w3c.dom.Element element) {
        return data(item, itemXml, eaeu.pmm03.server.transport.ExportForm.of(element, itemXml.length()), element);
    }

    private static RecordData data(DrugMonitoringItemDetailsType item, String itemXml, String exportForm,
                                   org.w3c.dom.Element element) {
        DrugMonitoringDetailsType first = item.getDrugMonitoringDetails().get(0);
        String drugNames = item.getDrugMonitoringDetails().stream()
                .flatMap(d -> d.getDrugNameDetails().stream())
                .map(DrugNameDetailsType::getDrugName).filter(Objects::nonNull).distinct()
                .collect(Collectors.joining("; "));
        return new RecordData(key(item), item.getUnifiedCountryCode().getValue(), first.getStatusLowQualityCode(),
                first.getDrugTradeName(), cut(drugNames, 1000), start(item), end(item), itemXml, exportForm, element);
    }

    public static Instant start(DrugMonitoringItemDetailsType item) {
        var s = item.getResourceItemStatusDetails();
        return s == null || s.getValidityPeriodDetails() == null ? null
                : Times.instant(s.getValidityPeriodDetails().getStartDateTime());
    }

    public static Instant end(DrugMonitoringItemDetailsType item) {
        var s = item.getResourceItemStatusDetails();
        return s == null || s.getValidityPeriodDetails() == null ? null
                : Times.instant(s.getValidityPeriodDetails().getEndDateTime());
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
