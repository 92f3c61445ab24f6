package eaeu.pmm03.server.pipeline;

import eaeu.pmm03.contract.ccdo.EDocHeaderType;
import eaeu.pmm03.contract.process.ProcessTable;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;

/**
 * Stage 2: the EDocHeader must match the message: InfEnvelopeCode is the code of the message the operation
 * carries, EDocCode the structure of that message, EDocId a UUID, EDocDateTime present and not in the future.
 */
@Component
public class HeaderStage {

    /** Clocks of member states differ; a document dated further ahead than this is refused. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(10);

    private final ProcessTable table = ProcessTable.get();

    public void check(String expectedMessage, String rootName, EDocHeaderType h) {
        String path = "/" + rootName + "/EDocHeader";
        ProcessTable.Message m = table.message(expectedMessage);
        if (!m.code().equals(h.getInfEnvelopeCode())) {
            throw new Rejection("ERR_HEADER", null, path + "/InfEnvelopeCode",
                    "код сообщения " + h.getInfEnvelopeCode() + " не соответствует операции, ожидается " + m.code(),
                    "message code " + h.getInfEnvelopeCode() + " does not match the operation, expected " + m.code());
        }
        if (!m.structure().equals(h.getEDocCode())) {
            throw new Rejection("ERR_HEADER", null, path + "/EDocCode",
                    "код структуры " + h.getEDocCode() + " не соответствует сообщению " + m.code() + ", ожидается "
                            + m.structure(),
                    "structure code " + h.getEDocCode() + " does not match message " + m.code() + ", expected "
                            + m.structure());
        }
        try {
            java.util.UUID.fromString(h.getEDocId());
        } catch (IllegalArgumentException e) {
            throw new Rejection("ERR_HEADER", null, path + "/EDocId", "EDocId не является UUID",
                    "EDocId is not a UUID");
        }
        if (h.getEDocDateTime() == null) {
            throw new Rejection("ERR_HEADER", null, path + "/EDocDateTime", "не заполнена дата документа",
                    "EDocDateTime is missing");
        }
        Instant dated = eaeu.pmm03.contract.xml.XmlTimes.instant(h.getEDocDateTime()); // proleptic, as every date (D-101)
        if (dated.isAfter(Instant.now().plus(CLOCK_SKEW))) {
            throw new Rejection("ERR_HEADER", null, path + "/EDocDateTime",
                    "дата документа " + h.getEDocDateTime() + " в будущем",
                    "EDocDateTime " + h.getEDocDateTime() + " lies in the future");
        }
    }
}
