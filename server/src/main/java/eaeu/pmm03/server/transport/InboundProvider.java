package eaeu.pmm03.server.transport;

import eaeu.pmm03.contract.process.ProcessTable;
import eaeu.pmm03.security.identity.Participant;
import eaeu.pmm03.security.identity.ParticipantRegistry;
import eaeu.pmm03.security.wss.SecurityCheckInInterceptor;
import eaeu.pmm03.security.xml.HardenedXml;
import eaeu.pmm03.server.attachment.AttachmentStore;
import eaeu.pmm03.server.attachment.XopForm;
import eaeu.pmm03.server.db.TransientRetry;
import eaeu.pmm03.server.journal.JournalEntry;
import eaeu.pmm03.server.journal.MessageJournal;
import eaeu.pmm03.server.pipeline.Inbound;
import eaeu.pmm03.server.pipeline.Rejection;
import eaeu.pmm03.server.pipeline.XmlText;
import jakarta.annotation.Resource;
import jakarta.xml.ws.Provider;
import jakarta.xml.ws.WebServiceContext;
import jakarta.xml.ws.handler.MessageContext;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.headers.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import javax.xml.transform.Source;
import java.security.Principal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What every SOAP port of the node does with an inbound EEC document, whatever carries it (the wrapper element of
 * the synchronous ports, or the Body itself on the Eec ports): the document is taken out whole, the sender is the
 * participant WS-Security authenticated, the envelope's WS-Addressing and int: headers are read for the journal,
 * and a refusal becomes a specific SOAP fault.
 *
 * <p>Headers are read from CXF's raw header list ({@link Header#HEADER_LIST}): CXF's WS-Addressing codec does not
 * run for Provider&lt;Source&gt; endpoints published from our WSDLs, and when it runs it would itself send answers
 * to a non-anonymous wsa:ReplyTo, which must go through the outbox instead (decision D-65).
 */
abstract class InboundProvider implements Provider<Source> {

    private static final Logger log = LoggerFactory.getLogger(InboundProvider.class);
    static final String INT_NS = "urn:EEC:Interaction:v1.0";
    static final String WSA_NS = "http://www.w3.org/2005/08/addressing";

    private final ParticipantRegistry participants;
    final HardenedXml xml;
    final MessageJournal journal;
    private final AttachmentStore attachmentStore;

    @Resource
    WebServiceContext context;

    InboundProvider(ParticipantRegistry participants, HardenedXml xml, MessageJournal journal,
                    AttachmentStore attachmentStore) {
        this.participants = participants;
        this.xml = xml;
        this.journal = journal;
        this.attachmentStore = attachmentStore;
    }

    /** The EEC document of an operation, checked for presence, as an {@link Inbound} with sender and envelope. */
    Inbound inbound(ProcessTable.Transaction t, Element eec) {
        if (eec == null) {
            throw Faults.sender("ERR_SCHEMA", t.operation() + " carries no EEC document / операция не содержит документа");
        }
        Document doc = XmlText.detach(eec, xml);
        attachments(t, doc);
        String text = XmlText.serialize(doc);
        return new Inbound(t.request(), doc, text, XmlText.sha256(text), sender(t.request(), text), envelope());
    }

    /**
     * The XOP form of the document: MTOM parts and inline base64 PDFs go to the attachment store, the document
     * keeps xop:Include references (see {@link XopForm}). Nothing to do for documents without binary content.
     */
    private void attachments(ProcessTable.Transaction t, Document doc) {
        if (!XopForm.hasIncludes(doc) && XopForm.ATTACHABLE.stream()
                .noneMatch(n -> doc.getElementsByTagNameNS("*", n).getLength() > 0)) {
            return;
        }
        @SuppressWarnings("unchecked")
        Map<String, jakarta.activation.DataHandler> parts = (Map<String, jakarta.activation.DataHandler>)
                context.getMessageContext().get(MessageContext.INBOUND_MESSAGE_ATTACHMENTS);
        try {
            XopForm.internalize(doc, cid -> parts == null ? null : parts.get(cid), attachmentStore);
        } catch (Rejection r) {
            var id = doc.getElementsByTagNameNS("*", "EDocId");
            throw Faults.of(r, t, id.getLength() == 0 ? null : id.item(0).getTextContent().trim());
        }
    }

