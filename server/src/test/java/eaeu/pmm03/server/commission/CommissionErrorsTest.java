package eaeu.pmm03.server.commission;

import eaeu.pmm03.contract.commission.IncludeRecord;
import eaeu.pmm03.contract.processingresult.ProcessingResultDetails;
import eaeu.pmm03.contract.samples.Samples;
import eaeu.pmm03.contract.xml.ContractJaxb;
import eaeu.pmm03.security.wss.ClientCredentials;
import eaeu.pmm03.server.NodeTestBase;
import eaeu.pmm03.server.TestDocuments;
import eaeu.pmm03.server.journal.JournalEntry;
import eaeu.pmm03.server.journal.MessageJournal;
import jakarta.xml.ws.Dispatch;
import jakarta.xml.ws.Service;
import jakarta.xml.ws.soap.SOAPFaultException;
import org.apache.cxf.jaxws.DispatchImpl;
import org.apache.cxf.ws.security.wss4j.WSS4JOutInterceptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.w3c.dom.Document;
import org.w3c.dom.Node;

import javax.xml.namespace.QName;
import javax.xml.transform.Source;
import javax.xml.transform.dom.DOMSource;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad input gets a specific answer and leaves the unified database untouched; refusals are journaled. */
class CommissionErrorsTest extends NodeTestBase {

    static final String NS = "urn:pmm03:ws:Commission:v1.0.0";

    @Autowired
    MessageJournal journal;

    /** A raw client: sends any payload (even schema-invalid) inside the IncludeRecord wrapper. */
    private Dispatch<Source> dispatch(String user, String password) {
        Service s = Service.create(new QName(NS, "CommissionService"));
        QName port = new QName(NS, "CommissionSoap11");
        s.addPort(port, jakarta.xml.ws.soap.SOAPBinding.SOAP11HTTP_BINDING, url("/commission"));
        Dispatch<Source> d = s.createDispatch(port, Source.class, Service.Mode.PAYLOAD);
        if (user != null) {
            ((DispatchImpl<?>) d).getClient().getOutInterceptors()
                    .add(new WSS4JOutInterceptor(ClientCredentials.usernameToken(user, password)));
        }
        return d;
    }

    private ProcessingResultDetails includeRaw(byte[] eecDocument, String user) throws Exception {
        Document doc = TestDocuments.parse(eecDocument);
        Document wrapper = TestDocuments.parse(("<IncludeRecord xmlns=\"" + NS + "\"/>").getBytes(StandardCharsets.UTF_8));
        wrapper.getDocumentElement().appendChild(wrapper.importNode(doc.getDocumentElement(), true));
        Source answer = dispatch(user, user + "-dev-password").invoke(new DOMSource(wrapper));
        Document a = eaeu.pmm03.server.pipeline.XmlText.toDocument(answer);
        Node prd = a.getDocumentElement().getFirstChild();
        while (prd.getNodeType() != Node.ELEMENT_NODE) {
            prd = prd.getNextSibling();
        }
        return ContractJaxb.fromDom(prd, ProcessingResultDetails.class);
    }

