package eaeu.pmm03.server.portal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eaeu.pmm03.contract.samples.Samples;
import eaeu.pmm03.server.commission.RecordMapper;
import eaeu.pmm03.server.registry.Audience;
import eaeu.pmm03.server.registry.Provenance;
import eaeu.pmm03.server.registry.RecordData;
import eaeu.pmm03.server.registry.RecordVersion;
import eaeu.pmm03.server.registry.TestParticipants;
import eaeu.pmm03.server.registry.UnifiedDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * D-156 / D-157: records of test participants are never published, and the test sandbox and the unified database
 * proper never change each other's records. (The end-to-end run of the conformance suite is ConformanceLeakTest in
 * the tests module.)
 */
class TestRecordsTest extends PortalTestBase {

    @Autowired
    UnifiedDatabase db;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    TestParticipants testParticipants;

    private final ObjectMapper json = new ObjectMapper();

    private static Provenance as(String participant, String message, Audience audience) {
        return new Provenance(participant, UUID.randomUUID().toString(), message, false, audience);
    }

    private RecordVersion write(String item, Provenance by, boolean change) {
        RecordData data = RecordMapper.data(DemoData.jaxb(item), item);
        return tx.execute(s -> change ? db.change(data, by) : db.include(data, by));
    }

    @Test
    void testRecordsAreNeverPublishedAndStayInTheirSandbox() throws Exception {
        assertThat(testParticipants.isTest("KZ-TEST")).isTrue();
        assertThat(testParticipants.isTest("KZ-MOH")).isFalse();
        String sample = demo.items(Samples.byFile("dmd-msg008-maximal.xml").text()).get(0);
        String item = demo.variant(sample, new DemoData.Variant("Sandboxium Testovoe", "Sandboxum", List.of("SBX-0001"),
                "KZ", "03", "KZ-SBX-1", "2026-10-01T10:00:00+05:00", "", null));
        String statsBefore = get("/api/v1/statistics").body();
        RecordVersion v = write(item, as("KZ-TEST", "P.MM.03.MSG.001", testParticipants.audienceOf("KZ-TEST")), false);
        assertThat(v.audience()).isEqualTo(Audience.TEST);

        assertThat(json.readTree(get("/api/v1/records?q=Sandboxium").body()).get("total").asInt()).isZero();
        assertThat(json.readTree(get("/api/v1/records?batch=SBX-0001").body()).get("total").asInt()).isZero();
        assertThat(get("/api/v1/records/" + v.recordId()).statusCode()).isEqualTo(404);
        assertThat(get("/r/" + v.recordId()).statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/records/" + v.recordId() + "/qr.svg").statusCode()).isEqualTo(404);
        JsonNode check = json.readTree(get("/api/v1/pack-check?code=" + enc("(01)04601234567893(10)SBX-0001")).body());
        assertThat(check.get("verdict").asText()).isEqualTo("NOT_FOUND");
        for (String path : List.of("/feed.atom", "/api/v1/export.csv", "/api/v1/export.json", "/api/v1/export.xml")) {
            assertThat(get(path).body()).as(path).doesNotContain("Sandboxium").doesNotContain(v.recordId());
        }
        assertThat(get("/api/v1/statistics").body()).as("statistics count no test record").isEqualTo(statsBefore);

        // D-157: a real authority cannot change a test record ...
        String changed = demo.variant(item, new DemoData.Variant(null, null, List.of("SBX-0001", "SBX-0002"), null, null,
                null, "2026-10-05T10:00:00+05:00", "", null));
        assertThatThrownBy(() -> write(changed, as("KZ-MOH", "P.MM.03.MSG.002", Audience.PUBLIC), true))
                .isInstanceOf(UnifiedDatabase.SandboxException.class);
        // ... the test participant can, and the new version stays test data
        RecordVersion v2 = write(changed, as("KZ-TEST", "P.MM.03.MSG.002", Audience.TEST), true);
        assertThat(v2.audience()).isEqualTo(Audience.TEST);
        assertThat(json.readTree(get("/api/v1/records?batch=SBX-0002").body()).get("total").asInt()).isZero();

        // ... and a test participant cannot change or exclude a published record
        String published = demo.items(Samples.byFile("dmd-msg008-maximal.xml").text()).get(0);
        String publishedItem = demo.variant(published, new DemoData.Variant("Realium", "Realum", List.of("RL-1"), "KZ",
                "03", "KZ-RL-1", "2026-09-01T10:00:00+05:00", "", null));
        write(publishedItem, as("KZ-MOH", "P.MM.03.MSG.001", Audience.PUBLIC), false);
        String publishedChange = demo.variant(publishedItem, new DemoData.Variant(null, null, List.of("RL-1", "RL-2"),
                null, null, null, "2026-09-02T10:00:00+05:00", "", null));
        assertThatThrownBy(() -> write(publishedChange, as("KZ-TEST", "P.MM.03.MSG.002", Audience.TEST), true))
                .isInstanceOf(UnifiedDatabase.SandboxException.class)
                .hasMessageContaining("only test records");
        assertThat(json.readTree(get("/api/v1/records?batch=RL-1").body()).get("total").asInt()).isEqualTo(1);
    }
}
