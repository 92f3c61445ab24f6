package eaeu.pmm03.security.wss;

import eaeu.pmm03.security.identity.ParticipantRegistry;
import eaeu.pmm03.security.policy.SignaturePolicy;
import eaeu.pmm03.security.policy.SignaturePolicySource;
import org.apache.wss4j.common.crypto.Crypto;
import org.apache.wss4j.common.crypto.Merlin;
import org.apache.wss4j.dom.WSConstants;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The XML-signature settings of a node or client, read from flat {@code pmm03.security.*} properties — the same
 * keys in the server's application.yml and in the client stub's properties file:
 * <pre>
 * pmm03.security.signature-policy.default=off              # off | sign | require
 * pmm03.security.signature-policy.P.MM.03.MSG.001=require
 * pmm03.security.signature-policy-file=/etc/pmm03/signature-policy.properties   # optional, same keys, re-read on change
 * pmm03.security.keystore.file=pki/kz-moh.p12              # own key: needed when anything is signed
 * pmm03.security.keystore.password=…   .alias=kz-moh   .key-password=… (default: password)   .type=PKCS12
 * pmm03.security.keystore.provider=                         # JCA provider of the keystore (e.g. BC)
 * pmm03.security.truststore.file=pki/truststore.p12        # CAs whose certificates are accepted
 * pmm03.security.truststore.password=…   .type=PKCS12
 * pmm03.security.algorithms.signature=http://www.w3.org/2001/04/xmldsig-more#rsa-sha256
 * pmm03.security.algorithms.digest=http://www.w3.org/2001/04/xmlenc#sha256
 * pmm03.security.algorithms.c14n=http://www.w3.org/2001/10/xml-exc-c14n#
 * pmm03.security.algorithms.accepted-signature=…,…        # inbound; default: RSA/ECDSA with SHA-256/384/512
 * pmm03.security.algorithms.accepted-digest=…,…
 * pmm03.security.jca-provider=org.bouncycastle.jce.provider.BouncyCastleProvider   # registered at start
 * pmm03.security.timestamp.ttl-seconds=300                 # oldest accepted wsu:Created
 * pmm03.security.timestamp.future-ttl-seconds=60           # clock skew tolerated
 * pmm03.security.certificates[0].participant=KZ-MOH        # certificate → participant
 * pmm03.security.certificates[0].subject=CN=KZ-MOH,…
 * pmm03.security.certificates[0].issuer=CN=…               # optional with subject
 * pmm03.security.certificates[0].serial=…                  # with issuer instead of subject
 * </pre>
 */
