package eaeu.pmm03.tests;

import eaeu.pmm03.client.ClientSecurityConfigurer;
import eaeu.pmm03.client.Documents;
import eaeu.pmm03.client.EDocHeaders;
import eaeu.pmm03.client.Pmm03Client;
import eaeu.pmm03.client.Pmm03Fault;
import eaeu.pmm03.contract.drugmonitoring.DrugMonitoringDetails;
import eaeu.pmm03.contract.processingresult.ProcessingResultDetails;
import eaeu.pmm03.contract.samples.Samples;
import eaeu.pmm03.contract.xml.ContractJaxb;
import eaeu.pmm03.security.pki.TestPki;
import eaeu.pmm03.server.Pmm03Application;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Signing switched on and off per message by configuration, end to end with the client stub: a Commission node
 * with a TEST PKI generated at test time (its EEC key, the test CA as truststore) and its signature policy in a
 * policy file that the test rewrites (the node re-reads it, as an operator switches a message on); the client
 * signing through {@link ClientSecurityConfigurer#wsSecurity} from a {@code pmm03.security.*} properties file, the
 * library and the command-line tool ({@code --security FILE}). Provenance: the journal and record_version say
 * whether the document was signed.
 */
@SpringBootTest(classes = Pmm03Application.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SignedClientTest {

    private static final Path DIR;
    private static final TestPki.Result PKI;
    private static final Path POLICY;
    /** The client stub's settings: KZ-MOH's key, the test CA, MSG.001 signed. */
    private static final Path KZ_SECURITY;
    private static final AtomicLong STAMP = new AtomicLong(System.currentTimeMillis());

    static {
        try {
            DIR = Files.createTempDirectory("pmm03-signed-client");
            PKI = TestPki.generate(DIR.resolve("pki"));
            POLICY = DIR.resolve("signature-policy.properties");
            Files.writeString(POLICY, "pmm03.security.signature-policy.default=off\n");
            KZ_SECURITY = DIR.resolve("kz-security.properties");
            Files.writeString(KZ_SECURITY, String.join("\n",
                    "pmm03.security.signature-policy.default=off",
                    "pmm03.security.signature-policy.P.MM.03.MSG.001=sign",
                    "pmm03.security.keystore.file=" + PKI.keystore("KZ-MOH").toString().replace("\\", "/"),
                    "pmm03.security.keystore.password=" + TestPki.PASSWORD,
                    "pmm03.security.keystore.alias=" + TestPki.alias("KZ-MOH"),
                    "pmm03.security.truststore.file=" + PKI.truststore().toString().replace("\\", "/"),
                    "pmm03.security.truststore.password=" + TestPki.PASSWORD, ""));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void node(DynamicPropertyRegistry r) {
        r.add("pmm03.db.data-dir", () -> DIR.resolve("mariadb").toString());
        r.add("pmm03.security.signature-policy-file", POLICY::toString);
        r.add("pmm03.security.keystore.file", () -> PKI.keystore("EEC").toString());
        r.add("pmm03.security.keystore.password", () -> TestPki.PASSWORD);
        r.add("pmm03.security.keystore.alias", () -> TestPki.alias("EEC"));
        r.add("pmm03.security.truststore.file", () -> PKI.truststore().toString());
        r.add("pmm03.security.truststore.password", () -> TestPki.PASSWORD);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private String commissionUrl() {
        return "http://localhost:" + port + "/ws/commission";
    }

    /** Rewrites the node's policy file (the node re-reads it on the next message). */
    private static void nodePolicy(String... entries) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String e : entries) {
            sb.append("pmm03.security.signature-policy.").append(e).append('\n');
        }
        Files.writeString(POLICY, sb.toString());
        Files.setLastModifiedTime(POLICY, FileTime.fromMillis(STAMP.addAndGet(1000)));
    }

    private Pmm03Client signing() throws IOException {
        return Pmm03Client.builder().commission(commissionUrl())
                .security(ClientSecurityConfigurer.wsSecurity(KZ_SECURITY, "kz", "kz-dev-password")).build();
    }

    private Pmm03Client unsigned() {
        return Pmm03Client.builder().commission(commissionUrl())
                .security(ClientSecurityConfigurer.usernameToken("kz", "kz-dev-password")).build();
    }

    private static DrugMonitoringDetails include() {
        DrugMonitoringDetails doc = Documents.read(Samples.byFile("dmd-msg001-include.xml").bytes(),
                DrugMonitoringDetails.class);
        doc.getDrugMonitoringItemDetails().get(0).getUnifiedCountryCode().setValue("KZ");
        doc.getDrugMonitoringItemDetails().get(0).getDrugMonitoringDetails().get(0)
                .setDrugTradeName("ЭЦП-" + UUID.randomUUID().toString().substring(0, 8));
        doc.setEDocHeader(EDocHeaders.of("MSG.001").build());
        return doc;
    }

    /** record_version.signed of the version created by the document. */
    private boolean recordSigned(String edocId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT signed FROM record_version WHERE created_by_edoc_id = ?", Boolean.class, edocId));
    }

    /** message_journal.signed of the inbound message with that EDocId. */
    private boolean journalSigned(String edocId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT signed FROM message_journal WHERE edoc_id = ?"
                + " AND direction = 'IN' ORDER BY id LIMIT 1", Boolean.class, edocId));
    }

    @Test
    @Order(1)
    void requireForMsg001_theSigningClientIncludes_theUnsignedClientGetsErrSignatureMissing() throws Exception {
        nodePolicy("default=off", "P.MM.03.MSG.001=require");
        try (Pmm03Client kz = signing()) {
            DrugMonitoringDetails doc = include();
            ProcessingResultDetails r = kz.commission().include(doc);
            assertThat(r.getProcessingResultV2Code()).as(r.getDescriptionText()).isEqualTo("INCLUDED");
            String edocId = doc.getEDocHeader().getEDocId();
            assertThat(recordSigned(edocId)).as("record_version.signed").isTrue();
            assertThat(journalSigned(edocId)).as("message_journal.signed").isTrue();
            // MSG.005 is not governed: the same client sends it unsigned, and it is answered
            assertThat(kz.commission().updateTime("KZ")).isNotNull();
        }
        try (Pmm03Client kz = unsigned()) {
            assertThatThrownBy(() -> kz.commission().include(include())).isInstanceOfSatisfying(Pmm03Fault.class,
                    f -> {
                        assertThat(f.resultCode()).isEqualTo("ERR_SIGNATURE_MISSING");
                        assertThat(f.getMessage()).startsWith("ERR_SIGNATURE_MISSING");
                    });
        }
    }

    @Test
    @Order(2)
    void policySwitchedOffByThePolicyFile_unsignedIncludesAgainAndIsRecordedUnsigned() throws Exception {
        nodePolicy("default=off", "P.MM.03.MSG.001=require");
        try (Pmm03Client kz = unsigned()) {
            assertThatThrownBy(() -> kz.commission().include(include())).isInstanceOf(Pmm03Fault.class);
        }
        nodePolicy("default=off"); // switched off: no restart, no release
        try (Pmm03Client kz = unsigned()) {
            DrugMonitoringDetails doc = include();
            ProcessingResultDetails r = kz.commission().include(doc);
            assertThat(r.getProcessingResultV2Code()).as(r.getDescriptionText()).isEqualTo("INCLUDED");
            assertThat(recordSigned(doc.getEDocHeader().getEDocId())).as("record_version.signed").isFalse();
            assertThat(journalSigned(doc.getEDocHeader().getEDocId())).as("message_journal.signed").isFalse();
        }
        // a signed message is still welcome under off (verified), and recorded as signed
        try (Pmm03Client kz = signing()) {
            DrugMonitoringDetails doc = include();
            assertThat(kz.commission().include(doc).getProcessingResultV2Code()).isEqualTo("INCLUDED");
            assertThat(recordSigned(doc.getEDocHeader().getEDocId())).isTrue();
        }
    }

    @Test
    @Order(3)
    void commandLineToolSignsWithSecurityFile() throws Exception {
        nodePolicy("default=off", "P.MM.03.MSG.001=require");
        DrugMonitoringDetails d = include();
        d.setEDocHeader(null);
        Path file = DIR.resolve("cli-" + UUID.randomUUID() + ".xml");
        Files.writeString(file, ContractJaxb.toXml(d, true));
        Cli plain = Cli.as(commissionUrl(), "http://unused", "kz", "include", file.toString());
        assertThat(plain.exit()).as(plain.toString()).isEqualTo(5); // refused by WS-Security
        assertThat(plain.err()).contains("ERR_SIGNATURE_MISSING");
        // the certificate alone identifies KZ-MOH: no --user needed
        Cli signed = Cli.run("--endpoint", commissionUrl(), "--security", KZ_SECURITY.toString(),
                "include", file.toString());
        assertThat(signed.exit()).as(signed.toString()).isZero();
        assertThat(signed.out()).startsWith("MSG.004 INCLUDED");
        Cli missing = Cli.run("--endpoint", commissionUrl(), "--security", DIR.resolve("nope.properties").toString(),
                "include", file.toString());
        assertThat(missing.exit()).as(missing.toString()).isEqualTo(6);
    }
}
