package eaeu.pmm03.security.pki;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A TEST-ONLY public key infrastructure for pmm03: a test CA and PKCS#12 keystores for the Commission and the five
 * authorities, plus an expired certificate, a certificate from an untrusted CA (with the same subject as a real
 * participant) and a TLS server certificate for localhost. Everything uses one obviously test-only password.
 * <p>
 * Command line (see README.md): {@code scripts/test-pki.sh pki/} or
 * {@code java -cp <classpath> eaeu.pmm03.security.pki.TestPki --out pki/}. The tests call {@link #generate(Path)}.
 * <p>
 * Files: {@code truststore.p12} (the CA certificate, alias {@value #CA_ALIAS}), {@code ca.p12} (CA key: to issue
 * more), {@code ca.pem}, {@code <participant-id lower case>.p12} (key and chain, alias = the file name without
 * .p12), {@code kz-moh-expired.p12}, {@code kz-moh-untrusted.p12}, {@code localhost-tls.p12}.
 */
public final class TestPki {

    /** The password of every keystore and key generated here. Test only. */
    public static final String PASSWORD = "pmm03-test-only";
    public static final String CA_ALIAS = "pmm03-test-ca";
    public static final String CA_SUBJECT = "CN=pmm03 TEST CA,OU=pmm03 TEST ONLY,O=pmm03 test";
    public static final String ORG = "OU=pmm03 TEST ONLY,O=pmm03 test";

    /** The participants of the test PKI: id → country (null for the Commission). */
    public static final Map<String, String> PARTICIPANTS;

    static {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("EEC", null);
        m.put("AM-MOH", "AM");
        m.put("BY-MOH", "BY");
        m.put("KZ-MOH", "KZ");
        m.put("KG-MOH", "KG");
        m.put("RU-RZN", "RU");
        PARTICIPANTS = java.util.Collections.unmodifiableMap(m);
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    /** What was generated and where. */
    public record Result(Path dir) {
        public Path truststore() {
            return dir.resolve("truststore.p12");
        }

        /** The keystore of a participant ("KZ-MOH" → kz-moh.p12); its alias is {@link #alias(String)}. */
        public Path keystore(String participantId) {
            return dir.resolve(alias(participantId) + ".p12");
        }

        public Path expired() {
            return dir.resolve("kz-moh-expired.p12");
        }

        public Path untrusted() {
            return dir.resolve("kz-moh-untrusted.p12");
        }

        public Path tls() {
            return dir.resolve("localhost-tls.p12");
        }
    }

    private TestPki() {}

    public static String alias(String participantId) {
        return participantId.toLowerCase(java.util.Locale.ROOT);
    }

    /** The subject DN of a participant's test certificate. */
    public static String subject(String participantId) {
        String c = PARTICIPANTS.get(participantId);
        return "CN=" + participantId + "," + ORG + (c == null ? "" : ",C=" + c);
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of("pki");
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--out") && i + 1 < args.length) {
                out = Path.of(args[++i]);
            } else if (args[i].equals("--help") || args[i].equals("-h")) {
                System.out.println("usage: TestPki [--out DIR]   (default pki/) — TEST-ONLY CA and keystores");
                return;
            } else {
                throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Result r = generate(out);
        System.out.println("TEST-ONLY PKI written to " + r.dir().toAbsolutePath() + " (password " + PASSWORD + ")");
        try (var files = Files.list(r.dir())) {
            files.sorted().forEach(f -> System.out.println("  " + f.getFileName()));
        }
        System.out.println("certificate mapping for application.yml (pmm03.security.certificates):");
        for (String id : PARTICIPANTS.keySet()) {
            System.out.println("  - {participant: " + id + ", subject: \"" + subject(id) + "\", issuer: \""
                    + CA_SUBJECT + "\"}");
        }
    }

    /** Generates the whole test PKI into {@code dir} (created if missing; existing files are overwritten). */
    public static Result generate(Path dir) {
        try {
            Files.createDirectories(dir);
            Instant now = Instant.now();
            KeyPair caKeys = rsa();
            X509Certificate ca = certificate(CA_SUBJECT, caKeys, CA_SUBJECT, caKeys.getPrivate(),
                    now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(3650)), true, null);
            save(dir.resolve("ca.p12"), CA_ALIAS, caKeys.getPrivate(), ca);
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry(CA_ALIAS, ca);
            store(trust, dir.resolve("truststore.p12"));
            Files.writeString(dir.resolve("ca.pem"), pem(ca), StandardCharsets.US_ASCII);

            for (String id : PARTICIPANTS.keySet()) {
                KeyPair k = rsa();
                X509Certificate c = certificate(subject(id), k, CA_SUBJECT, caKeys.getPrivate(),
                        now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(730)), false, null);
                save(dir.resolve(alias(id) + ".p12"), alias(id), k.getPrivate(), c, ca);
            }
            // expired: issued by the trusted CA, valid last year only
            KeyPair ek = rsa();
            X509Certificate expired = certificate("CN=KZ-MOH-EXPIRED," + ORG + ",C=KZ", ek, CA_SUBJECT,
                    caKeys.getPrivate(), now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(35)), false, null);
            save(dir.resolve("kz-moh-expired.p12"), "kz-moh-expired", ek.getPrivate(), expired, ca);
            // untrusted: a rogue CA with the same name as the test CA issues a certificate with KZ-MOH's subject
            KeyPair rogueKeys = rsa();
            X509Certificate rogue = certificate(CA_SUBJECT, rogueKeys, CA_SUBJECT, rogueKeys.getPrivate(),
                    now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(3650)), true, null);
            KeyPair uk = rsa();
            X509Certificate untrusted = certificate(subject("KZ-MOH"), uk, CA_SUBJECT, rogueKeys.getPrivate(),
                    now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(730)), false, null);
            save(dir.resolve("kz-moh-untrusted.p12"), "kz-moh-untrusted", uk.getPrivate(), untrusted, rogue);
            // TLS server certificate for localhost (mutual TLS tests and demos)
            KeyPair tk = rsa();
            X509Certificate tls = certificate("CN=localhost," + ORG, tk, CA_SUBJECT, caKeys.getPrivate(),
                    now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(730)), false, "localhost");
            save(dir.resolve("localhost-tls.p12"), "localhost-tls", tk.getPrivate(), tls, ca);
            Files.writeString(dir.resolve("README.txt"), "TEST-ONLY keys generated by eaeu.pmm03.security.pki.TestPki"
                    + " at " + now + ".\nPassword of every keystore and key: " + PASSWORD
                    + "\nNever use these keys outside tests and demos.\n", StandardCharsets.UTF_8);
            return new Result(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException("cannot generate the test PKI", e);
        }
    }

    private static KeyPair rsa() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048, RANDOM);
        return g.generateKeyPair();
    }

    /**
     * One X.509 v3 certificate signed with SHA256withRSA (or, for a non-RSA issuer key, the given JCA algorithm of
     * {@link #certificate(String, java.security.PublicKey, String, PrivateKey, String, String, Instant, Instant, boolean)}).
     */
    static X509Certificate certificate(String subject, KeyPair subjectKeys, String issuer, PrivateKey issuerKey,
                                       Instant from, Instant to, boolean ca, String dnsName)
            throws GeneralSecurityException, org.bouncycastle.operator.OperatorCreationException, IOException {
        return certificate(subject, subjectKeys.getPublic(), issuer, issuerKey, "SHA256withRSA", null, from, to, ca,
                dnsName);
    }

    /** One X.509 v3 certificate; {@code provider} names the JCA provider of the signature (null: default). */
    public static X509Certificate certificate(String subject, java.security.PublicKey subjectKey, String issuer,
                                              PrivateKey issuerKey, String sigAlg, String provider, Instant from,
                                              Instant to, boolean ca, String dnsName)
            throws GeneralSecurityException, org.bouncycastle.operator.OperatorCreationException, IOException {
        // RFC 2253 order (as X500Principal reads it), so that the DN of the certificate prints as written here
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(dn(issuer),
                new BigInteger(64, RANDOM).abs().add(BigInteger.ONE), Date.from(from), Date.from(to),
                dn(subject), subjectKey);
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(subjectKey));
        if (ca) {
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        } else {
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature
                    | KeyUsage.nonRepudiation | KeyUsage.keyEncipherment));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                    new KeyPurposeId[] {KeyPurposeId.id_kp_clientAuth, KeyPurposeId.id_kp_serverAuth}));
            if (dnsName != null) {
                b.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(new GeneralName(GeneralName.dNSName, dnsName)));
            }
        }
        JcaContentSignerBuilder sb = new JcaContentSignerBuilder(sigAlg);
        if (provider != null) {
            sb.setProvider(provider);
        }
        ContentSigner signer = sb.build(issuerKey);
        JcaX509CertificateConverter conv = new JcaX509CertificateConverter();
        if (provider != null) {
            conv.setProvider(provider);
        }
        return conv.getCertificate(b.build(signer));
    }

    private static X500Name dn(String rfc2253) {
        return X500Name.getInstance(new javax.security.auth.x500.X500Principal(rfc2253).getEncoded());
    }

    private static void save(Path file, String alias, PrivateKey key, X509Certificate... chain)
            throws GeneralSecurityException, IOException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry(alias, key, PASSWORD.toCharArray(), chain);
        store(ks, file);
    }

    private static void store(KeyStore ks, Path file) throws GeneralSecurityException, IOException {
        try (OutputStream o = Files.newOutputStream(file)) {
            ks.store(o, PASSWORD.toCharArray());
        }
    }

    static String pem(Certificate c) throws GeneralSecurityException {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(c.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }

    /** For tests: the participants as a list in a stable order. */
    public static List<String> participantIds() {
        return List.copyOf(PARTICIPANTS.keySet());
    }
}
