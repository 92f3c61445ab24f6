package eaeu.pmm03.security.identity;

import eaeu.pmm03.security.pki.TestPki;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CertificateIdentityTest {

    static TestPki.Result pki;

    @BeforeAll
    static void generate() throws Exception {
        pki = TestPki.generate(Files.createTempDirectory("pki"));
    }

    static X509Certificate cert(Path p, String alias) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(p)) {
            ks.load(in, TestPki.PASSWORD.toCharArray());
        }
        return (X509Certificate) ks.getCertificate(alias);
    }

    static ParticipantRegistry registry() {
        ParticipantRegistry r = new ParticipantRegistry();
        r.add(new Participant("EEC", null, Role.COMMISSION, "EEC"));
        r.add(new Participant("KZ-MOH", "KZ", Role.AUTHORITY, "KZ"));
        r.add(new Participant("RU-RZN", "RU", Role.AUTHORITY, "RU"));
        return r;
    }

    @Test
    void subjectAndIssuerIdentifyTheParticipantWhateverTheSpelling() throws Exception {
        ParticipantRegistry r = registry();
        r.addCertificate(new ParticipantRegistry.CertificateBinding("KZ-MOH",
                "cn=KZ-MOH, ou=pmm03 TEST ONLY, o=pmm03 test, c=KZ", TestPki.CA_SUBJECT, null));
        X509Certificate kz = cert(pki.keystore("KZ-MOH"), "kz-moh");
        assertThat(r.byCertificate(kz)).map(Participant::id).contains("KZ-MOH");
        assertThat(r.byCertificate(cert(pki.keystore("RU-RZN"), "ru-rzn"))).isEmpty();
        assertThat(r.byPrincipal(new ParticipantPrincipal("KZ-MOH", "X509", "x"))).map(Participant::id).contains("KZ-MOH");
    }

    @Test
    void issuerAndSerialIdentifyOneCertificateOnly() throws Exception {
        ParticipantRegistry r = registry();
        X509Certificate kz = cert(pki.keystore("KZ-MOH"), "kz-moh");
        r.addCertificate(new ParticipantRegistry.CertificateBinding("KZ-MOH", null, TestPki.CA_SUBJECT,
                "0x" + kz.getSerialNumber().toString(16)));
        assertThat(r.byCertificate(kz)).map(Participant::id).contains("KZ-MOH");
        // the rogue certificate has the same subject and issuer name, but not the serial
        assertThat(r.byCertificate(cert(pki.untrusted(), "kz-moh-untrusted"))).isEmpty();
    }

    @Test
    void aCertificateOfOneCountryCannotBeBoundToAnotherCountrysAuthority() {
        ParticipantRegistry r = registry();
        assertThatThrownBy(() -> r.addCertificate(new ParticipantRegistry.CertificateBinding("RU-RZN",
                TestPki.subject("KZ-MOH"), null, null))).hasMessageContaining("country KZ");
        assertThatThrownBy(() -> r.addCertificate(new ParticipantRegistry.CertificateBinding("EEC",
                TestPki.subject("KZ-MOH"), null, null))).hasMessageContaining("Commission");
        assertThatThrownBy(() -> r.addCertificate(new ParticipantRegistry.CertificateBinding("XX",
                TestPki.subject("KZ-MOH"), null, null))).hasMessageContaining("unknown participant");
    }

    @Test
    void testPkiHasTheCommissionTheFiveAuthoritiesAndTheBadCertificates() throws Exception {
        for (String id : TestPki.participantIds()) {
            X509Certificate c = cert(pki.keystore(id), TestPki.alias(id));
            assertThat(c.getSubjectX500Principal().getName()).isEqualTo(TestPki.subject(id));
            assertThat(c.getIssuerX500Principal().getName()).isEqualTo(TestPki.CA_SUBJECT);
            c.checkValidity();
        }
        X509Certificate expired = cert(pki.expired(), "kz-moh-expired");
        assertThatThrownBy(expired::checkValidity).isInstanceOf(java.security.cert.CertificateExpiredException.class);
        assertThat(Files.exists(pki.truststore())).isTrue();
        assertThat(Files.exists(pki.tls())).isTrue();
    }
}
