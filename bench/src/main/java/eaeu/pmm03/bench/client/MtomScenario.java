package eaeu.pmm03.bench.client;

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
import org.apache.cxf.jaxws.DispatchImpl;
import org.apache.cxf.transport.http.HTTPConduit;
import org.apache.cxf.transports.http.configuration.HTTPClientPolicy;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import javax.xml.namespace.QName;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.Source;
import javax.xml.transform.dom.DOMSource;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * MSG.016 (SendAdditionalInfo, TRN.009) with a big PDF as an MTOM attachment, signed, as a real authority's CXF
 * client sends it: RU-RZN answers a request of KZ-MOH; the XML signature covers Body, Timestamp and the PDF part
 * (SwA, streamed). The baseline is the same signed MTOM message to the bare echo, which verifies the signature
 * (attachment digest included) and does nothing else.
 */
final class MtomScenario {

    static final String AUTHORITY_NS = "urn:pmm03:ws:Authority:v1.0.0";
    static final String XOP_NS = "http://www.w3.org/2004/08/xop/include";
    static final String CID = "report-pdf@bench";

    private final Path pdf;
    private final WsSecuritySettings signing;
    private final String template;

    /**
     * @param pdfBytes size of the generated PDF
     * @param signed   sign MSG.016 (Body, Timestamp, the PDF part) or send it with a UsernameToken only
     */
    MtomScenario(Path pki, Path work, long pdfBytes, boolean signed) throws Exception {
        this.pdf = work.resolve("bench-" + (pdfBytes >> 20) + "mb.pdf");
        if (!Files.exists(pdf) || Files.size(pdf) != pdfBytes) {
            Random random = new Random(16);
            byte[] chunk = new byte[1 << 20];
            try (OutputStream out = Files.newOutputStream(pdf)) {
                out.write("%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII));
                long left = pdfBytes - 9;
                while (left > 0) {
                    random.nextBytes(chunk);
                    int n = (int) Math.min(chunk.length, left);
                    out.write(chunk, 0, n);
                    left -= n;
                }
            }
        }
        String alias = TestPki.alias("RU-RZN");
        Map<String, String> m = new LinkedHashMap<>();
        m.put("pmm03.security.keystore.file", pki.resolve(alias + ".p12").toString());
        m.put("pmm03.security.keystore.password", TestPki.PASSWORD);
        m.put("pmm03.security.keystore.alias", alias);
        m.put("pmm03.security.truststore.file", pki.resolve("truststore.p12").toString());
        m.put("pmm03.security.truststore.password", TestPki.PASSWORD);
        m.put("pmm03.security.signature-policy.default", "off");
        m.put("pmm03.security.signature-policy.P.MM.03.MSG.016", signed ? "sign" : "off");
        this.signing = WsSecuritySettings.fromMap(m);
        this.template = Samples.byFile("cdr-msg016-pdf.xml").text()
                .replaceFirst("^<\\?xml[^>]*>\\s*", "").replaceFirst("<!--.*?-->\\s*", "");
    }

    long pdfBytes() throws java.io.IOException {
        return Files.size(pdf);
    }

    /** The MSG.016 of the answer to {@code requestId}, its PDF an xop:Include of the attachment. */
    Document document(String requestId) throws Exception {
        String xml = template
                .replaceFirst("<csdo:EDocId>[^<]*</csdo:EDocId>", "<csdo:EDocId>" + UUID.randomUUID() + "</csdo:EDocId>")
                .replaceFirst("<csdo:EDocRefId>[^<]*</csdo:EDocRefId>", "<csdo:EDocRefId>" + requestId + "</csdo:EDocRefId>")
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

    /** A CXF Dispatch for SendAdditionalInfo at the URL: MTOM on, RU's UsernameToken, signature per the policy. */
    Dispatch<Source> dispatch(String url) {
        QName svc = new QName(AUTHORITY_NS, "AuthorityService");
        QName port = new QName(AUTHORITY_NS, "AuthoritySoap11");
        Service s = Service.create(svc);
        s.addPort(port, SOAPBinding.SOAP11HTTP_BINDING, url);
        Dispatch<Source> d = s.createDispatch(port, Source.class, Service.Mode.PAYLOAD);
        ((SOAPBinding) d.getBinding()).setMTOMEnabled(true);
        var client = ((DispatchImpl<?>) d).getClient();
        ClientSecurity.apply(client, signing, "ru", "ru-dev-password", null, null);
        HTTPClientPolicy p = new HTTPClientPolicy();
        p.setReceiveTimeout(300_000);
        p.setAllowChunking(true);
        ((HTTPConduit) client.getConduit()).setClient(p);
        return d;
    }

    /** Sends one MSG.016; returns the answer's text (MSG.015 PROCESSED from the node, the echo's small answer). */
    String send(Dispatch<Source> d, String requestId) throws Exception {
        Map<String, DataHandler> parts = new HashMap<>();
        parts.put(CID, new DataHandler(new FileDataSource(pdf.toFile()) {
            @Override
            public String getContentType() {
                return "application/pdf";
            }
        }));
        d.getRequestContext().put(MessageContext.OUTBOUND_MESSAGE_ATTACHMENTS, parts);
        Source answer = d.invoke(new DOMSource(document(requestId)));
        var t = javax.xml.transform.TransformerFactory.newInstance().newTransformer();
        java.io.StringWriter sw = new java.io.StringWriter();
        t.transform(answer, new javax.xml.transform.stream.StreamResult(sw));
        return sw.toString();
    }

}
