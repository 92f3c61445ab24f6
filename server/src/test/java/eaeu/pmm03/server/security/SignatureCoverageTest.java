package eaeu.pmm03.server.security;

import eaeu.pmm03.contract.commission.CommissionPortType;
import eaeu.pmm03.security.wss.WsSecuritySettings;
import org.apache.cxf.ws.addressing.WSAddressingFeature;
import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import org.apache.cxf.frontend.ClientProxy;
import eaeu.pmm03.security.wss.ClientSecurity;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.LinkedHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a signature must cover and with which algorithms; timestamp freshness; WS-Addressing headers signed when
 * present.
 */
class SignatureCoverageTest extends SecureNodeTestBase {

    @Test
    void wsAddressingHeadersAreSignedAndAccepted() {
        serverPolicy("default=require");
        JaxWsProxyFactoryBean f = new JaxWsProxyFactoryBean();
        f.setServiceClass(CommissionPortType.class);
        f.setAddress(url("/commission"));
        f.getFeatures().add(new WSAddressingFeature());
        CommissionPortType kz = (CommissionPortType) f.create();
        ClientSecurity.apply(ClientProxy.getClient(kz), participant("KZ-MOH", "default=sign"), null, null, null, null);
        assertThat(send(kz, include("KZ")).getProcessingResultV2Code()).isEqualTo("INCLUDED");
    }

    @Test
    void anUnsignedWsAddressingHeaderInASignedMessageIsRefused() {
        serverPolicy("default=sign");
        CommissionPortType kz = client("/commission", participant("KZ-MOH", "default=sign"), null, d -> {
            Element header = (Element) d.getDocumentElement().getElementsByTagNameNS("*", "Header").item(0);
            Element action = header.getOwnerDocument().createElementNS("http://www.w3.org/2005/08/addressing", "wsa:Action");
            // the operation's own action (another one is refused before the signature is looked at: D-112)
            action.setTextContent("int://CP/P.MM.03/1.0.0/P.MM.03.PRC.001/P.MM.03.TRN.001/P.MM.03.MSG.001");
            header.appendChild(action);
        }, null);
        assertThat(fault(() -> send(kz, include("KZ")))).startsWith("ERR_SIGNATURE_INVALID").contains("wsa:Action");
    }

    @Test
    void sha1SignaturesAreNotAccepted() {
        serverPolicy("default=sign");
        Map<String, String> m = new LinkedHashMap<>();
        m.put("pmm03.security.keystore.file", PKI.keystore("KZ-MOH").toString());
        m.put("pmm03.security.keystore.password", eaeu.pmm03.security.pki.TestPki.PASSWORD);
        m.put("pmm03.security.keystore.alias", "kz-moh");
        m.put("pmm03.security.truststore.file", PKI.truststore().toString());
        m.put("pmm03.security.truststore.password", eaeu.pmm03.security.pki.TestPki.PASSWORD);
        m.put("pmm03.security.signature-policy.default", "sign");
        m.put("pmm03.security.algorithms.signature", "http://www.w3.org/2000/09/xmldsig#rsa-sha1");
        m.put("pmm03.security.algorithms.digest", "http://www.w3.org/2000/09/xmldsig#sha1");
        CommissionPortType kz = client(WsSecuritySettings.fromMap(m), null);
        assertThat(fault(() -> send(kz, include("KZ")))).startsWith("ERR_SIGNATURE_INVALID").contains("rsa-sha1");
    }

    @Test
    void signedMessagesUseRsaSha256AndSha256Digests() {
        serverPolicy("default=sign");
        java.util.concurrent.atomic.AtomicReference<String> wire = new java.util.concurrent.atomic.AtomicReference<>();
        CommissionPortType kz = client("/commission", participant("KZ-MOH", "default=sign"), "kz", null, wire);
        send(kz, include("KZ"));
        assertThat(wire.get()).contains("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256")
                .contains("http://www.w3.org/2001/04/xmlenc#sha256").doesNotContain("#sha1")
                .contains("BinarySecurityToken").contains("X509v3");
    }

    private static String securityHeaderOnlyTimestamp(Instant created, Instant expires) {
        return """
                <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
                  <soap:Header>
                    <wsse:Security soap:mustUnderstand="1"
                        xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd"
                        xmlns:wsu="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd">
                      <wsu:Timestamp wsu:Id="TS-1"><wsu:Created>%s</wsu:Created><wsu:Expires>%s</wsu:Expires></wsu:Timestamp>
                    </wsse:Security>
                  </soap:Header>
                  <soap:Body><IncludeRecord xmlns="urn:pmm03:ws:Commission:v1.0.0"/></soap:Body>
                </soap:Envelope>""".formatted(created.truncatedTo(ChronoUnit.MILLIS), expires.truncatedTo(ChronoUnit.MILLIS));
    }

    @Test
    void staleTimestampIsRefused() {
        serverPolicy("default=off");
        long before = journaled("ERR_STALE_TIMESTAMP");
        Instant old = Instant.now().minus(2, ChronoUnit.HOURS);
        HttpResponse<String> r = post(securityHeaderOnlyTimestamp(old, old.plus(5, ChronoUnit.MINUTES)));
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).contains("ERR_STALE_TIMESTAMP");
        assertThat(journaled("ERR_STALE_TIMESTAMP")).isEqualTo(before + 1);
    }

    @Test
    void timestampFromTheFutureIsRefused() {
        serverPolicy("default=off");
        Instant future = Instant.now().plus(1, ChronoUnit.HOURS);
        HttpResponse<String> r = post(securityHeaderOnlyTimestamp(future, future.plus(5, ChronoUnit.MINUTES)));
        assertThat(r.body()).contains("ERR_STALE_TIMESTAMP");
    }

    @Test
    void noCredentialsAtAllIsNotAuthenticated() {
        serverPolicy("default=off");
        HttpResponse<String> r = post("""
                <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
                  <soap:Body><IncludeRecord xmlns="urn:pmm03:ws:Commission:v1.0.0"/></soap:Body>
                </soap:Envelope>""");
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).contains("ERR_NOT_AUTHENTICATED");
    }

    @Test
    void wrongPasswordIsNotAuthenticated() {
        serverPolicy("default=off");
        JaxWsProxyFactoryBean f = new JaxWsProxyFactoryBean();
        f.setServiceClass(CommissionPortType.class);
        f.setAddress(url("/commission"));
        CommissionPortType kz = (CommissionPortType) f.create();
        var c = ClientProxy.getClient(kz);
        c.getOutInterceptors().add(new org.apache.cxf.ws.security.wss4j.WSS4JOutInterceptor(
                eaeu.pmm03.security.wss.ClientCredentials.usernameToken("kz", "wrong")));
        assertThat(fault(() -> send(kz, include("KZ")))).startsWith("ERR_NOT_AUTHENTICATED");
    }

    static Document unused() {
        return null;
    }
}
