package eaeu.pmm03.server.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eaeu.pmm03.contract.commission.CommissionPortType;
import eaeu.pmm03.contract.commission.IncludeRecord;
import eaeu.pmm03.contract.drugmonitoring.DrugMonitoringDetails;
import eaeu.pmm03.contract.hccdo.DrugMonitoringDetailsType;
import eaeu.pmm03.contract.processingresult.ProcessingResultDetails;
import eaeu.pmm03.security.wss.ClientCredentials;
import eaeu.pmm03.server.classifier.TestClassifiers;
import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import org.apache.cxf.ws.security.wss4j.WSS4JOutInterceptor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * D-144 over the real service: a node started with {@code pmm03.classifiers.dir} (the test versions of
 * src/test/resources/classifiers) checks codes against the loaded versions (ERR_CLASSIFIER naming the classifier
 * and version), decides «другое» from the loaded version (table 12, rule 46, D-33), and shows what it loaded
 * (/api/v1/classifiers, the portal page). Its own embedded MariaDB in its own data directory.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ClassifierFilesOverSoapTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) throws Exception {
        Path data = Files.createTempDirectory("pmm03-classifier-test-db");
        r.add("pmm03.db.data-dir", () -> data.resolve("mariadb").toString());
        r.add("pmm03.classifiers.dir", () -> TestClassifiers.dir().toString());
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private ProcessingResultDetails include(DrugMonitoringDetails d) {
        JaxWsProxyFactoryBean f = new JaxWsProxyFactoryBean();
        f.setServiceClass(CommissionPortType.class);
        f.setAddress("http://localhost:" + port + "/ws/commission");
        f.getOutInterceptors().add(new WSS4JOutInterceptor(ClientCredentials.usernameToken("kz", "kz-dev-password")));
        IncludeRecord r = new IncludeRecord();
        r.setDrugMonitoringDetails(d);
        return ((CommissionPortType) f.create()).includeRecord(r).getProcessingResultDetails();
    }

    private static DrugMonitoringDetails base(String tradeName) {
        DrugMonitoringDetails d = Docs.monitoring(Docs.MSG001);
        d.getEDocHeader().setEDocId(UUID.randomUUID().toString());
        det(d).setDrugTradeName(tradeName);
        return d;
    }

    private static DrugMonitoringDetailsType det(DrugMonitoringDetails d) {
        return d.getDrugMonitoringItemDetails().get(0).getDrugMonitoringDetails().get(0);
    }

    private int versions(String tradeName) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM record_version WHERE trade_name = ?", Integer.class, tradeName);
        return n == null ? 0 : n;
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new ObjectMapper().readTree(r.body());
    }

    @Test
    void aCodeMissingFromTheLoadedVersionIsErrClassifierNamingIt_andNothingIsStored() {
        String name = "Классификатор-" + UUID.randomUUID().toString().substring(0, 8);
        DrugMonitoringDetails d = base(name);
        det(d).getLowQualityDetails().get(0).setLowQualityCode("77");
        ProcessingResultDetails r = include(d);
        assertThat(r.getProcessingResultV2Code()).as(r.getDescriptionText()).isEqualTo("ERR_CLASSIFIER");
        assertThat(r.getDescriptionText()).contains("P.MM.03.CLS.001").contains("test-1").contains("'77'")
                .contains("LowQualityCode").contains("отсутствует в классификаторе");
        assertThat(versions(name)).isZero();
    }

    @Test
    void otherIsTheLoadedVersionsEntryNamedDrugoe_rule46() {
        DrugMonitoringDetails d = base("Другое-" + UUID.randomUUID().toString().substring(0, 8));
        det(d).getLowQualityDetails().get(0).setLowQualityCode("99");
        det(d).getLowQualityDetails().get(0).setLowQualityName(null);
        ProcessingResultDetails r = include(d);
        assertThat(r.getProcessingResultV2Code()).as(r.getDescriptionText()).isEqualTo("ERR_RULE");
        assertThat(r.getDescriptionText()).startsWith("Table 12, rule 46:");
    }

    @Test
    void aDocumentWhoseCodesAreInTheLoadedVersionsIsIncluded() {
        String name = "Коды-" + UUID.randomUUID().toString().substring(0, 8);
        ProcessingResultDetails r = include(base(name));
        assertThat(r.getProcessingResultV2Code()).as(r.getDescriptionText()).isEqualTo("INCLUDED");
        assertThat(versions(name)).isEqualTo(1);
    }

    @Test
    void theApiAndThePortalShowWhatIsLoaded() throws Exception {
        JsonNode all = get("/api/v1/classifiers");
        assertThat(all.path("directory").asText()).isEqualTo(TestClassifiers.dir().toString());
        assertThat(all.path("lastError").isNull()).isTrue();
        JsonNode lq = null;
        for (JsonNode c : all.path("classifiers")) {
            if (c.path("designation").asText().equals("P.MM.03.CLS.001")) {
                lq = c;
            }
        }
        assertThat(lq).isNotNull();
        assertThat(lq.path("version").asText()).isEqualTo("test-1");
        assertThat(lq.path("source").asText()).isEqualTo("P.MM.03.CLS.001.csv");
        assertThat(lq.path("validFrom").asText()).isEqualTo("2020-01-01");
        assertThat(lq.path("size").asInt()).isEqualTo(6);
        assertThat(all.path("files")).hasSize(5).allSatisfy(f -> assertThat(f.path("inUse").asBoolean()).isTrue());

        JsonNode one = get("/api/v1/classifiers/P.MM.03.CLS.001");
        assertThat(one.path("entries").findValuesAsText("code")).contains("01", "99");

        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/portal/classifiers.html")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("data-page=\"classifiers\"").contains("/api/v1/classifiers");
    }
}
