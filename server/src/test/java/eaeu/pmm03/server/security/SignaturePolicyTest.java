package eaeu.pmm03.server.security;

import eaeu.pmm03.contract.commission.CommissionPortType;
import eaeu.pmm03.contract.commission.IncludeRecord;
import eaeu.pmm03.contract.processingresult.ProcessingResultDetails;
import eaeu.pmm03.security.pki.TestPki;
import eaeu.pmm03.security.wss.SecurityCheckInInterceptor;
import eaeu.pmm03.security.wss.WsSecuritySettings;
import jakarta.xml.ws.BindingProvider;
import org.apache.wss4j.dom.WSConstants;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Element;

import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outcome of signed, unsigned, tampered (body, header), replayed, untrusted and expired messages under each
 * policy of the node (off, sign, require), end to end through SOAP, with the policy switched by rewriting the node's
 * policy file. Every refusal is a specific fault and a journal line.
 */
class SignaturePolicyTest extends SecureNodeTestBase {

    private static final String INCLUDED = "INCLUDED";

    private static WsSecuritySettings kzSigning() {
        return participant("KZ-MOH", "default=sign");
    }

    @ParameterizedTest
    @ValueSource(strings = {"off", "sign", "require"})
    void signedMessageIsAcceptedAndIdentifiesTheParticipant(String mode) {
        serverPolicy("default=" + mode);
        // no UsernameToken at all: the certificate alone says who the sender is (KZ-MOH)
        CommissionPortType kz = client(kzSigning(), null);
        ProcessingResultDetails r = send(kz, include("KZ"));
        assertThat(r.getProcessingResultV2Code()).as(r.getDescriptionText()).isEqualTo(INCLUDED);
        // the answer (MSG.004) is signed when the node's policy says sign/require, and was verified by the client
        Object signed = ((BindingProvider) kz).getResponseContext().get(SecurityCheckInInterceptor.SIGNED);
        assertThat(signed).isEqualTo(!mode.equals("off"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"off", "sign", "require"})
    void unsignedMessageIsRefusedOnlyUnderRequire(String mode) {
        serverPolicy("default=" + mode);
        CommissionPortType kz = client(participant("KZ-MOH", "default=off"), "kz");
        if (mode.equals("require")) {
            long before = journaled("ERR_SIGNATURE_MISSING");
            assertThat(fault(() -> send(kz, include("KZ")))).startsWith("ERR_SIGNATURE_MISSING");
            assertThat(journaled("ERR_SIGNATURE_MISSING")).isEqualTo(before + 1);
        } else {
            assertThat(send(kz, include("KZ")).getProcessingResultV2Code()).isEqualTo(INCLUDED);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"off", "sign", "require"})
    void tamperedBodyIsRefusedUnderEveryPolicy(String mode) {
        serverPolicy("default=" + mode);
        CommissionPortType kz = client("/commission", kzSigning(), "kz", d -> {
            Element name = (Element) d.getElementsByTagNameNS("*", "DrugTradeName").item(0);
            name.setTextContent(name.getTextContent() + "-подмена");
        }, null);
        long before = journaled("ERR_SIGNATURE_INVALID");
        assertThat(fault(() -> send(kz, include("KZ")))).startsWith("ERR_SIGNATURE_INVALID");
        assertThat(journaled("ERR_SIGNATURE_INVALID")).isEqualTo(before + 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"off", "sign", "require"})
    void tamperedSignedHeaderIsRefusedUnderEveryPolicy(String mode) {
        serverPolicy("default=" + mode);
        // the signed wsu:Timestamp is prolonged by the attacker
        CommissionPortType kz = client("/commission", kzSigning(), "kz", d -> {
            Element expires = (Element) d.getElementsByTagNameNS(WSConstants.WSU_NS, "Expires").item(0);
            expires.setTextContent(expires.getTextContent().replaceFirst("^\\d{4}", "2099"));
        }, null);
        assertThat(fault(() -> send(kz, include("KZ")))).startsWith("ERR_SIGNATURE_INVALID");
    }

    @ParameterizedTest
    @ValueSource(strings = {"off", "sign", "require"})
    void replayedMessageIsRefused(String mode) {
        serverPolicy("default=" + mode);
        AtomicReference<String> wire = new AtomicReference<>();
        CommissionPortType kz = client("/commission", kzSigning(), null, null, wire);
        assertThat(send(kz, include("KZ")).getProcessingResultV2Code()).isEqualTo(INCLUDED);
        long before = journaled("ERR_REPLAY");
        HttpResponse<String> again = post(wire.get());
        assertThat(again.statusCode()).isEqualTo(500);
        assertThat(again.body()).contains("ERR_REPLAY");
        assertThat(journaled("ERR_REPLAY")).isEqualTo(before + 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"off", "sign", "require"})
    void untrustedCertificateIsRefused(String mode) {
        serverPolicy("default=" + mode);
        // same subject as KZ-MOH's real certificate, issued by a rogue CA with the test CA's name
        CommissionPortType rogue = client(clientSettings(PKI.untrusted(), "kz-moh-untrusted", "default=sign"), null);
        assertThat(fault(() -> send(rogue, include("KZ")))).startsWith("ERR_CERT_UNTRUSTED");
    }

    @ParameterizedTest
    @ValueSource(strings = {"off", "sign", "require"})
    void expiredCertificateIsRefused(String mode) {
        serverPolicy("default=" + mode);
        CommissionPortType expired = client(clientSettings(PKI.expired(), "kz-moh-expired", "default=sign"), "kz");
        long before = journaled("ERR_CERT_EXPIRED");
        assertThat(fault(() -> send(expired, include("KZ")))).startsWith("ERR_CERT_EXPIRED");
        assertThat(journaled("ERR_CERT_EXPIRED")).isEqualTo(before + 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"off", "require"})
    void perMessagePolicyAppliesToThatMessageOnly(String mode) {
        // only IncludeRecord (MSG.001) is governed; GetUpdateTime (MSG.005) stays unsigned
        serverPolicy("default=off", "P.MM.03.MSG.001=" + mode);
        CommissionPortType kz = client(participant("KZ-MOH", "default=off"), "kz");
        IncludeRecord inc = include("KZ");
        if (mode.equals("require")) {
            assertThat(fault(() -> send(kz, inc))).startsWith("ERR_SIGNATURE_MISSING");
        } else {
            assertThat(send(kz, inc).getProcessingResultV2Code()).isEqualTo(INCLUDED);
        }
        // the same client signing only MSG.001, as its own policy table says, gets through
        CommissionPortType kzSigning001 = client(participant("KZ-MOH", "default=off", "MSG.001=require"), "kz");
        assertThat(send(kzSigning001, include("KZ")).getProcessingResultV2Code()).isEqualTo(INCLUDED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"off", "require"})
    void anAuthorityCertificateCannotActForAnotherCountry(String mode) {
        serverPolicy("default=" + mode);
        // KZ's certificate, RU's record: the node takes the sender to be KZ-MOH and refuses the record
        CommissionPortType kz = client(kzSigning(), null);
        ProcessingResultDetails r = send(kz, include("RU"));
        assertThat(r.getProcessingResultV2Code()).isEqualTo("ERR_NOT_AUTHORIZED");
        assertThat(r.getDescriptionText()).contains("KZ").contains("RU");
        // KZ's certificate with RU's UsernameToken: two different participants, refused before anything is read
        CommissionPortType mixed = client(kzSigning(), "ru");
        assertThat(fault(() -> send(mixed, include("RU")))).startsWith("ERR_NOT_AUTHENTICATED");
    }

    @ParameterizedTest
    @ValueSource(strings = {"off", "sign"})
    void clientRequiringSignedAnswersRefusesUnsignedOnes(String mode) {
        serverPolicy("default=" + mode);
        CommissionPortType kz = client(participant("KZ-MOH", "default=sign", "MSG.004=require"), null);
        if (mode.equals("off")) {
            // the node does not sign MSG.004: the client's own policy refuses the answer
            assertThat(fault(() -> send(kz, include("KZ")))).startsWith("ERR_SIGNATURE_MISSING");
        } else {
            assertThat(send(kz, include("KZ")).getProcessingResultV2Code()).isEqualTo(INCLUDED);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"off", "require"})
    void soap12PortAppliesTheSamePolicy(String mode) {
        serverPolicy("default=" + mode);
        CommissionPortType signed = client("/commission12", kzSigning(), null, null, null);
        assertThat(send(signed, include("KZ")).getProcessingResultV2Code()).isEqualTo(INCLUDED);
        CommissionPortType tampered = client("/commission12", kzSigning(), null, d -> {
            Element name = (Element) d.getElementsByTagNameNS("*", "DrugTradeName").item(0);
            name.setTextContent("подмена");
        }, null);
        assertThat(fault(() -> send(tampered, include("KZ")))).startsWith("ERR_SIGNATURE_INVALID");
    }

    @ParameterizedTest
    @ValueSource(strings = {"EEC", "AM-MOH", "BY-MOH", "KG-MOH", "RU-RZN"})
    void everyTestParticipantKeyIsRecognised(String id) {
        serverPolicy("default=require");
        CommissionPortType c = client(participant(id, "default=sign"), null);
        // GetUpdateTime is open to every authority; the answer tells the node recognised and authorised the sender
        var q = new eaeu.pmm03.contract.commission.GetUpdateTime();
        q.setResourceStatusDetails(eaeu.pmm03.server.TestDocuments.query("MSG.005", null,
                TestPki.PARTICIPANTS.get(id) == null ? "KZ" : TestPki.PARTICIPANTS.get(id)));
        if (id.equals("EEC")) {
            // recognised as the Commission: past WS-Security, refused by the business rule for queries
            assertThat(fault(() -> c.getUpdateTime(q))).contains("only an authority");
        } else {
            assertThat(c.getUpdateTime(q).getResourceStatusDetails()).isNotNull();
        }
    }
}
