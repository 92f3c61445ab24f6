package eaeu.pmm03.server.transport;

/**
 * The one table of the node's transport refusals: a fault subcode (namespace {@link Faults#NS}), the HTTP status,
 * and the reason in English and Russian; the detail names the field, element or limit (decision D-111). Refusals by
 * WS-Security have their own table ({@code eaeu.pmm03.security.wss.SecurityError}), refusals of a document's content
 * are result codes of R.006 (pmm03-process.json).
 */
public enum TransportError {

    XML("ERR_XML", 400,
            "the message is not well-formed XML 1.0",
            "сообщение не является корректным XML 1.0"),
    ENVELOPE("ERR_ENVELOPE", 400,
            "the SOAP message does not match the contract of this port",
            "SOAP-сообщение не соответствует контракту порта"),
    TOO_LARGE("ERR_TOO_LARGE", 413,
            "the request exceeds a limit of this node",
            "запрос превышает ограничение узла"),
    MEDIA_TYPE("ERR_MEDIA_TYPE", 415,
            "the Content-Type of the request is not accepted by this port",
            "Content-Type запроса не допускается портом"),
    METHOD("ERR_METHOD", 405,
            "this SOAP port accepts only POST (GET only with ?wsdl or ?xsd)",
            "порт SOAP принимает только POST (GET только с ?wsdl или ?xsd)"),
    INTERNAL("ERR_INTERNAL", 500,
            "the node could not process the message; nothing was applied, retry later",
            "узел не смог обработать сообщение; ничего не применено, повторите позднее");

    private final String code;
    private final int status;
    private final String en;
    private final String ru;

    TransportError(String code, int status, String en, String ru) {
        this.code = code;
        this.status = status;
        this.en = en;
        this.ru = ru;
    }

    public String code() {
        return code;
    }

    /** HTTP status of the refusal (a SOAP 1.1 fault other than 413 is always sent with 500, see FaultMapping). */
    public int status() {
        return status;
    }

    /** "ERR_X: english: detail / русский: detail" (one detail for both when it is a name or a number). */
    public String text(String enDetail, String ruDetail) {
        return code + ": " + en + (enDetail == null ? "" : ": " + enDetail) + " / " + ru
                + (ruDetail == null ? "" : ": " + ruDetail);
    }
}
