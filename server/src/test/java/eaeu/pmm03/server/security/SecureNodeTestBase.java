package eaeu.pmm03.server.security;

import eaeu.pmm03.contract.commission.CommissionPortType;
import eaeu.pmm03.contract.commission.IncludeRecord;
import eaeu.pmm03.contract.processingresult.ProcessingResultDetails;
import eaeu.pmm03.security.pki.TestPki;
import eaeu.pmm03.security.wss.ClientSecurity;
import eaeu.pmm03.security.wss.WsSecuritySettings;
import eaeu.pmm03.server.TestDocuments;
import jakarta.xml.soap.SOAPMessage;
import jakarta.xml.ws.soap.SOAPFaultException;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.frontend.ClientProxy;
import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import org.apache.cxf.phase.Phase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.w3c.dom.Document;

import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * A Commission node with XML signatures configured: a TEST-ONLY PKI generated at build time (TestPki), the EEC key
 * to sign answers, the test CA as truststore, and the signature policy in a file that the tests rewrite — the node
 * re-reads it, exactly as an operator switches a message on. Its own embedded MariaDB data directory.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class SecureNodeTestBase {

    protected static final Path DIR;
    protected static final TestPki.Result PKI;
    protected static final Path POLICY;
    private static final AtomicLong STAMP = new AtomicLong(System.currentTimeMillis());

    static {
        try {
            DIR = Files.createTempDirectory("pmm03-security-test");
            PKI = TestPki.generate(DIR.resolve("pki"));
            POLICY = DIR.resolve("signature-policy.properties");
            Files.writeString(POLICY, "pmm03.security.signature-policy.default=off\n");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void security(DynamicPropertyRegistry r) {
        r.add("pmm03.db.data-dir", () -> DIR.resolve("mariadb").toString());
        r.add("pmm03.security.signature-policy-file", POLICY::toString);
        r.add("pmm03.security.keystore.file", () -> PKI.keystore("EEC").toString());
        r.add("pmm03.security.keystore.password", () -> TestPki.PASSWORD);
        r.add("pmm03.security.keystore.alias", () -> TestPki.alias("EEC"));
        r.add("pmm03.security.truststore.file", () -> PKI.truststore().toString());
        r.add("pmm03.security.truststore.password", () -> TestPki.PASSWORD);
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcTemplate jdbc;

    protected String url(String path) {
        return "http://localhost:" + port + "/ws" + path;
    }

    /** Rewrites the node's policy file ("default=require", "P.MM.03.MSG.001=sign", …). */
    protected static void serverPolicy(String... entries) {
        try {
            StringBuilder sb = new StringBuilder();
            for (String e : entries) {
                sb.append("pmm03.security.signature-policy.").append(e).append('\n');
            }
            Files.writeString(POLICY, sb.toString());
            Files.setLastModifiedTime(POLICY, FileTime.fromMillis(STAMP.addAndGet(1000)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Client settings of a participant: its test key, the test CA, and a policy ("default=sign", …). */
    protected static WsSecuritySettings clientSettings(Path keystore, String alias, String... policy) {
        Map<String, String> m = new LinkedHashMap<>();
        if (keystore != null) {
            m.put("pmm03.security.keystore.file", keystore.toString());
            m.put("pmm03.security.keystore.password", TestPki.PASSWORD);
            m.put("pmm03.security.keystore.alias", alias);
        }
        m.put("pmm03.security.truststore.file", PKI.truststore().toString());
        m.put("pmm03.security.truststore.password", TestPki.PASSWORD);
        for (String p : policy) {
            int eq = p.indexOf('=');
            m.put("pmm03.security.signature-policy." + p.substring(0, eq), p.substring(eq + 1));
        }
        return WsSecuritySettings.fromMap(m);
    }

    protected static WsSecuritySettings participant(String id, String... policy) {
        return clientSettings(PKI.keystore(id), TestPki.alias(id), policy);
    }

    /**
     * A client of /ws/commission (or /ws/commission12) configured by {@link ClientSecurity}; {@code tamper} may change
     * the signed envelope before it is sent and {@code wire} receives the envelope as sent.
     */
    protected CommissionPortType client(String path, WsSecuritySettings settings, String user, Consumer<Document> tamper,
                                        AtomicReference<String> wire) {
        JaxWsProxyFactoryBean f = new JaxWsProxyFactoryBean();
        f.setServiceClass(CommissionPortType.class);
        f.setAddress(url(path));
        if (path.endsWith("12")) {
            f.setBindingId("http://www.w3.org/2003/05/soap/bindings/HTTP/");
        }
        CommissionPortType port = (CommissionPortType) f.create();
        var client = ClientProxy.getClient(port);
        ClientSecurity.apply(client, settings, user, user == null ? null : user + "-dev-password", null, null);
        if (tamper != null || wire != null) {
            client.getOutInterceptors().add(new AbstractSoapInterceptor(Phase.USER_STREAM) {
                @Override
                public void handleMessage(SoapMessage message) {
                    Document d = message.getContent(SOAPMessage.class).getSOAPPart();
                    if (tamper != null) {
                        tamper.accept(d);
                    }
                    if (wire != null) {
                        wire.set(serialize(d));
                    }
                }
            });
        }
        return port;
    }

    protected CommissionPortType client(WsSecuritySettings settings, String user) {
        return client("/commission", settings, user, null, null);
    }

    protected static String unique() {
        return "ЭЦП-" + UUID.randomUUID().toString().substring(0, 8);
    }

    protected static IncludeRecord include(String country) {
        IncludeRecord r = new IncludeRecord();
        r.setDrugMonitoringDetails(TestDocuments.record("MSG.001", country, unique(), "Приказ-ЭЦП",
                Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS), null));
        return r;
    }

    protected static ProcessingResultDetails send(CommissionPortType c, IncludeRecord r) {
        return c.includeRecord(r).getProcessingResultDetails();
    }

    /** The text of a SOAP fault thrown by a call ("ERR_X: …"), or fails if the call succeeded. */
    protected static String fault(Runnable call) {
        try {
            call.run();
        } catch (SOAPFaultException e) {
            return e.getFault().getFaultString();
        } catch (jakarta.xml.ws.WebServiceException e) {
            Throwable c = e;
            while (c != null) {
                if (c instanceof org.apache.cxf.binding.soap.SoapFault sf) {
                    return sf.getMessage();
                }
                c = c.getCause();
            }
            return String.valueOf(e.getMessage());
        }
        throw new AssertionError("the call succeeded but a fault was expected");
    }

    /** POSTs a raw SOAP 1.1 envelope; returns status and body. */
    protected HttpResponse<String> post(String envelope) {
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create(url("/commission")))
                    .header("Content-Type", "text/xml; charset=UTF-8").header("SOAPAction", "\"\"")
                    .POST(HttpRequest.BodyPublishers.ofString(envelope, StandardCharsets.UTF_8)).build();
            return HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected long journaled(String resultCode) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM message_journal WHERE result_code = ?", Long.class,
                resultCode);
        return n == null ? 0 : n;
    }

    protected static String serialize(Document d) {
        try {
            Transformer t = javax.xml.transform.TransformerFactory.newInstance().newTransformer();
            t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            StringWriter w = new StringWriter();
            t.transform(new DOMSource(d), new StreamResult(w));
            return w.toString();
        } catch (javax.xml.transform.TransformerException e) {
            throw new IllegalStateException(e);
        }
    }
}
