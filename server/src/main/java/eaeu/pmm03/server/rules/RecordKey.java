package eaeu.pmm03.server.rules;

import eaeu.pmm03.contract.hccdo.AuthorityActionDetailsType;
import eaeu.pmm03.contract.hccdo.DrugMonitoringDetailsType;
import eaeu.pmm03.contract.hccdo.DrugMonitoringItemDetailsType;
import eaeu.pmm03.contract.hccdo.DrugNameDetailsType;
import eaeu.pmm03.contract.hccdo.OfficialDocDetailsType;
import eaeu.pmm03.contract.hcsdo.DrugCodeType;

import javax.xml.datatype.XMLGregorianCalendar;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Identity of a record of the unified database, as used by table 12 rule 4 (no active record with the same key
 * may exist), table 13 rule 4 (it must exist, D-30) and table 14 rule 2 (it must exist).
 *
 * <p>The requirement names five attributes: country (csdo:UnifiedCountryCode), hcsdo:StatusLowQualityCode,
 * hcsdo:DrugTradeName, hccdo:DrugNameDetails and hccdo:OfficialDocDetails. An item
 * (hccdo:DrugMonitoringItemDetails) may carry several hccdo:DrugMonitoringDetails (1..*) and several
 * hccdo:AuthorityActionDetails (1..*). Decision D-31: one record per item; its key is taken from
 * <ul>
 *   <li>the item's csdo:UnifiedCountryCode,</li>
 *   <li>the FIRST hccdo:DrugMonitoringDetails: hcsdo:StatusLowQualityCode, hcsdo:DrugTradeName and every
 *       non-empty hccdo:DrugNameDetails as {@code code@codeListId:name}, sorted,</li>
 *   <li>the hccdo:OfficialDocDetails of the FIRST hccdo:AuthorityActionDetails: csdo:DocId, csdo:DocCreationDate
 *       (yyyy-MM-dd, without time zone) and csdo:AuthorityName (mandatory in the XSD; csdo:AuthorityId is optional
 *       and therefore not part of the key).</li>
 * </ul>
 * Names (trade name, drug name, authority name) are normalized (Unicode NFC, whitespace collapsed, trimmed,
 * lower case, ё = е); codes and document ids are trimmed, country codes upper-cased.
 * {@link #canonical()} is the stable string form the storage layer uses as the unique key;
 * {@link #hash()} is its SHA-256 (hex) for a fixed-length index column.
 *
 * @param country  country code of the item
 * @param status   hcsdo:StatusLowQualityCode
 * @param tradeName normalized hcsdo:DrugTradeName ("" if absent)
 * @param drugNames normalized, sorted {@code code@codeListId:name} of the non-empty hccdo:DrugNameDetails
 * @param docId    csdo:DocId of the official document
 * @param docDate  csdo:DocCreationDate as yyyy-MM-dd ("" if absent)
 * @param authority normalized csdo:AuthorityName of the official document
 */
public record RecordKey(String country, String status, String tradeName, List<String> drugNames, String docId,
                        String docDate, String authority) {

    /** Version prefix of {@link #canonical()}; change it only together with a data migration. */
    public static final String VERSION = "k1";

    public RecordKey {
        country = Text.code(country).toUpperCase(java.util.Locale.ROOT);
        status = Text.code(status);
        tradeName = Text.name(tradeName);
        drugNames = drugNames == null ? List.of() : drugNames.stream().sorted().toList();
        docId = Text.code(docId);
        docDate = docDate == null ? "" : docDate;
        authority = Text.name(authority);
    }

    /** Key of an item (D-31): its first hccdo:DrugMonitoringDetails and first hccdo:AuthorityActionDetails. */
    public static RecordKey of(DrugMonitoringItemDetailsType item) {
        Objects.requireNonNull(item, "item");
        DrugMonitoringDetailsType first = item.getDrugMonitoringDetails().isEmpty() ? null : item.getDrugMonitoringDetails().get(0);
        AuthorityActionDetailsType action = item.getAuthorityActionDetails().isEmpty() ? null : item.getAuthorityActionDetails().get(0);
        return of(item, first, action == null ? null : action.getOfficialDocDetails());
    }

    /** Key from explicitly chosen parts of an item. */
    public static RecordKey of(DrugMonitoringItemDetailsType item, DrugMonitoringDetailsType details, OfficialDocDetailsType doc) {
        String country = item.getUnifiedCountryCode() == null ? null : item.getUnifiedCountryCode().getValue();
        String status = details == null ? null : details.getStatusLowQualityCode();
        String trade = details == null ? null : details.getDrugTradeName();
        List<String> names = new ArrayList<>();
        if (details != null) {
            for (DrugNameDetailsType n : details.getDrugNameDetails()) {
                String s = drugName(n);
                if (!s.isEmpty()) {
                    names.add(s);
                }
            }
        }
        return new RecordKey(country, status, trade, names,
                doc == null ? null : doc.getDocId(),
                doc == null ? null : date(doc.getDocCreationDate()),
                doc == null ? null : doc.getAuthorityName());
    }

    private static String drugName(DrugNameDetailsType n) {
        DrugCodeType c = n.getDrugCode();
        String code = c == null ? "" : Text.code(c.getValue());
        String list = c == null ? "" : Text.code(c.getCodeListId());
        String name = Text.name(n.getDrugName());
        if (code.isEmpty() && name.isEmpty()) {
            return "";
        }
        return code + "@" + list + ":" + name;
    }

    private static String date(XMLGregorianCalendar d) {
        if (d == null) {
            return null;
        }
        return String.format("%04d-%02d-%02d", d.getYear(), d.getMonth(), d.getDay());
    }

    /**
     * Stable string form: {@code k1|country|status|tradeName|name1;name2|docId|docDate|authority}, each field with
     * {@code \}, {@code |} and {@code ;} escaped by a backslash.
     */
    public String canonical() {
        StringBuilder sb = new StringBuilder(VERSION);
        for (String f : List.of(country, status, tradeName)) {
            sb.append('|').append(esc(f));
        }
        sb.append('|');
        for (int i = 0; i < drugNames.size(); i++) {
            sb.append(i == 0 ? "" : ";").append(esc(drugNames.get(i)));
        }
        for (String f : List.of(docId, docDate, authority)) {
            sb.append('|').append(esc(f));
        }
        return sb.toString();
    }

    /** SHA-256 of {@link #canonical()}, lower-case hex (64 characters). */
    public String hash() {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(canonical().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String esc(String s) {
        return s.replace("\\", "\\\\").replace("|", "\\|").replace(";", "\\;");
    }

    @Override
    public String toString() { return canonical(); }
}
