package eaeu.pmm03.server.eec;

import eaeu.pmm03.security.identity.Participant;
import eaeu.pmm03.security.identity.ParticipantRegistry;
import eaeu.pmm03.security.identity.Role;
import eaeu.pmm03.security.xml.HardenedXml;
import eaeu.pmm03.security.xml.XmlLimits;
import eaeu.pmm03.server.config.Pmm03Properties;
import eaeu.pmm03.server.pipeline.Rejection;
import org.junit.jupiter.api.Test;

import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import java.io.StringReader;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The signal documents against their schema (D-67); logical addresses and wsa:ReplyTo resolution (D-66). */
class SignalsAndAddressesTest {

    static final ParticipantRegistry REGISTRY = new ParticipantRegistry()
            .add(new Participant("EEC", null, Role.COMMISSION, "EEC"))
            .add(new Participant("KZ-MOH", "KZ", Role.AUTHORITY, "KZ"))
            .add(new Participant("RU-RZN", "RU", Role.AUTHORITY, "RU"));

    static EecDirectory directory(boolean allowUrl) {
        return new EecDirectory(new Pmm03Properties.Eec(List.of(
                new Pmm03Properties.EecParticipant("EEC", "http://eec.example/ws", "sync"),
                new Pmm03Properties.EecParticipant("KZ-MOH", "https://kz.example/ws/", "eec")), null, null, allowUrl), REGISTRY);
    }

    @Test
    void signalsAreValidAgainstTheirSchema() throws Exception {
        var schema = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(getClass().getClassLoader().getResource("eaeu/pmm03/contract/xsd/EEC_Signal_v1.0.xsd"));
        HardenedXml xml = new HardenedXml(XmlLimits.defaults());
        String request = "urn:uuid:" + UUID.randomUUID();
        for (Signals.Kind k : Signals.Kind.values()) {
            String id = Signals.id(k, request);
            assertThat(Signals.id(k, request)).as("same request, same signal").isEqualTo(id);
            String doc = Signals.document(k, id, request, UUID.randomUUID().toString(), xml);
            schema.newValidator().validate(new StreamSource(new StringReader(doc)));
            assertThat(doc).contains(k.element, request);
            assertThat(Signals.ofAction(k.action())).contains(k);
        }
        assertThat(Signals.id(Signals.Kind.RECEIPT, request)).isNotEqualTo(Signals.id(Signals.Kind.ACCEPTANCE, request));
    }

    @Test
    void logicalAddressesAndReplyTo() {
        EecDirectory d = directory(false);
        assertThat(d.logicalAddress("KZ-MOH")).isEqualTo("EAEU://KZ/KZ-MOH/P.MM.03/Authority");
        assertThat(d.logicalAddress("EEC")).isEqualTo("EAEU://EEC/EEC/P.MM.03/Commission");
        assertThat(d.participantOf("EAEU://KZ/KZ-MOH/P.MM.03/Authority")).contains("KZ-MOH");
        assertThat(d.participantOf("EAEU://RU/KZ-MOH/P.MM.03/Authority")).isEmpty();
        assertThat(d.eecMode("KZ-MOH")).isTrue();
        assertThat(d.eecMode("EEC")).isFalse();
        assertThat(d.eecMode("RU-RZN")).isFalse();
        assertThat(d.requestUrl("EEC", "Commission")).isEqualTo("http://eec.example/ws/eec/commission");
        Participant kz = REGISTRY.byId("KZ-MOH").orElseThrow();
        assertThat(d.resolveReplyTo("EAEU://KZ/KZ-MOH/P.MM.03/Authority", kz, "Commission"))
                .isEqualTo("https://kz.example/ws/eec/commission-reply");
        assertThatThrownBy(() -> d.resolveReplyTo("http://www.w3.org/2005/08/addressing/anonymous", kz, "Commission"))
                .isInstanceOf(Rejection.class).hasMessageContaining("wsa:ReplyTo").hasMessageContaining("Soap11/Soap12");
        assertThatThrownBy(() -> d.resolveReplyTo("https://elsewhere.example/r", kz, "Commission"))
                .isInstanceOf(Rejection.class).hasMessageContaining("logical address");
        assertThatThrownBy(() -> d.resolveReplyTo("EAEU://RU/RU-RZN/P.MM.03/Authority", kz, "Commission"))
                .isInstanceOf(Rejection.class).hasMessageContaining("sender of the request only");
        assertThat(directory(true).resolveReplyTo("https://mock.example/r", kz, "Commission")).isEqualTo("https://mock.example/r");
    }
}
