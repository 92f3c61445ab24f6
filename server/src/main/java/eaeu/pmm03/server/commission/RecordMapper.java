package eaeu.pmm03.server.commission;

import eaeu.pmm03.contract.hccdo.AuthorityActionDetailsType;
import eaeu.pmm03.contract.hccdo.DrugMonitoringDetailsType;
import eaeu.pmm03.contract.hccdo.DrugMonitoringItemDetailsType;
import eaeu.pmm03.contract.hccdo.DrugNameDetailsType;
import eaeu.pmm03.contract.hccdo.OfficialDocDetailsType;
import eaeu.pmm03.server.registry.RecordData;
import eaeu.pmm03.server.registry.RecordKey;

import java.text.Normalizer;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * From one hccdo:DrugMonitoringItemDetails to what the unified database stores: its key (decision D-31) and
 * searchable fields.
 */
public final class RecordMapper {

    private RecordMapper() {}

    /**
     * The record key of table 12 rule 4: country, subsection code (StatusLowQualityCode), trade name, drug name
     * details, official document. An item holds 1..* DrugMonitoringDetails and 1..* AuthorityActionDetails; the key
     * takes all of them in document order, so two items are the same record exactly when all these values agree.
     * Names are compared case- and space-insensitively (Unicode NFKC, lower case, single spaces).
     */
    public static RecordKey key(DrugMonitoringItemDetailsType item) {
        StringBuilder sb = new StringBuilder();
        sb.append("country=").append(item.getUnifiedCountryCode() == null ? "" : item.getUnifiedCountryCode().getValue());
        for (DrugMonitoringDetailsType d : item.getDrugMonitoringDetails()) {
            sb.append("|status=").append(nz(d.getStatusLowQualityCode()));
            sb.append("|trade=").append(norm(d.getDrugTradeName()));
            for (DrugNameDetailsType n : d.getDrugNameDetails()) {
                sb.append("|drug=").append(n.getDrugCode() == null ? "" : n.getDrugCode().getCodeListId() + ":"
                        + n.getDrugCode().getValue()).append("/").append(norm(n.getDrugName()));
            }
        }
        for (AuthorityActionDetailsType a : item.getAuthorityActionDetails()) {
            OfficialDocDetailsType doc = a.getOfficialDocDetails();
            if (doc != null) {
                sb.append("|doc=").append(norm(doc.getDocId())).append("/")
                        .append(doc.getDocCreationDate() == null ? "" : doc.getDocCreationDate().toXMLFormat())
                        .append("/").append(norm(doc.getAuthorityName()));
            }
        }
        return new RecordKey(sb.toString());
    }

    public static RecordData data(DrugMonitoringItemDetailsType item, String itemXml) {
        DrugMonitoringDetailsType first = item.getDrugMonitoringDetails().get(0);
        String drugNames = item.getDrugMonitoringDetails().stream()
                .flatMap(d -> d.getDrugNameDetails().stream())
                .map(DrugNameDetailsType::getDrugName).filter(Objects::nonNull).distinct()
                .collect(Collectors.joining("; "));
        return new RecordData(key(item), item.getUnifiedCountryCode().getValue(), first.getStatusLowQualityCode(),
                first.getDrugTradeName(), cut(drugNames, 1000), start(item), end(item), itemXml);
    }

    public static Instant start(DrugMonitoringItemDetailsType item) {
        var s = item.getResourceItemStatusDetails();
        return s == null || s.getValidiatyPeriodDetails() == null ? null
                : Times.instant(s.getValidiatyPeriodDetails().getStartDateTime());
    }

    public static Instant end(DrugMonitoringItemDetailsType item) {
        var s = item.getResourceItemStatusDetails();
        return s == null || s.getValidiatyPeriodDetails() == null ? null
                : Times.instant(s.getValidiatyPeriodDetails().getEndDateTime());
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    static String norm(String s) {
        if (s == null) {
            return "";
        }
        return Normalizer.normalize(s, Normalizer.Form.NFKC).trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