    /**
     * Runs the service for one inbound document and maps what goes wrong to a SOAP fault: a {@link Rejection} is a
     * Sender fault with the R.006 of the refusal in the detail; anything else a Receiver fault (retry later). A
     * deadlock or Galera certification conflict is retried here first, a bounded number of times ({@link TransientRetry}).
     */
    <T> T process(ProcessTable.Transaction t, Inbound in, Supplier<T> service) {
        // every log line of this message names it (JSON logs: fields EDocId, ConversationID, participant; D-163)
        try (var a = org.slf4j.MDC.putCloseable("EDocId", in.edocId());
             var b = org.slf4j.MDC.putCloseable("ConversationID", in.envelope() == null ? null : in.envelope().conversationId());
             var c = org.slf4j.MDC.putCloseable("participant", in.sender() == null ? null : in.sender().id())) {
            return processLogged(t, in, service);
        }
    }

    private <T> T processLogged(ProcessTable.Transaction t, Inbound in, Supplier<T> service) {
        try {
            return TransientRetry.run(TransientRetry.Bound.DOCUMENT, t.operation(), service);
        } catch (Rejection r) {
            throw Faults.of(r, t, in.edocId());
        } catch (SoapFault f) {
            throw f;
        } catch (TransientRetry.GaveUp g) {
            // contention the node's retries could not get past (D-232): the sender retries later; its own text
            log.warn("{} given up: {}", t.operation(), g.getMessage());
            throw Faults.receiver(g.getMessage(), g);
        } catch (RuntimeException e) {
            if (eaeu.pmm03.server.db.DatabaseOutage.isCause(e)) {
                log.warn("{} refused: database unavailable ({})", t.operation(), e.getMessage());
                throw Faults.receiver(eaeu.pmm03.server.db.DatabaseOutage.TEXT, e);
            }
            log.error("{} failed", t.operation(), e);
            throw Faults.receiver("internal error while processing " + t.operation()
                    + "; the message was not applied, retry later / внутренняя ошибка, повторите позднее", e);
        }
    }

    /** The authenticated participant; an unknown one is journaled and refused. */
    Participant sender(String messageCode, String text) {
        Principal p = context.getUserPrincipal();
        Participant who = participants.byPrincipal(p).orElse(null);
        if (who == null) {
            journal.recordAlone(JournalEntry.in().message(messageCode).participant(p == null ? null : p.getName())
                    .result("ERR_NOT_AUTHORIZED", "unknown or missing user")
                    .content(text == null ? null : XmlText.sha256(text), text).build());
            throw Faults.sender("ERR_NOT_AUTHORIZED", "the sender is not a registered participant / отправитель не"
                    + " зарегистрирован как участник");
        }
        return who;
    }

    /** The WS-Addressing and int: headers of the request by local name (Action, MessageID, ReplyTo, …). */
    Map<String, String> headers() {
        MessageContext mc = context.getMessageContext();
        Map<String, String> h = new HashMap<>();
        @SuppressWarnings("unchecked")
        List<Header> headers = (List<Header>) mc.get(Header.HEADER_LIST);
        if (headers != null) {
            for (Header header : headers) {
                String ns = header.getName().getNamespaceURI();
                if ((INT_NS.equals(ns) || WSA_NS.equals(ns)) && header.getObject() instanceof Element e) {
                    h.put(header.getName().getLocalPart(), e.getTextContent().trim());
                }
            }
        }
        return h;
    }

    /**
     * WS-Addressing (Action, MessageID, RelatesTo), int:ProcedureID / int:ConversationID of the request, and
     * whether it carried a verified XML signature over its Body.
     */
    Inbound.Envelope envelope() {
        MessageContext mc = context.getMessageContext();
        Map<String, String> h = headers();
        String action = h.getOrDefault("Action", (String) mc.get(org.apache.cxf.binding.soap.SoapBindingConstants.SOAP_ACTION));
        // set by SecurityCheckInInterceptor: a signature WSS4J verified, covering the Body (with the document),
        // the wsu:Timestamp and the WS-Addressing headers — the provenance "signed" of the journal and the database
        boolean signed = Boolean.TRUE.equals(mc.get(SecurityCheckInInterceptor.SIGNED));
        return new Inbound.Envelope(action, h.get("MessageID"), h.get("RelatesTo"), h.get("ConversationID"),
                h.get("ProcedureID"), signed);
    }
}
