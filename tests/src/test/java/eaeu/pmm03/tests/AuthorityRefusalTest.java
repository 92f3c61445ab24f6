package eaeu.pmm03.tests;

import eaeu.pmm03.client.AuthorityClient;
import eaeu.pmm03.client.ClientSecurityConfigurer;
import eaeu.pmm03.client.Documents;
import eaeu.pmm03.client.EDocHeaders;
import eaeu.pmm03.client.Pmm03Client;
import eaeu.pmm03.client.Pmm03Fault;
import eaeu.pmm03.contract.counterfeitdrug.CounterfeitDrugCorrespondenceDetails;
import eaeu.pmm03.contract.drugmonitoring.DrugMonitoringDetails;
import eaeu.pmm03.contract.processingresult.ProcessingResultDetails;
import eaeu.pmm03.contract.samples.Samples;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * D-142 / D-63 (issue #13 item 5b): an authority node answers a refused MSG.014/MSG.016 with a MSG.015 carrying the
 * error code (P.EXC.004 is an error notification), not with a SOAP fault, and changes nothing; both positive MSG.015
 * say RECEIVED; a refused one-way MSG.013 can only be a fault.
 */
class AuthorityRefusalTest {

    static AuthorityNodes kz;
    static Pmm03Client client;

    @BeforeAll
    static void start() {
        kz = AuthorityNodes.get();
        client = Pmm03Client.builder().authority(kz.authorityUrl())
                .security(ClientSecurityConfigurer.usernameToken(AuthorityNodes.CALLER, AuthorityNodes.CALLER + "-dev-password"))
                .build();
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
    }

    private static CounterfeitDrugCorrespondenceDetails correspondence(String file, String msg, String ref) {
        CounterfeitDrugCorrespondenceDetails d = Documents.read(Samples.byFile(file).bytes(), CounterfeitDrugCorrespondenceDetails.class);
        d.setEDocHeader(EDocHeaders.of(msg).refId(ref).build());
        return d;
    }

    private static int conversations(String id) {
        Integer n = kz.authority().getBean(JdbcTemplate.class)
                .queryForObject("SELECT COUNT(*) FROM conversation WHERE id = ?", Integer.class, id);
        return n == null ? 0 : n;
    }

    @Test
    void aRequestBreakingAFillRuleGetsAMsg015WithTheErrorCode_andNoConversation() {
        AuthorityClient a = client.authority();
        CounterfeitDrugCorrespondenceDetails d = correspondence("cdr-msg014-request.xml", "MSG.014", null);
        d.setOfficialDocDetails(null);
        ProcessingResultDetails r = a.requestAdditionalInfo(d);
        assertThat(r.getEDocHeader().getInfEnvelopeCode()).isEqualTo("P.MM.03.MSG.015");
        assertThat(r.getProcessingResultV2Code()).isEqualTo("ERR_RULE");
        assertThat(r.getDescriptionText()).containsIgnoringCase("table 8, rule 1").contains("OfficialDocDetails");
        assertThat(r.getEDocHeader().getEDocRefId()).isEqualTo(d.getEDocHeader().getEDocId());
        assertThat(conversations(d.getEDocHeader().getEDocId())).as("database untouched").isZero();
    }

    @Test
    void aValidRequestAndItsRepeatAreReceived_anotherContentUnderTheSameIdIsADuplicate() {
        AuthorityClient a = client.authority();
        CounterfeitDrugCorrespondenceDetails d = correspondence("cdr-msg014-request.xml", "MSG.014", null);
        ProcessingResultDetails first = a.requestAdditionalInfo(d);
        assertThat(first.getProcessingResultV2Code()).as(first.getDescriptionText()).isEqualTo("RECEIVED");
        assertThat(a.requestAdditionalInfo(d).getEDocHeader().getEDocId()).isEqualTo(first.getEDocHeader().getEDocId());

        CounterfeitDrugCorrespondenceDetails other = correspondence("cdr-msg014-request.xml", "MSG.014", null);
        other.getEDocHeader().setEDocId(d.getEDocHeader().getEDocId());
        other.getNoteText().clear();
        other.getNoteText().add("другое содержание / different content " + UUID.randomUUID());
        ProcessingResultDetails dup = a.requestAdditionalInfo(other);
        assertThat(dup.getEDocHeader().getInfEnvelopeCode()).isEqualTo("P.MM.03.MSG.015");
        assertThat(dup.getProcessingResultV2Code()).isEqualTo("ERR_DUPLICATE_ID");
    }

    @Test
    void anAnswerToARequestTheNodeNeverSentGetsAMsg015ErrHeader_andARealAnswerIsReceived() {
        AuthorityClient a = client.authority();
        ProcessingResultDetails unknown = a.sendAdditionalInfo(
                correspondence("cdr-msg016-note.xml", "MSG.016", UUID.randomUUID().toString()));
        assertThat(unknown.getEDocHeader().getInfEnvelopeCode()).isEqualTo("P.MM.03.MSG.015");
        assertThat(unknown.getProcessingResultV2Code()).isEqualTo("ERR_HEADER");
        assertThat(unknown.getDescriptionText()).contains("EDocRefId");

        String asked = kz.requestFromCaller();
        ProcessingResultDetails ok = a.sendAdditionalInfo(correspondence("cdr-msg016-note.xml", "MSG.016", asked));
        assertThat(ok.getProcessingResultV2Code()).as(ok.getDescriptionText()).isEqualTo("RECEIVED");
    }

    @Test
    void aRefusedOneWayNotificationIsStillAFault() {
        DrugMonitoringDetails notice = Documents.read(Samples.byFile("dmd-msg013-notify-inclusion.xml").bytes(),
                DrugMonitoringDetails.class);
        notice.getDrugMonitoringItemDetails().forEach(i -> i.getUnifiedCountryCode().setValue("AM"));
        notice.setEDocHeader(EDocHeaders.of("MSG.013").build());
        assertThatThrownBy(() -> client.authority().notifyInclusion(notice))
                .isInstanceOf(Pmm03Fault.class)
                .satisfies(f -> assertThat(((Pmm03Fault) f).resultCode()).isEqualTo("ERR_NOT_AUTHORIZED"));
    }
}
