package eaeu.pmm03.server.commission;

import eaeu.pmm03.contract.ccdo.EDocHeaderType;
import eaeu.pmm03.contract.csdo.UnifiedCountryCodeType;
import eaeu.pmm03.contract.process.ProcessTable;
import eaeu.pmm03.contract.processingresult.ProcessingResultDetails;
import eaeu.pmm03.contract.resourcestatus.ResourceStatusDetails;

import java.time.Instant;
import java.util.Collection;
import java.util.UUID;

/** Builds the answer documents of the Commission (R.006 and R.007) with a filled EDocHeader. */
public final class Documents {

    private static final ProcessTable TABLE = ProcessTable.get();

    private Documents() {}

    public static EDocHeaderType header(String messageCode, String refId) {
        ProcessTable.Message m = TABLE.message(messageCode);
        EDocHeaderType h = new EDocHeaderType();
        h.setInfEnvelopeCode(m.code());
        h.setEDocCode(m.structure());
        h.setEDocId(UUID.randomUUID().toString());
        h.setEDocRefId(refId);
        h.setEDocDateTime(Times.now());
        h.setLanguageCode("ru");
        return h;
    }

    /** R.006: the result of processing (MSG.004, MSG.009, MSG.012, MSG.015, and error answers). */
    public static ProcessingResultDetails result(String messageCode, String refId, Instant eventTime, String resultCode,
                                                 String description) {
        TABLE.resultCode(resultCode); // only codes of the table
        ProcessingResultDetails r = new ProcessingResultDetails();
        r.setEDocHeader(header(messageCode, refId));
        r.setEventDateTime(eventTime == null ? Times.now() : Times.xml(eventTime));
        r.setProcessingResultV2Code(resultCode);
        r.setDescriptionText(description == null || description.isEmpty() ? null
                : description.length() <= 4000 ? description : description.substring(0, 4000));
        return r;
    }

    /**
     * The R.006 of a refusal: the error code and its reason, referring to the refused document when its EDocId is a
     * UUID (otherwise the refusal cannot name it and EDocRefId is left out).
     */
    public static ProcessingResultDetails refusal(String messageCode, String refId, String resultCode, String description) {
        return result(messageCode, validUuid(refId), null, resultCode, description);
    }

    static String validUuid(String s) {
        try {
            return s == null ? null : java.util.UUID.fromString(s).toString().equals(s.toLowerCase()) ? s : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The description of a success code, in both languages. */
    public static String describe(String resultCode) {
        ProcessTable.ResultCode c = TABLE.resultCode(resultCode);
        return c.en() + " / " + c.ru();
    }

    /** R.007: the update time of the unified database (MSG.006), echoing the countries asked for. */
    public static ResourceStatusDetails status(String messageCode, String refId, Instant updateTime,
                                               Collection<String> countries, String codeListId) {
        ResourceStatusDetails s = new ResourceStatusDetails();
        s.setEDocHeader(header(messageCode, refId));
        s.setUpdateDateTime(Times.xml(updateTime));
        for (String c : countries) {
            UnifiedCountryCodeType cc = new UnifiedCountryCodeType();
            cc.setValue(c);
            cc.setCodeListId(codeListId);
            s.getUnifiedCountryCode().add(cc);
        }
        return s;
    }
}