    static List<Samples.Sample> invalidMonitoringSamples() {
        return Samples.invalid().stream().filter(s -> "R.HC.MM.03.001".equals(s.structure())).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidMonitoringSamples")
    void schemaViolationsAreAnsweredWithErrSchemaNamingTheProblem(Samples.Sample s) throws Exception {
        long before = journal.count();
        ProcessingResultDetails r = includeRaw(s.bytes(), "ru");
        assertThat(r.getProcessingResultV2Code()).isEqualTo("ERR_SCHEMA");
        assertThat(r.getDescriptionText()).contains(s.expectedError());
        assertThat(journal.count()).as("refusal journaled (in and out)").isGreaterThanOrEqualTo(before + 2);
    }

    @Test
    void aSchemaErrorNamesTheElementPath() throws Exception {
        String xml = Samples.byFile("dmd-msg001-include.xml").text()
                .replace("<hcsdo:StatusLowQualityCode>03<", "<hcsdo:StatusLowQualityCode>07<")
                .replace("0b7f4c2e-91d3-4a58-8e6f-3c2d1b0a9f87", UUID.randomUUID().toString());
        ProcessingResultDetails r = includeRaw(xml.getBytes(StandardCharsets.UTF_8), "ru");
        assertThat(r.getProcessingResultV2Code()).isEqualTo("ERR_SCHEMA");
        assertThat(r.getDescriptionText())
                .contains("[/DrugMonitoringDetails/DrugMonitoringItemDetails[1]/DrugMonitoringDetails[1]/StatusLowQualityCode[1]]");
    }

    /** D-11: the basis model's name of M.CDE.00033 is accepted; the seed's misprint (kk 8334) is not. */
    @Test
    void theValidityPeriodCarriesTheBasisModelNameNotTheSeedMisprint() throws Exception {
        String tradeName = "Validity-" + UUID.randomUUID();
        String fresh = Samples.byFile("dmd-msg001-include.xml").text()
                .replace("Ибупрофен-Велфарм Форте", tradeName);
        assertThat(fresh).contains("<ccdo:ValidityPeriodDetails>");
        String misprinted = fresh.replace("ValidityPeriodDetails", "ValidiatyPeriodDetails")
                .replace("0b7f4c2e-91d3-4a58-8e6f-3c2d1b0a9f87", UUID.randomUUID().toString());
        ProcessingResultDetails refused = includeRaw(misprinted.getBytes(StandardCharsets.UTF_8), "ru");
        assertThat(refused.getProcessingResultV2Code()).isEqualTo("ERR_SCHEMA");
        assertThat(refused.getDescriptionText()).contains("ValidiatyPeriodDetails");

        String named = fresh.replace("0b7f4c2e-91d3-4a58-8e6f-3c2d1b0a9f87", UUID.randomUUID().toString());
        ProcessingResultDetails accepted = includeRaw(named.getBytes(StandardCharsets.UTF_8), "ru");
        assertThat(accepted.getProcessingResultV2Code()).as(accepted.getDescriptionText()).isEqualTo("INCLUDED");
    }

    @Test
    void aHeaderThatDoesNotMatchTheOperationIsErrHeader() throws Exception {
        String xml = Samples.byFile("dmd-msg001-include.xml").text()
                .replace(">P.MM.03.MSG.001<", ">P.MM.03.MSG.002<")
                .replace("0b7f4c2e-91d3-4a58-8e6f-3c2d1b0a9f87", UUID.randomUUID().toString());
        ProcessingResultDetails r = includeRaw(xml.getBytes(StandardCharsets.UTF_8), "ru");
        assertThat(r.getProcessingResultV2Code()).isEqualTo("ERR_HEADER");
        assertThat(r.getDescriptionText()).contains("InfEnvelopeCode").contains("P.MM.03.MSG.001");
    }

    @Test
    void theWrongDocumentForTheOperationIsErrSchema() throws Exception {
        ProcessingResultDetails r = includeRaw(Samples.byFile("rsd-msg005-update-time-request.xml").bytes(), "ru");
        assertThat(r.getProcessingResultV2Code()).isEqualTo("ERR_SCHEMA");
        assertThat(r.getDescriptionText()).contains("DrugMonitoringDetails");
    }

    @Test
    void theCommissionItselfMayNotWriteRecords() {
        IncludeRecord r = new IncludeRecord();
        r.setDrugMonitoringDetails(TestDocuments.record("MSG.001", "KZ", "Тест-" + UUID.randomUUID(), "П-1",
                Instant.now().minusSeconds(60), null));
        ProcessingResultDetails a = commission("eec").includeRecord(r).getProcessingResultDetails();
        assertThat(a.getProcessingResultV2Code()).isEqualTo("ERR_NOT_AUTHORIZED");
        List<JournalEntry> lines = journal.about(r.getDrugMonitoringDetails().getEDocHeader().getEDocId());
        assertThat(lines).extracting(JournalEntry::resultCode).contains("ERR_NOT_AUTHORIZED");
        assertThat(lines).extracting(JournalEntry::participant).contains("EEC");
    }

    @Test
    void requestsWithoutCredentialsOrWithAWrongPasswordAreRefused() {
        IncludeRecord r = new IncludeRecord();
        r.setDrugMonitoringDetails(TestDocuments.record("MSG.001", "KZ", "Тест-" + UUID.randomUUID(), "П-1",
                Instant.now().minusSeconds(60), null));
        assertThatThrownBy(() -> commission("kz", "wrong-password", "/commission").includeRecord(r))
                .isInstanceOf(SOAPFaultException.class);
        assertThatThrownBy(() -> dispatch(null, null).invoke(new DOMSource(ContractJaxb.toDom(r))))
                .isInstanceOf(SOAPFaultException.class);
    }

    /** D-113, D-111: a refused MSG.005 on SOAP 1.2 is an env:Sender fault (HTTP 400) with an R.006 headed MSG.006. */
    @Test
    void aRefusedUpdateTimeRequestCarriesAnR006HeadedMsg006() {
        eaeu.pmm03.contract.resourcestatus.ResourceStatusDetails q = ContractJaxb.fromDom(TestDocuments.parse(
                        Samples.byFile("rsd-msg005-update-time-request.xml").text()
                                .replace("e6b1f7a4-2c93-4d58-b0e7-8a4d3c1f9b26", UUID.randomUUID().toString())
                                .replace(">P.MM.03.MSG.005<", ">P.MM.03.MSG.007<").getBytes(StandardCharsets.UTF_8))
                .getDocumentElement(), eaeu.pmm03.contract.resourcestatus.ResourceStatusDetails.class);
        eaeu.pmm03.contract.commission.GetUpdateTime ut = new eaeu.pmm03.contract.commission.GetUpdateTime();
        ut.setResourceStatusDetails(q);
        assertThatThrownBy(() -> commission("kz", "kz-dev-password", "/commission12").getUpdateTime(ut))
                .isInstanceOfSatisfying(SOAPFaultException.class, e -> {
                    assertThat(e.getFault().getFaultCodeAsQName())
                            .isEqualTo(new QName("http://www.w3.org/2003/05/soap-envelope", "Sender"));
                    org.w3c.dom.Element detail = e.getFault().getDetail();
                    assertThat(detail.getElementsByTagNameNS("*", "InfEnvelopeCode").item(0).getTextContent())
                            .isEqualTo("P.MM.03.MSG.006");
                    assertThat(detail.getElementsByTagNameNS("*", "EDocCode").item(0).getTextContent()).isEqualTo("R.006");
                    assertThat(detail.getElementsByTagNameNS("*", "ProcessingResultV2Code").item(0).getTextContent())
                            .isEqualTo("ERR_HEADER");
                });
    }

    @Test
    void theWsdlIsPublishedAndAnswersAreGzippedWhenAsked() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<InputStream> wsdl = http.send(HttpRequest.newBuilder(URI.create(url("/commission?wsdl")))
                .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(wsdl.statusCode()).isEqualTo(200);
        assertThat(wsdl.headers().firstValue("Content-Encoding")).contains("gzip");
        String text = new String(new GZIPInputStream(wsdl.body()).readAllBytes(), StandardCharsets.UTF_8);
        assertThat(text).contains("CommissionService").contains("IncludeRecord").contains("int://CP/P.MM.03/1.0.0/");
    }
}
