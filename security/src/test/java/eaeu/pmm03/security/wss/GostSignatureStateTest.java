package eaeu.pmm03.security.wss;

import eaeu.pmm03.security.pki.TestPki;
import org.apache.wss4j.common.crypto.Merlin;
import org.apache.wss4j.dom.WSConstants;
import org.apache.wss4j.dom.engine.WSSConfig;
import org.apache.wss4j.dom.message.WSSecHeader;
import org.apache.wss4j.dom.message.WSSecSignature;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jce.spec.ECNamedCurveGenParameterSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Security;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The state of the national-algorithm path (GOST R 34.10-2012 / 34.11-2012), measured rather than assumed:
 * BouncyCastle provides the JCA primitives and certificates, and WSS4J takes the algorithm URIs and the keystore
 * from configuration — but Apache Santuario's JSR 105 provider (xmlsec 4.0.x), which WSS4J signs through, has a fixed
 * list of SignatureMethod/DigestMethod URIs without GOST, so a GOST XML signature cannot be produced or verified
 * with this stack as is. If this test starts failing, Santuario learnt GOST: wire it in (docs/security.md).
 */
class GostSignatureStateTest {

    static final String GOST_SIG = "urn:ietf:params:xml:ns:cpxmlsec:algorithms:gostr34102012-gostr34112012-256";
    static final String GOST_DIGEST = "urn:ietf:params:xml:ns:cpxmlsec:algorithms:gostr34112012-256";

    static KeyPair keys;
    static X509Certificate cert;

    @BeforeAll
    static void gostKeyAndCertificate() throws Exception {
        if (Security.getProvider("BC") == null) {
            Security.addProvider(new BouncyCastleProvider());
        }
        KeyPairGenerator g = KeyPairGenerator.getInstance("ECGOST3410-2012", "BC");
        g.initialize(new ECNamedCurveGenParameterSpec("Tc26-Gost-3410-12-256-paramSetA"));
        keys = g.generateKeyPair();
        Instant now = Instant.now();
        cert = TestPki.certificate("CN=KZ-MOH GOST," + TestPki.ORG + ",C=KZ", keys.getPublic(),
                "CN=KZ-MOH GOST," + TestPki.ORG + ",C=KZ", keys.getPrivate(), "GOST3411-2012-256WITHECGOST3410-2012-256",
                "BC", now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)), false, null);
    }

    @Test
    void bouncyCastleSignsAndVerifiesGost2012AndIssuesGostCertificates() throws Exception {
        Signature s = Signature.getInstance("GOST3411-2012-256WITHECGOST3410-2012-256", "BC");
        s.initSign(keys.getPrivate());
        s.update("P.MM.03".getBytes(StandardCharsets.UTF_8));
        byte[] sig = s.sign();
        s.initVerify(cert.getPublicKey());
        s.update("P.MM.03".getBytes(StandardCharsets.UTF_8));
        assertThat(s.verify(sig)).isTrue();
        cert.verify(cert.getPublicKey(), "BC");
        assertThat(cert.getSigAlgName()).containsIgnoringCase("GOST");
    }

    @Test
    void santuariosJsr105ProviderHasNoGostSignatureOrDigestMethod() {
        XMLSignatureFactory f = XMLSignatureFactory.getInstance("DOM", new org.apache.jcp.xml.dsig.internal.dom.XMLDSigRI());
        assertThatThrownBy(() -> f.newSignatureMethod(GOST_SIG, null))
                .isInstanceOf(java.security.NoSuchAlgorithmException.class);
        assertThatThrownBy(() -> f.newDigestMethod(GOST_DIGEST, null))
                .isInstanceOf(java.security.NoSuchAlgorithmException.class);
    }

    @Test
    void wss4jTakesTheGostUrisFromConfigurationButCannotSignWithThem() throws Exception {
        WSSConfig.init();
        KeyStore ks = KeyStore.getInstance("PKCS12", "BC");
        ks.load(null, null);
        ks.setKeyEntry("gost", keys.getPrivate(), "pw".toCharArray(), new X509Certificate[] {cert});
        Merlin crypto = new Merlin();
        crypto.setKeyStore(ks);
        crypto.setCryptoProvider("BC");

        Document doc = DocumentBuilderFactory.newDefaultNSInstance().newDocumentBuilder().parse(new ByteArrayInputStream(
                ("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Header/>"
                        + "<soap:Body><x xmlns=\"urn:t\">1</x></soap:Body></soap:Envelope>").getBytes(StandardCharsets.UTF_8)));
        WSSecHeader h = new WSSecHeader(doc);
        h.insertSecurityHeader();
        WSSecSignature sig = new WSSecSignature(h);
        sig.setUserInfo("gost", "pw");
        sig.setKeyIdentifierType(WSConstants.BST_DIRECT_REFERENCE);
        sig.setSignatureAlgorithm(GOST_SIG);
        sig.setDigestAlgo(GOST_DIGEST);
        assertThatThrownBy(() -> sig.build(crypto))
                .hasStackTraceContaining("NoSuchAlgorithmException");
    }
}
