package eaeu.pmm03.tests;

import eaeu.pmm03.client.ClientSecurityConfigurer;
import eaeu.pmm03.client.CommissionClient;
import eaeu.pmm03.client.Documents;
import eaeu.pmm03.client.EDocHeaders;
import eaeu.pmm03.client.Pmm03Client;
import eaeu.pmm03.client.Pmm03Fault;
import eaeu.pmm03.client.Results;
import eaeu.pmm03.contract.drugmonitoring.DrugMonitoringDetails;
import eaeu.pmm03.contract.processingresult.ProcessingResultDetails;
import eaeu.pmm03.contract.samples.Samples;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The library example of docs/integrators.md, against a node: synchronous and asynchronous calls, faults. */
class ClientLibraryExampleTest extends NodeTestBase {

    @Test
    void theReadmeExampleWorks() {
        try (Pmm03Client pmm03 = Pmm03Client.builder().commission(commissionUrl())
                .security(ClientSecurityConfigurer.usernameToken("kz", "kz-dev-password")).build()) {
            DrugMonitoringDetails doc = Documents.read(Samples.byFile("dmd-msg001-include.xml").bytes(), DrugMonitoringDetails.class);
            String name = "Lib-" + UUID.randomUUID().toString().substring(0, 8);
            doc.getDrugMonitoringItemDetails().get(0).getUnifiedCountryCode().setValue("KZ");
            doc.getDrugMonitoringItemDetails().get(0).getDrugMonitoringDetails().get(0).setDrugTradeName(name);
            doc.setEDocHeader(EDocHeaders.of("MSG.001").build());
            ProcessingResultDetails r = pmm03.commission().include(doc);
            assertThat(r.getProcessingResultV2Code()).as(r.getDescriptionText()).isEqualTo("INCLUDED");
            assertThat(r.getEDocHeader().getEDocRefId()).isEqualTo(doc.getEDocHeader().getEDocId());

            doc.setEDocHeader(null); // a new header is made when sent
            CompletableFuture<ProcessingResultDetails> again = pmm03.commission().includeAsync(doc);
            ProcessingResultDetails dup = again.join();
            assertThat(dup.getProcessingResultV2Code()).isEqualTo("ERR_RULE");
            assertThat(Results.rule(dup.getDescriptionText())).isEqualTo("table 12, rule 4");
            assertThat(doc.getEDocHeader().getInfEnvelopeCode()).isEqualTo("P.MM.03.MSG.001");

            CommissionClient.Records now = pmm03.commission().recordsAsync("KZ").join();
            assertThat(now.messageCode()).isEqualTo("P.MM.03.MSG.008");
            assertThat(now.records().getDrugMonitoringItemDetails())
                    .anyMatch(i -> name.equals(i.getDrugMonitoringDetails().get(0).getDrugTradeName()));
            assertThat(pmm03.commission().changes(OffsetDateTime.now().plusDays(1), "KZ").noData()
                    .getProcessingResultV2Code()).isEqualTo("NO_DATA");

            // java.time in, java.time out (D-202): the last update is our inclusion; the changes since a
            // microsecond before it (an Instant is sent to the microsecond) hold our record
            Instant last = pmm03.commission().lastUpdate("KZ").orElseThrow();
            assertThat(last).isBetween(Instant.now().minusSeconds(600), Instant.now());
            CommissionClient.Records since = pmm03.commission().changes(last.minusNanos(1_000), "KZ");
            assertThat(since.messageCode()).isEqualTo("P.MM.03.MSG.011");
            assertThat(since.records().getDrugMonitoringItemDetails())
                    .anyMatch(i -> name.equals(i.getDrugMonitoringDetails().get(0).getDrugTradeName()));
        }
    }

    @Test
    void faultsCarryTheResultCodeAndTheR006Detail() {
        try (Pmm03Client eec = Pmm03Client.builder().commission(commissionUrl() + "12").soap12(true)
                .security(ClientSecurityConfigurer.usernameToken("eec", "eec-dev-password")).build()) {
            assertThatThrownBy(() -> eec.commission().updateTime()).isInstanceOfSatisfying(Pmm03Fault.class, f -> {
                assertThat(f.resultCode()).isEqualTo("ERR_NOT_AUTHORIZED");
                assertThat(f.detail()).isNotNull();
                assertThat(f.detail().getProcessingResultV2Code()).isEqualTo("ERR_NOT_AUTHORIZED");
            });
        }
        try (Pmm03Client eec = Pmm03Client.builder().commission(commissionUrl())
                .security(ClientSecurityConfigurer.usernameToken("eec", "eec-dev-password")).build()) {
            assertThatThrownBy(() -> eec.commission().updateTime()).isInstanceOfSatisfying(Pmm03Fault.class,
                    f -> assertThat(f.resultCode()).isEqualTo("ERR_NOT_AUTHORIZED"));
        }
    }
}
