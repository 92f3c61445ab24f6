package eaeu.pmm03.server.eec;

import eaeu.pmm03.security.xml.HardenedXml;
import eaeu.pmm03.server.outbox.OutboxMessage;
import eaeu.pmm03.server.pipeline.XmlText;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * The two signals of the integrated-system exchange (decision D-67), namespace urn:EEC:signal:v1.0, schema
 * {@code eaeu/pmm03/contract/xsd/EEC_Signal_v1.0.xsd}: {@code ReceiptSignal} ("the message was received and
 * recorded") and {@code AcceptanceSignal} ("accepted for processing"). Each is a one-way message of its own to the
 * initiator's reply port with wsa:RelatesTo = the request's wsa:MessageID and the request's int: headers.
 */
public final class Signals {

    public static final String NS = "urn:EEC:signal:v1.0";

    /** A signal kind: its element, its code in the outbox (message_code) and its wsa:Action. */
    public enum Kind {
        RECEIPT("ReceiptSignal", "SIG.RECEIPT", OutboxMessage.Status.RECEIVED),
        ACCEPTANCE("AcceptanceSignal", "SIG.ACCEPTANCE", OutboxMessage.Status.ACCEPTED);

        public final String element;
        public final String code;
        public final OutboxMessage.Status status;

        Kind(String element, String code, OutboxMessage.Status status) {
            this.element = element;
            this.code = code;
            this.status = status;
        }

        /** wsa:Action of the signal: urn:EEC:signal:v1.0:ReceiptSignal / …:AcceptanceSignal. */
        public String action() {
            return NS + ":" + element;
        }
    }

    private Signals() {}

    public static Optional<Kind> ofAction(String action) {
        for (Kind k : Kind.values()) {
            if (k.action().equals(action)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /**
     * The signal's own identifier: derived from the request's MessageID, so that a repeated request queues no
     * second signal (the outbox ignores a second row with the same EDocId and target).
     */
    public static String id(Kind kind, String requestMessageId) {
        return UUID.nameUUIDFromBytes((kind.code + "|" + requestMessageId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    public static String document(Kind kind, String id, String requestMessageId, String requestEdocId, HardenedXml xml) {
        Document d = xml.newDocument();
        Element root = d.createElementNS(NS, "sig:" + kind.element);
        d.appendChild(root);
        add(root, "SignalId", id);
        add(root, "SignalDateTime", Instant.now().truncatedTo(ChronoUnit.MICROS).toString());
        add(root, "RefMessageID", requestMessageId);
        if (requestEdocId != null) {
            add(root, "EDocRefId", requestEdocId);
        }
        return XmlText.serialize(d);
    }

    private static void add(Element parent, String name, String text) {
        Element e = parent.getOwnerDocument().createElementNS(NS, "sig:" + name);
        e.setTextContent(text);
        parent.appendChild(e);
    }
}
