package eaeu.pmm03.client.cli;

import eaeu.pmm03.client.Dates;
import eaeu.pmm03.contract.drugmonitoring.DrugMonitoringDetails;
import eaeu.pmm03.contract.hccdo.DrugMonitoringDetailsType;
import eaeu.pmm03.contract.hccdo.DrugMonitoringItemDetailsType;
import eaeu.pmm03.contract.hccdo.DrugNameDetailsType;
import eaeu.pmm03.contract.xml.ContractJaxb;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * The CLI's local copy of records: one R.HC.MM.03.001 document per record version, at
 * {@code DIR/<country>/<key>/<StartDateTime>.xml}; a version received again (e.g. now closed) replaces its file.
 */
final class Mirror {

    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private Mirror() {}

    static int export(DrugMonitoringDetails answer, Path dir, PrintStream err, boolean progress, Text t)
            throws IOException {
        int n = 0;
        try (ProgressBar bar = new ProgressBar(err, progress, t.t("writing records", "запись сведений"),
                answer.getDrugMonitoringItemDetails().size())) {
            for (DrugMonitoringItemDetailsType item : answer.getDrugMonitoringItemDetails()) {
                write(answer, item, dir);
                n++;
                bar.step();
            }
        }
        return n;
    }

    static Path write(DrugMonitoringDetails answer, DrugMonitoringItemDetailsType item, Path dir) throws IOException {
        DrugMonitoringDetails one = new DrugMonitoringDetails();
        one.setEDocHeader(answer.getEDocHeader());
        one.getDrugMonitoringItemDetails().add(item);
        String country = item.getUnifiedCountryCode() == null ? "XX" : item.getUnifiedCountryCode().getValue();
        var period = item.getResourceItemStatusDetails() == null ? null
                : item.getResourceItemStatusDetails().getValidityPeriodDetails();
        String start = period == null || period.getStartDateTime() == null ? "unknown"
                : FILE_TIME.format(Dates.instant(period.getStartDateTime()).atOffset(ZoneOffset.UTC));
        Path file = dir.resolve(country).resolve(key(item)).resolve(start + ".xml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, ContractJaxb.toXml(one, true), StandardCharsets.UTF_8);
        return file;
    }

    /** A file-name form of the record key: country, subsection (status), trade name, drug names, official document. */
    static String key(DrugMonitoringItemDetailsType item) {
        StringBuilder sb = new StringBuilder();
        sb.append(item.getUnifiedCountryCode() == null ? "" : item.getUnifiedCountryCode().getValue()).append('|');
        for (DrugMonitoringDetailsType d : item.getDrugMonitoringDetails()) {
            sb.append(d.getStatusLowQualityCode()).append('|').append(d.getDrugTradeName()).append('|');
            for (DrugNameDetailsType n : d.getDrugNameDetails()) {
                sb.append(n.getDrugName()).append(',');
            }
        }
        item.getAuthorityActionDetails().forEach(a -> sb.append('|').append(
                a.getOfficialDocDetails() == null ? "" : a.getOfficialDocDetails().getDocId()));
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 8);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String describe(DrugMonitoringItemDetailsType i) {
        DrugMonitoringDetailsType d = i.getDrugMonitoringDetails().isEmpty() ? null : i.getDrugMonitoringDetails().get(0);
        var p = i.getResourceItemStatusDetails() == null ? null : i.getResourceItemStatusDetails().getValidityPeriodDetails();
        String doc = i.getAuthorityActionDetails().isEmpty() || i.getAuthorityActionDetails().get(0).getOfficialDocDetails() == null
                ? "-" : i.getAuthorityActionDetails().get(0).getOfficialDocDetails().getDocId();
        return String.format("%-2s %-3s %-40s doc %-16s %s … %s",
                i.getUnifiedCountryCode() == null ? "-" : i.getUnifiedCountryCode().getValue(),
                d == null ? "-" : d.getStatusLowQualityCode(),
                d == null || d.getDrugTradeName() == null ? "-" : d.getDrugTradeName(), doc,
                p == null || p.getStartDateTime() == null ? "-" : p.getStartDateTime(),
                p == null || p.getEndDateTime() == null ? "" : p.getEndDateTime());
    }
}
