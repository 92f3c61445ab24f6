package eaeu.pmm03.contract;

import eaeu.pmm03.contract.process.ProcessTable;
import eaeu.pmm03.contract.samples.Samples;
import eaeu.pmm03.contract.samples.Samples.Sample;
import eaeu.pmm03.contract.xml.ContractSchemas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

import javax.xml.transform.stream.StreamSource;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.net.URL;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The sample documents and their manifest agree with the contract schemas and with the process table. */
class SamplesTest {

    private static final String CSDO = SpecRows.NS.get("csdo");
    private static final String CCDO = SpecRows.NS.get("ccdo");
    private static final String HCSDO = SpecRows.NS.get("hcsdo");
    private static final String HCCDO = SpecRows.NS.get("hccdo");

    static List<Sample> valid() {
        return Samples.valid();
    }

    static List<Sample> invalid() {
        return Samples.invalid();
    }

    static List<Sample> all() {
        return Samples.all();
    }

    static void validate(byte[] xml) throws Exception {
        ContractSchemas.all().newValidator().validate(new StreamSource(new ByteArrayInputStream(xml)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void validSampleValidates(Sample s) throws Exception {
        validate(s.bytes());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void invalidSampleFailsWithItsExpectedError(Sample s) {
        assertThat(s.expectedError()).as("expectedError of " + s.file()).isNotBlank();
        assertThatThrownBy(() -> validate(s.bytes()))
                .isInstanceOf(SAXException.class)
                .hasMessageContaining(s.expectedError());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void rootElementMatchesTheManifestStructure(Sample s) {
        ProcessTable.Structure st = ProcessTable.get().structure(s.structure());
        Element root = Dom.parse(s.bytes()).getDocumentElement();
        assertThat(root.getLocalName()).isEqualTo(st.rootElement());
        if (s.valid()) {
            assertThat(root.getNamespaceURI()).isEqualTo(st.namespace());
        }
        if (s.message() != null) {
            assertThat(ProcessTable.get().message(s.message()).structure()).as("structure of " + s.message())
                    .isEqualTo(s.structure());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void headerNamesTheMessageAndTheStructure(Sample s) {
        Element header = Dom.child(Dom.parse(s.bytes()).getDocumentElement(), CCDO, "EDocHeader");
        assertThat(text(header, CSDO, "EDocCode")).isEqualTo(s.structure());
        if (s.message() != null) {
            assertThat(text(header, CSDO, "InfEnvelopeCode")).isEqualTo(s.message());
        }
    }

    @Test
    void everyMessageHasAValidSample() {
        for (ProcessTable.Message m : ProcessTable.get().messages()) {
            assertThat(Samples.forMessage(m.code())).as(m.code()).isNotEmpty();
            assertThat(Samples.forMessage(m.shortCode())).isEqualTo(Samples.forMessage(m.code()));
        }
        assertThat(Samples.invalid()).hasSizeGreaterThanOrEqualTo(10);
    }

    @Test
    void manifestListsExactlyTheFilesOfTheFolder() throws Exception {
        Set<String> listed = Samples.all().stream().map(Sample::file).collect(Collectors.toSet());
        assertThat(listed).hasSize(Samples.all().size());
        URL dir = SamplesTest.class.getClassLoader().getResource(Samples.DIR);
        assertThat(dir).isNotNull();
        if ("file".equals(dir.getProtocol())) {
            String[] files = new File(dir.toURI()).list((d, n) -> n.endsWith(".xml"));
            assertThat(files).containsExactlyInAnyOrderElementsOf(listed);
        }
        assertThat(Samples.byFile("dmd-msg008-maximal.xml").message()).isEqualTo("P.MM.03.MSG.008");
        assertThat(Samples.find("nope.xml")).isEmpty();
        assertThat(Samples.firstForMessage("MSG.001").text()).contains("P.MM.03.MSG.001");
    }

    @Test
    void documentIdsAreUniqueAmongValidSamples() {
        Set<String> seen = new HashSet<>();
        for (Sample s : Samples.valid()) {
            Element header = Dom.child(Dom.parse(s.bytes()).getDocumentElement(), CCDO, "EDocHeader");
            assertThat(seen.add(text(header, CSDO, "EDocId"))).as("EDocId of " + s.file() + " is unique").isTrue();
        }
    }

    @Test
    void processingResultCodesComeFromTheResultCodeTable() {
        var codes = eaeu.pmm03.contract.process.ProcessTable.get().resultCodes().stream()
                .map(eaeu.pmm03.contract.process.ProcessTable.ResultCode::code).toList();
        for (Sample s : Samples.forStructure("R.006")) {
            if (s.valid()) {
                String code = text(Dom.parse(s.bytes()).getDocumentElement(), CSDO, "ProcessingResultV2Code");
                assertThat(codes).as(s.file()).contains(code);
                String message = text(Dom.parse(s.bytes()).getDocumentElement(), CSDO, "InfEnvelopeCode");
                assertThat(eaeu.pmm03.contract.process.ProcessTable.get().resultCode(code).messages())
                        .as("%s may answer %s", code, message).contains(message);
            }
        }
    }

    @Test
    void classifierDesignationsAreThoseOfSectionVII() {
        for (Sample s : Samples.valid()) {
            Element root = Dom.parse(s.bytes()).getDocumentElement();
            for (Element c : Dom.all(root, CSDO, "UnifiedCountryCode")) {
                assertThat(c.getAttribute("codeListId")).as(s.file()).isEqualTo("P.CLS.019");
            }
            for (String measure : List.of("PackageMeasure", "CounterfeitPackageQuantity")) {
                for (Element c : Dom.all(root, HCSDO, measure)) {
                    assertThat(c.getAttribute("measurementUnitCodeListId")).as(s.file()).isEqualTo("P.CLS.009");
                }
            }
            for (Element c : Dom.all(root, CSDO, "UnifiedCommodityMeasure")) {
                assertThat(c.getAttribute("measurementUnitCodeListId")).as(s.file()).isEqualTo("P.CLS.009");
            }
        }
    }

    /** Tables 12, 13 and 14 of the Commission regulation (the checks that the schema cannot express). */
    @Test
    void recordMessagesFollowTheFillRules() {
        for (String msg : List.of("MSG.001", "MSG.002", "MSG.003")) {
            for (Sample s : Samples.forMessage(msg)) {
                Element root = Dom.parse(s.bytes()).getDocumentElement();
                List<Element> items = Dom.all(root, HCCDO, "DrugMonitoringItemDetails");
                assertThat(items).as(s.file() + ": exactly one record").hasSize(1);
                Element period = Dom.all(root, CCDO, "ValidityPeriodDetails").get(0);
                String start = text(period, CSDO, "StartDateTime");
                String end = text(period, CSDO, "EndDateTime");
                assertThat(start).as(s.file() + " StartDateTime").isNotNull();
                if (msg.equals("MSG.003")) {
                    assertThat(end).as(s.file() + " EndDateTime").isNotNull();
                    assertThat(OffsetDateTime.parse(end)).isAfterOrEqualTo(OffsetDateTime.parse(start));
                } else {
                    assertThat(end).as(s.file() + " EndDateTime").isNull();
                }
                for (Element d : Dom.all(root, HCCDO, "DrugMonitoringDetails")) {
                    assertThat(Dom.child(d, HCSDO, "DrugTradeName") != null
                            || Dom.child(d, HCCDO, "DrugNameDetails") != null).as(s.file() + " rule 22").isTrue();
                    String status = text(d, HCSDO, "StatusLowQualityCode");
                    boolean substandard = status.equals("01");
                    assertThat(Dom.child(d, HCCDO, "LowQualityDetails") != null).as(s.file() + " rules 20/21")
                            .isEqualTo(substandard);
                    assertThat(Dom.child(d, HCCDO, "FalsificationSignDetails") != null).as(s.file() + " rules 20/21")
                            .isEqualTo(!substandard);
                }
                for (Element doc : Dom.all(root, HCCDO, "OfficialDocDetails")) {
                    assertThat(text(doc, CSDO, "DocCreationDate")).as(s.file() + " rule 47").isNotNull();
                }
            }
        }
    }

    /** Tables 8 and 9 of the inter-authority regulation. */
    @Test
    void correspondenceMessagesFollowTheFillRules() {
        for (Sample s : Samples.forMessage("MSG.014")) {
            assertThat(Dom.child(Dom.parse(s.bytes()).getDocumentElement(), HCCDO, "OfficialDocDetails"))
                    .as(s.file() + " table 8").isNotNull();
        }
        Set<String> variants = new HashSet<>();
        for (Sample s : Samples.forMessage("MSG.016")) {
            Element root = Dom.parse(s.bytes()).getDocumentElement();
            assertThat(Dom.child(root, HCCDO, "CounterfeitDrugAnswerDetails")).as(s.file() + " table 9.1").isNotNull();
            List<String> filled = Arrays.asList(
                    Dom.child(root, CSDO, "NoteText") != null ? "note" : null,
                    Dom.child(root, HCSDO, "PdfBinaryText") != null ? "pdf" : null,
                    Dom.child(root, HCCDO, "AnyDetails") != null ? "xml" : null);
            assertThat(filled.stream().filter(x -> x != null).count()).as(s.file() + " table 9.2").isEqualTo(1);
            filled.stream().filter(x -> x != null).forEach(variants::add);
        }
        assertThat(variants).containsExactlyInAnyOrder("note", "pdf", "xml");
    }

    @Test
    void embeddedPdfsArePdfs() {
        Element root = Dom.parse(Samples.byFile("cdr-msg016-pdf.xml").bytes()).getDocumentElement();
        byte[] pdf = java.util.Base64.getMimeDecoder().decode(text(root, HCSDO, "PdfBinaryText"));
        assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        assertThat(new String(pdf, java.nio.charset.StandardCharsets.US_ASCII).strip()).endsWith("%%EOF");
    }

    static String text(Element parent, String ns, String local) {
        Element e = parent.getLocalName().equals(local) && ns.equals(parent.getNamespaceURI()) ? parent
                : Dom.all(parent, ns, local).stream().findFirst().orElse(null);
        return e == null ? null : e.getTextContent().strip();
    }
}
