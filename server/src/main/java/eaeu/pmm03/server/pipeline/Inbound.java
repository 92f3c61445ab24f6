package eaeu.pmm03.server.pipeline;

import eaeu.pmm03.contract.ccdo.EDocHeaderType;
import eaeu.pmm03.security.identity.Participant;
import org.w3c.dom.Document;

/**
 * An inbound EEC document on its way through the pipeline.
 *
 * @param messageCode the message the operation carries (e.g. P.MM.03.MSG.001)
 * @param document    the EEC document alone (its own DOM document: it can be validated, stored, signed as is)
 * @param xml         the document serialized (what is journaled and hashed)
 * @param sha256      hash of {@code xml}: idempotency compares it
 * @param sender      the authenticated participant
 * @param envelope    addressing and security facts of the envelope
 */
public record Inbound(String messageCode, Document document, String xml, String sha256, Participant sender,
                      Envelope envelope) {

    /** Addressing and security facts of the SOAP envelope that carried the document. */
    public record Envelope(String action, String messageId, String relatesTo, String conversationId,
                           String procedureId, boolean signed) {
        public static Envelope none() {
            return new Envelope(null, null, null, null, null, false);
        }
    }

    /** The journal line of this inbound message (identifiers, sender, envelope, document); callers add the result. */
    public eaeu.pmm03.server.journal.JournalEntry.Builder journalLine() {
        return eaeu.pmm03.server.journal.JournalEntry.in().message(messageCode).edocId(edocId()).edocRefId(edocRefId())
                .participant(sender.id()).action(envelope.action()).messageId(envelope.messageId())
                .relatesTo(envelope.relatesTo()).conversationId(envelope.conversationId())
                .procedureId(envelope.procedureId()).signed(envelope.signed()).content(sha256, xml);
    }

    public String rootName() {
        return document.getDocumentElement().getLocalName();
    }

    /** The EDocHeader read straight from the DOM (available before the document is bound to Java). */
    public String edocId() {
        return headerText("EDocId");
    }

    public String edocRefId() {
        return headerText("EDocRefId");
    }

    private String headerText(String local) {
        var list = document.getElementsByTagNameNS("*", local);
        return list.getLength() == 0 ? null : list.item(0).getTextContent().trim();
    }

    public static EDocHeaderType header(Object document) {
        try {
            return (EDocHeaderType) document.getClass().getMethod("getEDocHeader").invoke(document);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException(document.getClass() + " has no EDocHeader", e);
        }
    }
}
