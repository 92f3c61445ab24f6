package example.consumer;

import eaeu.pmm03.client.ClientSecurityConfigurer;
import eaeu.pmm03.client.CommissionClient;
import eaeu.pmm03.client.Dates;
import eaeu.pmm03.client.Documents;
import eaeu.pmm03.client.Pmm03Client;
import eaeu.pmm03.contract.drugmonitoring.DrugMonitoringDetails;
import eaeu.pmm03.contract.processingresult.ProcessingResultDetails;
import eaeu.pmm03.contract.samples.Samples;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * An integrator's first program with the pmm03 client library: includes a record (MSG.001 → MSG.004 INCLUDED),
 * asks the time of the last update (MSG.005 → MSG.006) and the changes since just before it (MSG.010 → MSG.011),
 * all in java.time.
 */
public final class Consumer {

    public static void main(String[] args) {
        if (args.length != 3) {
            System.out.println("usage: Consumer COMMISSION_URL USER PASSWORD");
            System.out.println("  e.g. Consumer http://localhost:8080/ws/commission kz kz-dev-password");
            System.exit(args.length == 1 && args[0].equals("--help") ? 0 : 2);
        }
        try (Pmm03Client pmm03 = Pmm03Client.builder().commission(args[0])
                .security(ClientSecurityConfigurer.usernameToken(args[1], args[2])).build()) {
            CommissionClient commission = pmm03.commission();
            DrugMonitoringDetails doc = Documents.read(Samples.byFile("dmd-msg001-include.xml").bytes(),
                    DrugMonitoringDetails.class);
            String name = "Consumer-" + UUID.randomUUID().toString().substring(0, 8);
            doc.getDrugMonitoringItemDetails().get(0).getUnifiedCountryCode().setValue("KZ");
            doc.getDrugMonitoringItemDetails().get(0).getDrugMonitoringDetails().get(0).setDrugTradeName(name);
            ProcessingResultDetails r = commission.include(doc);
            OffsetDateTime answered = Dates.offsetDateTime(r.getEDocHeader().getEDocDateTime());
            System.out.println("include: " + r.getProcessingResultV2Code() + " at " + answered);

            Instant last = commission.lastUpdate("KZ").orElseThrow();
            System.out.println("last update: " + last);
            CommissionClient.Records changes = commission.changes(last.minusNanos(1_000), "KZ");
            boolean ours = changes.records() != null && changes.records().getDrugMonitoringItemDetails().stream()
                    .anyMatch(i -> name.equals(i.getDrugMonitoringDetails().get(0).getDrugTradeName()));
            System.out.println("changes: " + changes.messageCode() + ", " + changes.size() + " record(s), ours: " + ours);
        }
    }
}
