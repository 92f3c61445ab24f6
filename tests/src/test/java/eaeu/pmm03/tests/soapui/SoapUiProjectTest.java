package eaeu.pmm03.tests.soapui;

import eaeu.pmm03.tests.NodeTestBase;
import eaeu.pmm03.tests.AuthorityNodes;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The committed SoapUI project is what the samples generate, and every request of it passes against running services. */
class SoapUiProjectTest extends NodeTestBase {

    private static final Path FILE = Path.of(SoapUiProject.FILE);

    @Test
    void theCommittedProjectIsWhatTheSamplesGenerate() throws Exception {
        String generated = SoapUiProject.generate();
        if (Boolean.getBoolean("pmm03.soapui.write")) {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, generated, StandardCharsets.UTF_8);
        }
        assertThat(FILE).as("tests/" + SoapUiProject.FILE + " is missing; regenerate with -Dpmm03.soapui.write=true").exists();
        assertThat(Files.readString(FILE, StandardCharsets.UTF_8))
                .as("tests/%s differs from what the samples generate; regenerate it with -Dpmm03.soapui.write=true",
                        SoapUiProject.FILE)
                .isEqualTo(generated);
    }

    @Test
    void theProjectHasBothInterfacesASuitePerTransactionAndTheAssertionKinds() throws Exception {
        Document d = SoapUiReplay.parse(SoapUiProject.generate());
        Element root = d.getDocumentElement();
        assertThat(SoapUiReplay.children(root, "interface")).extracting(e -> e.getAttribute("name"))
                .containsExactly("CommissionSoap11Binding", "AuthoritySoap11Binding");
        assertThat(SoapUiReplay.children(root, "testSuite")).extracting(e -> e.getAttribute("name").substring(0, 15))
                .containsExactly("P.MM.03.TRN.001", "P.MM.03.TRN.002", "P.MM.03.TRN.003", "P.MM.03.TRN.004",
                        "P.MM.03.TRN.005", "P.MM.03.TRN.006", "P.MM.03.TRN.007", "P.MM.03.TRN.008", "P.MM.03.TRN.009");
        String text = SoapUiProject.generate();
        for (String type : List.of("SOAP Response", "Schema Compliance", "XPath Match", "Not SOAP Fault Assertion",
                "SOAP Fault Assertion")) {
            assertThat(text).contains("type=\"" + type + "\"");
        }
        // the requests are the samples: the include sample's official document and the MSG.014 letter are in it
        assertThat(text).contains("02И-2147/26").contains("КМФК-14/3402");
    }

    @Test
    void everyRequestPassesItsAssertionsAgainstRunningServices() throws Exception {
        // the Commission suites against this Commission node; the Authority suites (as ru) against a real authority
        // node of KZ, whose operator first asks RU for additional information: the MSG.016 cases answer that request
        AuthorityNodes kz = AuthorityNodes.get();
        Document d = SoapUiReplay.parse(SoapUiProject.generate());
        SoapUiReplay replay = new SoapUiReplay(Map.of("Endpoint", base(), "AuthorityEndpoint", kz.base(),
                "AnswerToEDocId", kz.requestFromCaller()), d);
        List<SoapUiReplay.Outcome> out = replay.run(d);
        assertThat(replay.requests()).isGreaterThanOrEqualTo(27);
        assertThat(out).hasSizeGreaterThan(80);
        assertThat(out).filteredOn(o -> !o.pass()).as("failed assertions").isEmpty();
        // the refusals of the authority node were seen in the fault detail
        assertThat(out).extracting(SoapUiReplay.Outcome::assertion).contains("ProcessingResultV2Code ERR_NOT_AUTHORIZED",
                "ProcessingResultV2Code ERR_HEADER", "names Table 9, rule 2");
    }
}
