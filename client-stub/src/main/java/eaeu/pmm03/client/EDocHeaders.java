package eaeu.pmm03.client;

import eaeu.pmm03.contract.ccdo.EDocHeaderType;
import eaeu.pmm03.contract.process.ProcessTable;

import java.util.UUID;

/**
 * Builds the EDocHeader of an outgoing document: InfEnvelopeCode (the message code), EDocCode (the structure of
 * that message in the process table), a new EDocId (UUID), EDocDateTime (now) and LanguageCode.
 */
public final class EDocHeaders {

    private String messageCode;
    private String language = "ru";
    private String edocId;
    private String refId;

    private EDocHeaders(String messageCode) {
        this.messageCode = full(messageCode);
    }

    /** A header of a message, "P.MM.03.MSG.001" or "MSG.001". */
    public static EDocHeaders of(String messageCode) {
        ProcessTable.get().message(full(messageCode)); // only messages of the process
        return new EDocHeaders(messageCode);
    }

    public static String full(String code) {
        return code.startsWith("P.") ? code : "P.MM.03." + code;
    }

    public EDocHeaders language(String lang) {
        this.language = lang;
        return this;
    }

    public EDocHeaders edocId(String id) {
        this.edocId = id;
        return this;
    }

    /** EDocRefId: the EDocId of the document this one answers. */
    public EDocHeaders refId(String id) {
        this.refId = id;
        return this;
    }

    public EDocHeaderType build() {
        EDocHeaderType h = new EDocHeaderType();
        h.setInfEnvelopeCode(messageCode);
        h.setEDocCode(ProcessTable.get().message(messageCode).structure());
        h.setEDocId(edocId == null ? UUID.randomUUID().toString() : edocId);
        h.setEDocRefId(refId);
        h.setEDocDateTime(Dates.now());
        h.setLanguageCode(language);
        return h;
    }
}
