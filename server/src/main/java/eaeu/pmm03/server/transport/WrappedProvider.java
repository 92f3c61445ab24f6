package eaeu.pmm03.server.transport;

import eaeu.pmm03.contract.process.ProcessTable;
import eaeu.pmm03.security.identity.ParticipantRegistry;
import eaeu.pmm03.security.xml.HardenedXml;
import eaeu.pmm03.server.attachment.AttachmentStore;
import eaeu.pmm03.server.journal.MessageJournal;
import eaeu.pmm03.server.pipeline.Inbound;
import eaeu.pmm03.server.pipeline.XmlText;
import org.w3c.dom.Element;

import javax.xml.namespace.QName;
import javax.xml.transform.Source;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The synchronous (document/literal wrapped) ports: the operation is told by the wrapper element, the EEC document
 * inside it is processed by the service ({@link ServiceCalls}) and its answer returned inside the operation's
 * response wrapper ({@code <Operation>Response}) in the HTTP response. The rest is {@link InboundProvider}.
 */
abstract class WrappedProvider extends InboundProvider {

    private final String namespace;
    private final Map<String, ProcessTable.Transaction> byOperation;
    private final ServiceCalls calls;

    WrappedProvider(String service, ServiceCalls calls, ParticipantRegistry participants, HardenedXml xml,
                    MessageJournal journal, AttachmentStore attachments) {
        super(participants, xml, journal, attachments);
        ProcessTable t = ProcessTable.get();
        this.namespace = t.services().stream().filter(s -> s.name().equals(service)).findFirst().orElseThrow().namespace();
        this.byOperation = t.transactions().stream().filter(x -> x.service().equals(service))
                .collect(Collectors.toMap(ProcessTable.Transaction::operation, Function.identity()));
        this.calls = calls;
    }

    @Override
    public Source invoke(Source request) {
        Element wrapper = XmlText.payload(request);
        ProcessTable.Transaction t = namespace.equals(wrapper.getNamespaceURI()) ? byOperation.get(wrapper.getLocalName()) : null;
        if (t == null) {
            throw Faults.sender("ERR_SCHEMA", "unknown operation element {" + wrapper.getNamespaceURI() + "}"
                    + wrapper.getLocalName() + " / неизвестная операция");
        }
        Inbound in = inbound(t, XmlText.firstChildElement(wrapper));
        ServiceCalls.Reply reply = process(t, in, () -> calls.call(t, in));
        return reply.isNone() ? null : reply.wrapped(new QName(namespace, t.operation() + "Response"));
    }
}