public record WsSecuritySettings(SignaturePolicySource policySource, KeyStoreRef keystore, KeyStoreRef truststore,
                                 String signatureAlgorithm, String digestAlgorithm, String c14nAlgorithm,
                                 Set<String> acceptedSignatureAlgorithms, Set<String> acceptedDigestAlgorithms,
                                 int timestampTtlSeconds, int futureTimestampTtlSeconds, String jcaProvider,
                                 List<ParticipantRegistry.CertificateBinding> certificates) {

    public static final String PREFIX = "pmm03.security";
    public static final String RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
    public static final String SHA256 = WSConstants.SHA256;

    /** Default accepted inbound signature methods: RSA and ECDSA with SHA-2 (never SHA-1). */
    public static final Set<String> DEFAULT_SIGNATURE_METHODS = Set.of(RSA_SHA256,
            "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384", "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512",
            "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256", "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384",
            "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512");
    public static final Set<String> DEFAULT_DIGESTS = Set.of(SHA256, "http://www.w3.org/2001/04/xmldsig-more#sha384",
            "http://www.w3.org/2001/04/xmlenc#sha512");

    /**
     * A keystore on disk.
     *
     * @param file        PKCS#12 (or other type) file
     * @param password    store password
     * @param type        keystore type, PKCS12 by default
     * @param provider    JCA provider name of the keystore, or null
     * @param alias       the key to sign with (keystores only)
     * @param keyPassword the key's password; the store password when null
     */
    public record KeyStoreRef(Path file, String password, String type, String provider, String alias,
                              String keyPassword) {
        public KeyStore load() {
            try (InputStream in = Files.newInputStream(file)) {
                KeyStore ks = provider == null || provider.isBlank() ? KeyStore.getInstance(type)
                        : KeyStore.getInstance(type, provider);
                ks.load(in, password == null ? null : password.toCharArray());
                return ks;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read keystore " + file, e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot open keystore " + file + ": " + e.getMessage(), e);
            }
        }

        public String effectiveKeyPassword() {
            return keyPassword == null ? password : keyPassword;
        }
    }

    /** No keys, everything off: the default of a node that has not been given a Collegium decision. */
    public static WsSecuritySettings defaults() {
        return fromProperties(new Properties());
    }

    /** Reads a properties file (UTF-8) with the {@code pmm03.security.*} keys. */
    public static WsSecuritySettings load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return fromProperties(p);
    }

    public static WsSecuritySettings fromProperties(Properties p) {
        Map<String, String> m = new TreeMap<>();
        for (String n : p.stringPropertyNames()) {
            m.put(n, p.getProperty(n));
        }
        return fromMap(m);
    }

    private static final Pattern CERT = Pattern.compile(Pattern.quote(PREFIX)
            + "\\.certificates\\[(\\d+)]\\.(participant|participant-id|subject|issuer|serial)");

    /** From a flat map of property names to values (names outside {@code pmm03.security.} are ignored). */
    public static WsSecuritySettings fromMap(Map<String, String> m) {
        Properties policyProps = new Properties();
        m.forEach((k, v) -> {
            if (k.startsWith(SignaturePolicy.PREFIX + ".")) {
                policyProps.setProperty(k, v); // the baseline; a policy file overrides it
            }
        });
        String policyFile = blankToNull(m.get(PREFIX + ".signature-policy-file"));
        SignaturePolicySource policy = SignaturePolicySource.of(policyProps, policyFile == null ? null : Path.of(policyFile));

        Map<Integer, Map<String, String>> certs = new TreeMap<>();
        m.forEach((k, v) -> {
            Matcher mm = CERT.matcher(k);
            if (mm.matches()) {
                certs.computeIfAbsent(Integer.parseInt(mm.group(1)), i -> new LinkedHashMap<>())
                        .put(mm.group(2).equals("participant-id") ? "participant" : mm.group(2), v);
            }
        });
        List<ParticipantRegistry.CertificateBinding> bindings = new ArrayList<>();
        certs.values().forEach(c -> bindings.add(new ParticipantRegistry.CertificateBinding(c.get("participant"),
                blankToNull(c.get("subject")), blankToNull(c.get("issuer")), blankToNull(c.get("serial")))));

        return new WsSecuritySettings(policy, store(m, "keystore"), store(m, "truststore"),
                m.getOrDefault(PREFIX + ".algorithms.signature", RSA_SHA256),
                m.getOrDefault(PREFIX + ".algorithms.digest", SHA256),
                m.getOrDefault(PREFIX + ".algorithms.c14n", WSConstants.C14N_EXCL_OMIT_COMMENTS),
                list(m.get(PREFIX + ".algorithms.accepted-signature"), DEFAULT_SIGNATURE_METHODS),
                list(m.get(PREFIX + ".algorithms.accepted-digest"), DEFAULT_DIGESTS),
                Integer.parseInt(m.getOrDefault(PREFIX + ".timestamp.ttl-seconds", "300")),
                Integer.parseInt(m.getOrDefault(PREFIX + ".timestamp.future-ttl-seconds", "60")),
                blankToNull(m.get(PREFIX + ".jca-provider")), List.copyOf(bindings));
    }

    private static KeyStoreRef store(Map<String, String> m, String name) {
        String base = PREFIX + "." + name + ".";
        String file = blankToNull(m.get(base + "file"));
        if (file == null) {
            return null;
        }
        return new KeyStoreRef(Path.of(file), m.get(base + "password"), m.getOrDefault(base + "type", "PKCS12"),
                blankToNull(m.get(base + "provider")), blankToNull(m.get(base + "alias")),
                blankToNull(m.get(base + "key-password")));
    }

    private static Set<String> list(String csv, Set<String> dflt) {
        if (csv == null || csv.isBlank()) {
            return dflt;
        }
        Set<String> s = new LinkedHashSet<>();
        Arrays.stream(csv.split("[,\\s]+")).filter(x -> !x.isBlank()).forEach(s::add);
        return Set.copyOf(s);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** The same settings with another policy (tests, or a policy reloaded from its file). */
    public WsSecuritySettings withPolicy(SignaturePolicy p) {
        return new WsSecuritySettings(SignaturePolicySource.fixed(p), keystore, truststore, signatureAlgorithm, digestAlgorithm, c14nAlgorithm,
                acceptedSignatureAlgorithms, acceptedDigestAlgorithms, timestampTtlSeconds,
                futureTimestampTtlSeconds, jcaProvider, certificates);
    }

    /** The signature policy in force now (a policy file is re-read when it changes). */
    public SignaturePolicy policy() {
        return policySource.get();
    }

    /** Inbound signature methods accepted: the configured list plus the method we sign with ourselves. */
    public Set<String> acceptedSignatures() {
        Set<String> s = new LinkedHashSet<>(acceptedSignatureAlgorithms);
        s.add(signatureAlgorithm);
        return s;
    }

    public Set<String> acceptedDigests() {
        Set<String> s = new LinkedHashSet<>(acceptedDigestAlgorithms);
        s.add(digestAlgorithm);
        return s;
    }

    /** Registers the configured JCA provider (e.g. BouncyCastle for GOST) once. */
    public void registerJcaProvider() {
        if (jcaProvider == null) {
            return;
        }
        try {
            Provider p = (Provider) Class.forName(jcaProvider).getDeclaredConstructor().newInstance();
            if (Security.getProvider(p.getName()) == null) {
                Security.addProvider(p);
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot load JCA provider " + jcaProvider, e);
        }
    }

    /** WSS4J crypto holding our own signing key (null when no keystore is configured). */
    public Crypto signingCrypto() {
        if (keystore == null) {
            return null;
        }
        if (keystore.alias() == null) {
            throw new IllegalStateException("pmm03.security.keystore.alias is needed to sign");
        }
        Merlin m = new Merlin();
        m.setKeyStore(keystore.load());
        if (keystore.provider() != null) {
            m.setCryptoProvider(keystore.provider());
        }
        return m;
    }

    /** WSS4J crypto that trusts only the CAs of the truststore (null when none is configured). */
    public Crypto verificationCrypto() {
        if (truststore == null) {
            return null;
        }
        Merlin m = new Merlin();
        m.setTrustStore(truststore.load());
        return m;
    }
}
