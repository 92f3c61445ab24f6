package eaeu.pmm03.server.transport;

import eaeu.pmm03.contract.process.ProcessTable;
import eaeu.pmm03.contract.xml.ContractJaxb;
import eaeu.pmm03.security.identity.Participant;
import eaeu.pmm03.security.identity.ParticipantRegistry;
import eaeu.pmm03.security.wss.SecurityCheckInInterceptor;
import eaeu.pmm03.security.xml.HardenedXml;
import eaeu.pmm03.server.attachment.AttachmentStore;
import eaeu.pmm03.server.attachment.XopForm;
import eaeu.pmm03.server.journal.JournalEntry;
import eaeu.pmm03.server.journal.MessageJournal;
import eaeu.pmm03.server.pipeline.Inbound;
import eaeu.pmm03.server.pipeline.Rejection;
import eaeu.pmm03.server.pipeline.XmlText;
import jakarta.annotation.Resource;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.util.JAXBSource;
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
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The common part of the synchronous (document/literal wrapped) services: the operation is told by the wrapper
 * element, the EEC document is taken out whole, the sender is the authenticated participant, and the envelope's
 * WS-Addressing and int: headers are kept for the journal.
 */
abstract class WrappedProvider implements Provider<Source> {

    private static final Logger log = LoggerFactory.getLogger(WrappedProvider.class);
    static final String INT_NS = "urn:EEC:Interaction:v1.0";
    static final String WSA_NS = "http://www.w3.org/2005/08/addressing";

    private final String namespace;
    private final Map<String, ProcessTable.Transaction> byOperation;
    private final ParticipantRegistry participants;
    private final HardenedXml xml;
    private final MessageJournal journal;
    private final AttachmentStore attachmentStore;

    @Resource
    private WebServiceContext context;

    WrappedProvider(String service, ParticipantRegistry participants, HardenedXml xml, MessageJournal journal,
                    AttachmentStore attachmentStore) {
        ProcessTable t = ProcessTable.get();
        this.namespace = t.services().stream().filter(s -> s.name().equals(service)).findFirst().orElseThrow().namespace();
        this.byOperation = t.transactions().stream().filter(x -> x.service().equals(service))
                .collect(Collectors.toMap(ProcessTable.Transaction::operation, Function.identity()));
        this.participants = participants;
        this.xml = xml;
        this.journal = journal;
        this.attachmentStore = attachmentStore;
    }

    /** Handles the operation; returns the answer (null for a one-way operation). */
    protected abstract Source handle(ProcessTable.Transaction t, Inbound in);

    @Override
    public Source invoke(Source request) {
        Element wrapper = XmlText.toDocument(request).getDocumentElement();
        ProcessTable.Transaction t = namespace.equals(wrapper.getNamespaceURI()) ? byOperation.get(wrapper.getLocalName()) : null;
        if (t == null) {
            throw Faults.sender("ERR_SCHEMA", "unknown operation element {" + wrapper.getNamespaceURI() + "}"
                    + wrapper.getLocalName() + " / неизвестная операция");
        }
        Element eec = XmlText.firstChildElement(wrapper);
        if (eec == null) {
            throw Faults.sender("ERR_SCHEMA", t.operation() + " carries no EEC document / операция не содержит документа");
        }
        Document doc = XmlText.detach(eec, xml);
        attachments(t, doc);
        String text = XmlText.serialize(doc);
        Inbound in = new Inbound(t.request(), doc, text, XmlText.sha256(text), sender(t, text), envelope());
        try {
            return handle(t, in);
        } catch (Rejection r) {
            throw Faults.of(r, t.responses().isEmpty() ? "P.MM.03.MSG.004" : t.responses().get(t.responses().size() - 1),
                    in.edocId());
        } catch (SoapFault f) {
            throw f;
        } catch (RuntimeException e) {
            log.error("{} failed", t.operation(), e);
            throw Faults.receiver("internal error while processing " + t.operation()
                    + "; the message was not applied, retry later / внутренняя ошибка, повторите позднее", e);
        }
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
            throw Faults.of(r, t.responses().isEmpty() ? "P.MM.03.MSG.004" : t.responses().get(t.responses().size() - 1),
                    id.getLength() == 0 ? null : id.item(0).getTextContent().trim());
        }
    }

    private Participant sender(ProcessTable.Transaction t, String text) {
        Principal p = context.getUserPrincipal();
        Participant who = participants.byPrincipal(p).orElse(null);
        if (who == null) {
            journal.recordAlone(JournalEntry.in().message(t.request()).participant(p == null ? null : p.getName())
                    .result("ERR_NOT_AUTHORIZED", "unknown or missing user").content(XmlText.sha256(text), text).build());
            throw Faults.sender("ERR_NOT_AUTHORIZED", "the sender is not a registered participant / отправитель не"
                    + " зарегистрирован как участник");
        }
        return who;
    }

    /**
     * WS-Addressing (Action, MessageID, RelatesTo), int:ProcedureID / int:ConversationID of the request, and
     * whether it carried a verified XML signature over its Body.
     */
    private Inbound.Envelope envelope() {
        MessageContext mc = context.getMessageContext();
        java.util.Map<String, String> h = new java.util.HashMap<>();
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
        String action = h.getOrDefault("Action", (String) mc.get(org.apache.cxf.binding.soap.SoapBindingConstants.SOAP_ACTION));
        // set by SecurityCheckInInterceptor: a signature WSS4J verified, covering the Body (with the document),
        // the wsu:Timestamp and the WS-Addressing headers — the provenance "signed" of the journal and the database
        boolean signed = Boolean.TRUE.equals(mc.get(SecurityCheckInInterceptor.SIGNED));
        return new Inbound.Envelope(action, h.get("MessageID"), h.get("RelatesTo"), h.get("ConversationID"),
                h.get("ProcedureID"), signed);
    }

    static Source jaxb(Object o) {
        try {
            return new JAXBSource(ContractJaxb.context(), o);
        } catch (JAXBException e) {
            throw new IllegalStateException(e);
        }
    }
}
