package eaeu.pmm03.server.security;

import eaeu.pmm03.contract.commission.CommissionPortType;
import eaeu.pmm03.contract.commission.IncludeRecord;
import eaeu.pmm03.security.pki.TestPki;
import eaeu.pmm03.security.wss.ClientSecurity;
import eaeu.pmm03.security.wss.WsSecuritySettings;
import eaeu.pmm03.server.TestDocuments;
import org.apache.cxf.frontend.ClientProxy;
import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Optional mutual TLS (Spring Boot's server.ssl.* with client-auth need, the test CA as trust store): a participant's
 * TLS client certificate identifies it like its signing certificate, and must agree with the UsernameToken.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MutualTlsTest {

    static final Path DIR;
    static final TestPki.Result PKI;

    static {
        try {
            DIR = Files.createTempDirectory("pmm03-mtls-test");
            PKI = TestPki.generate(DIR.resolve("pki"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void tls(DynamicPropertyRegistry r) {
        r.add("pmm03.db.data-dir", () -> DIR.resolve("mariadb").toString());
        r.add("server.ssl.enabled", () -> "true");
        r.add("server.ssl.key-store", () -> PKI.tls().toString());
        r.add("server.ssl.key-store-type", () -> "PKCS12");
        r.add("server.ssl.key-store-password", () -> TestPki.PASSWORD);
        r.add("server.ssl.key-alias", () -> "localhost-tls");
        r.add("server.ssl.trust-store", () -> PKI.truststore().toString());
        r.add("server.ssl.trust-store-type", () -> "PKCS12");
        r.add("server.ssl.trust-store-password", () -> TestPki.PASSWORD);
        r.add("server.ssl.client-auth", () -> "need");
        r.add("pmm03.security.truststore.file", () -> PKI.truststore().toString());
        r.add("pmm03.security.truststore.password", () -> TestPki.PASSWORD);
    }

    @LocalServerPort
    int port;

    private CommissionPortType client(String participant, String user) {
        JaxWsProxyFactoryBean f = new JaxWsProxyFactoryBean();
        f.setServiceClass(CommissionPortType.class);
        f.setAddress("https://localhost:" + port + "/ws/commission");
        CommissionPortType c = (CommissionPortType) f.create();
        WsSecuritySettings s = WsSecuritySettings.fromMap(Map.of(
                "pmm03.security.keystore.file", PKI.keystore(participant).toString(),
                "pmm03.security.keystore.password", TestPki.PASSWORD,
                "pmm03.security.keystore.alias", TestPki.alias(participant),
                "pmm03.security.truststore.file", PKI.truststore().toString(),
                "pmm03.security.truststore.password", TestPki.PASSWORD));
        var client = ClientProxy.getClient(c);
        ClientSecurity.apply(client, s, user, user == null ? null : user + "-dev-password", null, null);
        ClientSecurity.tls(client, s);
        return c;
    }

    private static IncludeRecord include(String country) {
        IncludeRecord r = new IncludeRecord();
        r.setDrugMonitoringDetails(TestDocuments.record("MSG.001", country, "TLS-" + UUID.randomUUID(), "Приказ-TLS",
                Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS), null));
        return r;
    }

    @Test
    void theTlsClientCertificateIdentifiesTheParticipant() {
        // no UsernameToken, no signature: the TLS client certificate alone says KZ-MOH
        CommissionPortType kz = client("KZ-MOH", null);
        assertThat(kz.includeRecord(include("KZ")).getProcessingResultDetails().getProcessingResultV2Code())
                .isEqualTo("INCLUDED");
        assertThat(kz.includeRecord(include("RU")).getProcessingResultDetails().getProcessingResultV2Code())
                .isEqualTo("ERR_NOT_AUTHORIZED");
    }

    @Test
    void tlsCertificateAndUsernameTokenMustNameTheSameParticipant() {
        CommissionPortType mixed = client("KZ-MOH", "ru");
        assertThatThrownBy(() -> mixed.includeRecord(include("RU"))).hasMessageStartingWith("ERR_NOT_AUTHENTICATED");
    }

    @Test
    void withoutAClientCertificateTheHandshakeFails() {
        JaxWsProxyFactoryBean f = new JaxWsProxyFactoryBean();
        f.setServiceClass(CommissionPortType.class);
        f.setAddress("https://localhost:" + port + "/ws/commission");
        CommissionPortType c = (CommissionPortType) f.create();
        WsSecuritySettings trustOnly = WsSecuritySettings.fromMap(Map.of(
                "pmm03.security.truststore.file", PKI.truststore().toString(),
                "pmm03.security.truststore.password", TestPki.PASSWORD));
        ClientSecurity.tls(ClientProxy.getClient(c), trustOnly);
        assertThatThrownBy(() -> c.includeRecord(include("KZ"))).isInstanceOf(jakarta.xml.ws.WebServiceException.class);
    }
}
