package eaeu.pmm03.security.wss;

import org.apache.cxf.binding.soap.Soap11;
import org.apache.cxf.binding.soap.SoapFault;

import javax.xml.namespace.QName;

/**
 * Why a message was refused by WS-Security, as a sender can act on it: a pmm03 fault subcode in {@value #NS} and a
 * text in English and Russian. Replaces WSS4J's generic "A security error was encountered when verifying the
 * message".
 */
public enum SecurityError {

    SIGNATURE_INVALID("ERR_SIGNATURE_INVALID",
            "the XML signature is invalid (signed content was changed, a required part is not signed, or the algorithm is not accepted)",
            "некорректная ЭЦП (подписанное содержимое изменено, обязательная часть не подписана или алгоритм не допускается)"),
    SIGNATURE_MISSING("ERR_SIGNATURE_MISSING",
            "this message must carry an XML signature (signature policy: require)",
            "сообщение должно быть подписано ЭЦП (политика подписи: require)"),
    CERT_UNTRUSTED("ERR_CERT_UNTRUSTED",
            "the signing certificate is not issued by a trusted CA or not registered to a participant",
            "сертификат подписи не выдан доверенным удостоверяющим центром или не зарегистрирован за участником"),
    CERT_EXPIRED("ERR_CERT_EXPIRED",
            "the signing certificate has expired or is not yet valid",
            "срок действия сертификата подписи истёк или ещё не наступил"),
    REPLAY("ERR_REPLAY",
            "this message (its timestamp and signature or its UsernameToken nonce) was already received: replay",
            "сообщение (метка времени и подпись или nonce UsernameToken) уже было получено: повтор"),
    STALE_TIMESTAMP("ERR_STALE_TIMESTAMP",
            "the wsu:Timestamp is expired or lies in the future; check the sender's clock and resend a fresh message",
            "метка времени wsu:Timestamp просрочена или указывает в будущее; проверьте часы и отправьте сообщение заново"),
    STALE_CREATED("ERR_STALE_CREATED",
            "the wsu:Created of the UsernameToken is too old or lies in the future; check the sender's clock and resend with a fresh token",
            "время wsu:Created в UsernameToken устарело или указывает в будущее; проверьте часы и отправьте сообщение с новым токеном"),
    NOT_AUTHENTICATED("ERR_NOT_AUTHENTICATED",
            "the sender is not authenticated as a registered participant",
            "отправитель не аутентифицирован как зарегистрированный участник"),
    SECURITY_HEADER("ERR_SECURITY",
            "the wsse:Security header is malformed and cannot be processed",
            "заголовок wsse:Security сформирован неверно и не может быть обработан");

    /** Namespace of pmm03 fault subcodes (the same as the server's Faults.NS). */
    public static final String NS = "urn:pmm03:fault";

    private final String code;
    private final String en;
    private final String ru;

    SecurityError(String code, String en, String ru) {
        this.code = code;
        this.en = en;
        this.ru = ru;
    }

    public String code() {
        return code;
    }

    public String en() {
        return en;
    }

    public String ru() {
        return ru;
    }

    /** "ERR_X: english[: detail] / русский". */
    public String text(String detail) {
        return code + ": " + en + (detail == null || detail.isBlank() ? "" : " (" + detail + ")") + " / " + ru;
    }

    /** A SOAP Sender/Client fault with the subcode pmm:CODE (CXF maps the code to SOAP 1.2 "Sender"). */
    public SoapFault fault(String detail, Throwable cause) {
        SoapFault f = new SoapFault(text(detail), cause, Soap11.getInstance().getSender());
        f.setSubCode(new QName(NS, code, "pmm"));
        return f;
    }
}
