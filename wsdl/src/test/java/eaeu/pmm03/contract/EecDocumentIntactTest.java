package eaeu.pmm03.contract;

import eaeu.pmm03.contract.authority.SendAdditionalInfo;
import eaeu.pmm03.contract.commission.GetRecordsResponse;
import eaeu.pmm03.contract.commission.IncludeRecord;
import eaeu.pmm03.contract.counterfeitdrug.CounterfeitDrugCorrespondenceDetails;
import eaeu.pmm03.contract.drugmonitoring.DrugMonitoringDetails;
import eaeu.pmm03.contract.process.ProcessTable;
import eaeu.pmm03.contract.samples.Samples;
import eaeu.pmm03.contract.samples.Samples.Sample;
import eaeu.pmm03.contract.xml.ContractSchemas;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.Marshaller;
import jakarta.xml.bind.Unmarshaller;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.ls.DOMImplementationLS;
import org.w3c.dom.ls.LSOutput;
import org.w3c.dom.ls.LSSerializer;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.dom.DOMResult;
import javax.xml.transform.stream.StreamSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The EEC document travels intact: put into a synchronous wrapper by JAXB and taken out again it is still a valid
 * document with the same content, and every valid sample survives a JAXB round trip without loss.
 */
class EecDocumentIntactTest {

    static List<Sample> valid() {
        return Samples.valid();
    }

    static JAXBContext context(Class<?>... classes) throws Exception {
        return JAXBContext.newInstance(classes);
    }

    static Object unmarshal(JAXBContext ctx, Sample s) throws Exception {
        Unmarshaller u = ctx.createUnmarshaller();
        u.setSchema(ContractSchemas.all());
        return u.unmarshal(new StreamSource(new ByteArrayInputStream(s.bytes())));
    }

    static Document marshal(JAXBContext ctx, Object o) throws Exception {
        Marshaller m = ctx.createMarshaller();
        DOMResult result = new DOMResult(newDocument());
        m.marshal(o, result);
        return (Document) result.getNode();
    }

    static Document newDocument() throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().newDocument();
    }

    /** The element alone, as a document of its own, serialized with DOM Level 3 namespace fix-up. */
    static byte[] serializeAlone(Element e) throws Exception {
        Document alone = newDocument();
        alone.appendChild(alone.importNode(e, true));
        DOMImplementationLS ls = (DOMImplementationLS) alone.getImplementation().getFeature("LS", "3.0");
        LSSerializer serializer = ls.createLSSerializer();
        serializer.getDomConfig().setParameter("namespaces", true);
        LSOutput out = ls.createLSOutput();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        out.setByteStream(bytes);
        out.setEncoding("UTF-8");
        serializer.write(alone, out);
        return bytes.toByteArray();
    }

    static void validate(byte[] xml) throws Exception {
        ContractSchemas.all().newValidator().validate(new StreamSource(new ByteArrayInputStream(xml)));
    }

    static Element inner(Document wrapper, String message) {
        ProcessTable.Structure st = ProcessTable.get().structureOf(message);
        List<Element> found = Dom.all(wrapper.getDocumentElement(), st.namespace(), st.rootElement()).stream()
                .filter(e -> e.getParentNode() == wrapper.getDocumentElement()).toList();
        assertThat(found).as("one " + st.rootElement() + " directly inside the wrapper").hasSize(1);
        return found.get(0);
    }

    @Test
    void includeRecordRequestCarriesTheMsg001DocumentIntact() throws Exception {
        Sample sample = Samples.firstForMessage("MSG.001");
        JAXBContext ctx = context(IncludeRecord.class);
        IncludeRecord request = new IncludeRecord();
        request.setDrugMonitoringDetails((DrugMonitoringDetails) unmarshal(ctx, sample));
        Document wrapper = marshal(ctx, request);
        assertThat(wrapper.getDocumentElement().getLocalName()).isEqualTo("IncludeRecord");
        assertThat(wrapper.getDocumentElement().getNamespaceURI())
                .isEqualTo(ProcessTable.get().services().get(0).namespace());
        byte[] alone = serializeAlone(inner(wrapper, "MSG.001"));
        validate(alone);
        assertThat(Dom.values(Dom.parse(alone))).isEqualTo(Dom.values(Dom.parse(sample.bytes())));
    }

    @Test
    void getRecordsResponseCarriesTheMaximalDocumentIntact() throws Exception {
        Sample sample = Samples.byFile(MaximalSampleTest.MAXIMAL);
        JAXBContext ctx = context(GetRecordsResponse.class);
        GetRecordsResponse response = new GetRecordsResponse();
        response.setDrugMonitoringDetails((DrugMonitoringDetails) unmarshal(ctx, sample));
        Document wrapper = marshal(ctx, response);
        byte[] alone = serializeAlone(inner(wrapper, "MSG.008"));
        validate(alone);
        assertThat(Dom.values(Dom.parse(alone))).isEqualTo(Dom.values(Dom.parse(sample.bytes())));
    }

    @Test
    void sendAdditionalInfoCarriesAnyXmlIntact() throws Exception {
        Sample sample = Samples.byFile("cdr-msg016-xml.xml");
        JAXBContext ctx = context(SendAdditionalInfo.class);
        SendAdditionalInfo request = new SendAdditionalInfo();
        request.setCounterfeitDrugCorrespondenceDetails((CounterfeitDrugCorrespondenceDetails) unmarshal(ctx, sample));
        byte[] alone = serializeAlone(inner(marshal(ctx, request), "MSG.016"));
        validate(alone);
        assertThat(Dom.values(Dom.parse(alone))).isEqualTo(Dom.values(Dom.parse(sample.bytes())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void jaxbRoundTripLosesNothing(Sample s) throws Exception {
        ProcessTable.Structure st = ProcessTable.get().structure(s.structure());
        JAXBContext ctx = JAXBContext.newInstance(st.javaPackage(), EecDocumentIntactTest.class.getClassLoader());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ctx.createMarshaller().marshal(unmarshal(ctx, s), bytes);
        validate(bytes.toByteArray());
        Document back = Dom.parse(bytes.toByteArray());
        Document original = Dom.parse(s.bytes());
        assertThat(Dom.values(original)).hasSizeGreaterThanOrEqualTo(5);
        assertThat(Dom.paths(back)).isEqualTo(Dom.paths(original));
        assertThat(Dom.values(back)).isEqualTo(Dom.values(original));
    }
}
