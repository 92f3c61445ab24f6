package eaeu.pmm03.bench.client;

import eaeu.pmm03.contract.samples.Samples;
import eaeu.pmm03.security.pki.TestPki;
import eaeu.pmm03.security.wss.WsSecuritySettings;
import org.apache.wss4j.common.WSEncryptionPart;
import org.apache.wss4j.common.crypto.Crypto;
import org.apache.wss4j.dom.WSConstants;
import org.apache.wss4j.dom.message.WSSecHeader;
import org.apache.wss4j.dom.message.WSSecSignature;
import org.apache.wss4j.dom.message.WSSecTimestamp;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;

/**
 * The request envelopes the load driver sends, built as text from the project's sample documents:
 * MSG.001 (a distinct record each time: new EDocId, new trade name, so that it passes all fill rules and is a new
 * record key), MSG.007 (full export as of now) and MSG.010 (changes since an instant). Security as a real
 * authority sends it: a WS-Security UsernameToken (password digest, nonce, created), or — for the signed variant —
 * a wsu:Timestamp and an RSA-SHA256 XML signature over Body and Timestamp with the authority's TEST-ONLY key
 * (certificate as BinarySecurityToken), which then identifies the sender.
 */
public final class Envelopes {

    static final String SOAP = "http://schemas.xmlsoap.org/soap/envelope/";
    static final String WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    static final String WSU = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
    static final String COMMISSION = "urn:pmm03:ws:Commission:v1.0.0";

    private static final SecureRandom RANDOM = new SecureRandom();
    private final String include;
    private final String records;
    private final String changes;
    private final String user;
    private final String password;

    public Envelopes(String user, String password) {
        this.user = user;
        this.password = password;
        this.include = strip(Samples.byFile("dmd-msg001-include.xml").text());
        this.records = strip(Samples.byFile("rsd-msg007-records-request.xml").text())
                .replaceAll("\\s*<csdo:UnifiedCountryCode[^>]*>[A-Z]{2}</csdo:UnifiedCountryCode>", "");
        this.changes = strip(Samples.byFile("rsd-msg010-changes-request.xml").text())
                .replaceAll("\\s*<csdo:UnifiedCountryCode[^>]*>[A-Z]{2}</csdo:UnifiedCountryCode>", "");
    }

    private static String strip(String xml) {
        return xml.replaceFirst("^<\\?xml[^>]*>\\s*", "").replaceFirst("<!--.*?-->\\s*", "");
    }

    private static String header(String doc) {
        return doc.replaceFirst("<csdo:EDocId>[^<]*</csdo:EDocId>", "<csdo:EDocId>" + UUID.randomUUID() + "</csdo:EDocId>")
                .replaceFirst("<csdo:EDocDateTime>[^<]*</csdo:EDocDateTime>", "<csdo:EDocDateTime>"
                        + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "</csdo:EDocDateTime>");
    }

    /** MSG.001 of a new record: the sample with a new EDocId, now, and the given (distinct) trade name. */
    public String includeDocument(String tradeName) {
        return header(include).replace(">Ибупрофен-Велфарм Форте<", ">" + tradeName + "<");
    }

    /** MSG.007: every record valid now, of all countries. */
    public String recordsDocument() {
        return header(records);
    }

    /** MSG.010: every change after the instant, of all countries. */
    public String changesDocument(Instant since) {
        return header(changes).replaceFirst("<csdo:UpdateDateTime>[^<]*</csdo:UpdateDateTime>",
                "<csdo:UpdateDateTime>" + since.truncatedTo(ChronoUnit.SECONDS) + "</csdo:UpdateDateTime>");
    }

    /** The envelope with a fresh UsernameToken (password digest = Base64(SHA-1(nonce + created + password))). */
    public byte[] withUsernameToken(String operation, String document) {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        String created = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
        String digest;
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(nonce);
            sha1.update(created.getBytes(StandardCharsets.UTF_8));
            sha1.update(password.getBytes(StandardCharsets.UTF_8));
            digest = Base64.getEncoder().encodeToString(sha1.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        String security = "<wsse:Security xmlns:wsse=\"" + WSSE + "\" xmlns:wsu=\"" + WSU + "\" soap:mustUnderstand=\"1\">"
                + "<wsse:UsernameToken wsu:Id=\"UT-1\"><wsse:Username>" + user + "</wsse:Username>"
                + "<wsse:Password Type=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest\">"
                + digest + "</wsse:Password>"
                + "<wsse:Nonce EncodingType=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary\">"
                + Base64.getEncoder().encodeToString(nonce) + "</wsse:Nonce><wsu:Created>" + created
                + "</wsu:Created></wsse:UsernameToken></wsse:Security>";
        return envelope(security, operation, document).getBytes(StandardCharsets.UTF_8);
    }

    static String envelope(String security, String operation, String document) {
        return "<soap:Envelope xmlns:soap=\"" + SOAP + "\"><soap:Header>" + security + "</soap:Header><soap:Body><"
                + operation + " xmlns=\"" + COMMISSION + "\">" + document + "</" + operation + "></soap:Body></soap:Envelope>";
    }

    /** Signs envelopes as an authority: wsu:Timestamp + RSA-SHA256 signature over Body and Timestamp. */
    public static final class Signer {
        private final Crypto crypto;
        private final String alias;
        private final DocumentBuilderFactory dbf = DocumentBuilderFactory.newDefaultNSInstance();

        public Signer(java.nio.file.Path pkiDir, String participant) {
            org.apache.wss4j.dom.engine.WSSConfig.init();
            this.alias = TestPki.alias(participant);
            java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
            m.put("pmm03.security.keystore.file", pkiDir.resolve(alias + ".p12").toString());
            m.put("pmm03.security.keystore.password", TestPki.PASSWORD);
            m.put("pmm03.security.keystore.alias", alias);
            m.put("pmm03.security.truststore.file", pkiDir.resolve("truststore.p12").toString());
            m.put("pmm03.security.truststore.password", TestPki.PASSWORD);
            this.crypto = WsSecuritySettings.fromMap(m).signingCrypto();
        }

        public byte[] sign(String operation, String document) {
            try {
                Document d = dbf.newDocumentBuilder().parse(new ByteArrayInputStream(
                        envelope("", operation, document).getBytes(StandardCharsets.UTF_8)));
                WSSecHeader h = new WSSecHeader(d);
                h.insertSecurityHeader();
                WSSecTimestamp ts = new WSSecTimestamp(h);
                ts.setTimeToLive(300);
                ts.build();
                WSSecSignature sig = new WSSecSignature(h);
                sig.setUserInfo(alias, TestPki.PASSWORD);
                sig.setKeyIdentifierType(WSConstants.BST_DIRECT_REFERENCE);
                sig.setSignatureAlgorithm(WsSecuritySettings.RSA_SHA256);
                sig.setDigestAlgo(WsSecuritySettings.SHA256);
                sig.setSigCanonicalization(WSConstants.C14N_EXCL_OMIT_COMMENTS);
                sig.getParts().add(new WSEncryptionPart("Body", SOAP, "Element"));
                sig.getParts().add(new WSEncryptionPart("Timestamp", WSConstants.WSU_NS, "Element"));
                sig.build(crypto);
                ByteArrayOutputStream out = new ByteArrayOutputStream(16_384);
                var t = TransformerFactory.newInstance().newTransformer();
                t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
                t.transform(new DOMSource(d), new StreamResult(out));
                return out.toByteArray();
            } catch (Exception e) {
                throw new IllegalStateException("signing failed", e);
            }
        }
    }
}
