package eaeu.pmm03.server.transport;

import org.apache.cxf.binding.soap.SoapFault;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks of the integrated-system headers on the Eec ports (decision D-65): each missing or malformed header is a
 * Sender fault with subcode pmm:ERR_HEADER whose text names the header, before anything is recorded.
 */
final class EecHeaders {

    private static final String UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
    private static final Pattern UUID_P = Pattern.compile(UUID);
    private static final Pattern PROCEDURE = Pattern.compile(UUID + "(/" + UUID + ")*");
    private static final Pattern URI = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:\\S+");
    static final Pattern URN_UUID = Pattern.compile("urn:uuid:(" + UUID + ")");

    private EecHeaders() {}

    static String name(String local) {
        return local.endsWith("ID") && !local.equals("MessageID") ? "int:" + local : "wsa:" + local;
    }

    static SoapFault fault(String header, String ru, String en) {
        return Faults.sender("ERR_HEADER", header + ": " + en + " / " + header + ": " + ru);
    }

    static String required(Map<String, String> h, String local) {
        String v = h.get(local);
        if (v == null || v.isBlank()) {
            String n = name(local);
            throw fault(n, "обязательный заголовок отсутствует", "required header is missing");
        }
        return v;
    }

    static String messageId(Map<String, String> h, String local) {
        String v = required(h, local);
        if (!URI.matcher(v).matches()) {
            throw fault(name(local), "должен быть абсолютным URI (urn:uuid:…)", "must be an absolute URI (urn:uuid:…), got '" + v + "'");
        }
        return v;
    }

    static String conversationId(Map<String, String> h) {
        String v = required(h, "ConversationID");
        if (!UUID_P.matcher(v).matches()) {
            throw fault("int:ConversationID", "должен быть UUID (RFC 4122)", "must be a UUID (RFC 4122), got '" + v + "'");
        }
        return v;
    }

    static String procedureId(Map<String, String> h) {
        String v = required(h, "ProcedureID");
        if (!PROCEDURE.matcher(v).matches()) {
            throw fault("int:ProcedureID", "должен быть UUID или UUID, разделённые «/»",
                    "must be a UUID, or UUIDs separated by '/', got '" + v + "'");
        }
        return v;
    }

    /** wsa:To is optional; when it holds a logical address it must be this node's. */
    static void to(Map<String, String> h, String self) {
        String v = h.get("To");
        if (v != null && v.startsWith("EAEU://") && !v.equals(self)) {
            throw fault("wsa:To", "сообщение адресовано другому участнику", "the message is addressed to " + v
                    + ", this is " + self);
        }
    }
}
