package eaeu.pmm03.server.transport;

import org.apache.cxf.binding.soap.Soap11;
import org.apache.cxf.binding.soap.Soap12;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.phase.Phase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamException;
import java.io.CharConversionException;
import java.nio.charset.CharacterCodingException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place where every SOAP fault of the node gets its code, text and HTTP status (decision D-111), run first
 * in the out-fault chain of every endpoint:
 * <ul>
 *   <li>the caller's mistakes are {@code Client} (SOAP 1.1, HTTP 500 as SOAP 1.1 requires) / {@code env:Sender}
 *   (SOAP 1.2, HTTP 400); a request above a limit gets HTTP 413 in both versions; our own failures are
 *   {@code Server}/{@code env:Receiver} with HTTP 500 — retry those, never the others;</li>
 *   <li>faults the node raised itself (subcode in {@link Faults#NS}) keep their text; what CXF, Woodstox, SAAJ or
 *   WSS4J raised is classified by its cause ({@link TransportError}) and gets a bilingual text naming the problem,
 *   without the name of any internal class ("Problems creating SAAJ object model", WstxLazyException, "Java heap
 *   space" never reach the sender — they go to the log).</li>
 * </ul>
 */
public final class FaultMapping extends AbstractSoapInterceptor {

    private static final Logger log = LoggerFactory.getLogger(FaultMapping.class);

    /** Woodstox / CXF limit messages: "Maximum Element Depth limit (48) Exceeded", "Text size limit (…) exceeded". */
    private static final Pattern LIMIT = Pattern.compile(
            "(?i)(maximum [a-z ]+?|text size|[a-z ]*characters?) limit \\((\\d+)\\) exceeded");
    private static final Pattern CXF_LIMIT = Pattern.compile("(?i)(maxElementCount|maxChildElements|innerElementLevelThreshold"
            + "|innerElementCountThreshold|maxElementDepth|maxAttributeCount|maxAttributeSize|maxTextLength|maxXMLCharacters)");
    /** Qualified Java class names (and bare *Exception / *Error names) that must not reach a client. */
    private static final Pattern CLASS_NAME = Pattern.compile(
            "\\b(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*|\\b[A-Z][A-Za-z0-9_]*(?:Exception|Error)\\b:?\\s*");

    private static final Pattern INTERNAL_WORDS = Pattern.compile("Exception|\\bjava\\.|\\borg\\.apache|com\\.ctc|\\bjakarta\\.");

    private final RequestLimits limits;

    public FaultMapping(RequestLimits limits) {
        super(Phase.SETUP);
        this.limits = limits;
    }

    @Override
    public void handleMessage(SoapMessage msg) {
        Exception ex = msg.getContent(Exception.class);
        if (ex == null) {
            return;
        }
        SoapFault f = classify(ex, limits);
        boolean soap12 = msg.getVersion() == Soap12.getInstance();
        f.setStatusCode(status(f, soap12 && !oneWayPort(msg)));
        QName code = f.getFaultCode();
        if (code == null || !"VersionMismatch".equals(code.getLocalPart())) {
            boolean sender = isSender(code);
            f.setFaultCode(soap12 ? (sender ? Soap12.getInstance().getSender() : Soap12.getInstance().getReceiver())
                    : (sender ? Soap11.getInstance().getSender() : Soap11.getInstance().getReceiver()));
        }
        QName sub = f.getSubCode();
        if (!soap12 && sub != null && !f.hasDetails() && f.getMessage() != null
                && !f.getMessage().contains(sub.getLocalPart())) {
            // SOAP 1.1 has no subcodes: the code leads the text
            f.setMessage(sub.getLocalPart() + ": " + f.getMessage());
        }
        msg.setContent(Exception.class, f);
    }

    /**
     * A one-way operation or a port of them (the Eec ports, robust one-way): CXF's robust one-way clients read a fault
     * only from HTTP 500, so a Sender fault keeps 500 there; its code still says Sender (D-111).
     */
    private static boolean oneWayPort(SoapMessage msg) {
        var ex = msg.getExchange();
        if (ex == null || ex.getEndpoint() == null || ex.getEndpoint().getEndpointInfo().getBinding() == null) {
            return false;
        }
        var bop = ex.getBindingOperationInfo();
        if (ex.isOneWay() || bop != null && bop.getOperationInfo().isOneWay()) {
            return true; // a one-way operation of a synchronous port (MSG.013 NotifyInclusion)
        }
        String port = ex.getEndpoint().getEndpointInfo().getName().getLocalPart();
        var ops = ex.getEndpoint().getEndpointInfo().getBinding().getOperations();
        return port.endsWith("Eec") || port.endsWith("EecReply")
                || !ops.isEmpty() && ops.stream().allMatch(o -> o.getOperationInfo().isOneWay());
    }

    /** HTTP status of a fault: 413 for a transport limit, 500 for Receiver and for every SOAP 1.1 fault, else 400. */
    static int status(SoapFault f, boolean soap12) {
        QName sub = f.getSubCode();
        if (sub != null && TransportError.TOO_LARGE.code().equals(sub.getLocalPart()) && !f.hasDetails()) {
            // a limit of the transport; a refusal carrying its R.006 (an attachment above pmm03.attachments.max-size,
            // D-81) is the respondent's answer and keeps the status clients read answers from
            return 413;
        }
        if (!isSender(f.getFaultCode())) {
            return 500;
        }
        return soap12 ? 400 : 500;
    }

    static boolean isSender(QName code) {
        if (code == null) {
            return false;
        }
        String l = code.getLocalPart().toLowerCase(Locale.ROOT);
        return l.equals("client") || l.equals("sender") || l.equals("versionmismatch") || l.equals("mustunderstand")
                || l.equals("dataencodingunknown");
    }

    /** The fault to send for whatever was thrown. */
    static SoapFault classify(Throwable ex, RequestLimits limits) {
        SoapFault own = ownFault(ex);
        if (own != null) {
            return own;
        }
        if (find(ex, OutOfMemoryError.class) != null) {
            log.error("out of memory while reading or processing a request", ex);
            return Faults.of(TransportError.INTERNAL, "the node is short of memory", "у узла недостаточно памяти");
        }
        RequestGate.TooLarge big = find(ex, RequestGate.TooLarge.class);
        if (big != null) {
            return Faults.of(TransportError.TOO_LARGE, big.en(), big.ru());
        }
        String all = messages(ex);
        Matcher m = LIMIT.matcher(all);
        if (m.find()) {
            String what = m.group(1).trim().replaceFirst("(?i)^maximum ", "").toLowerCase(Locale.ROOT);
            String property = property(what, limits);
            return Faults.of(TransportError.TOO_LARGE, what + " limit " + m.group(2) + " (" + property + ")",
                    "ограничение «" + what + "» = " + m.group(2) + " (" + property + ")");
        }
        Matcher c = CXF_LIMIT.matcher(all);
        if (c.find()) {
            return Faults.of(TransportError.TOO_LARGE, c.group(1) + " (pmm03.limits)", c.group(1) + " (pmm03.limits)");
        }
        if (all.contains("DTD") || all.contains("DOCTYPE")) {
            return Faults.of(TransportError.XML, "a DOCTYPE (DTD, entities) is not allowed",
                    "DOCTYPE (DTD, сущности) не допускается");
        }
        Throwable xml = firstOf(ex, XMLStreamException.class, org.xml.sax.SAXException.class,
                CharConversionException.class, CharacterCodingException.class);
        if (xml != null) {
            String why = clean(xml.getMessage());
            return Faults.of(TransportError.XML, why, why);
        }
        if (find(ex, java.util.NoSuchElementException.class) != null) {
            return Faults.of(TransportError.ENVELOPE, "the envelope ends without a soap:Body",
                    "конверт закончился без soap:Body");
        }
        if (all.contains("ase64")) {
            return Faults.of(TransportError.ENVELOPE, "a base64 value of the wsse:Security header (Nonce, Password digest"
                    + " or token) is not valid base64", "значение base64 в заголовке wsse:Security (Nonce, дайджест пароля"
                    + " или токен) не является корректным base64");
        }
        Fault fault = find(ex, Fault.class);
        boolean sender = fault != null && isSender(fault.getFaultCode());
        if (fault instanceof SoapFault sf && sf.getFaultCode() != null
                && "VersionMismatch".equals(sf.getFaultCode().getLocalPart())) {
            SoapFault v = Faults.of(TransportError.ENVELOPE, "the envelope's SOAP version does not match this port"
                    + " (SOAP 1.1: text/xml and http://schemas.xmlsoap.org/soap/envelope/; SOAP 1.2: application/soap+xml"
                    + " and http://www.w3.org/2003/05/soap-envelope)", "версия SOAP конверта не соответствует порту");
            v.setFaultCode(sf.getFaultCode());
            return v;
        }
        if (sender || looksLikeSendersMistake(all)) {
            String why = clean(fault == null ? ex.getMessage() : fault.getMessage());
            return Faults.of(TransportError.ENVELOPE, why, why);
        }
        log.error("internal error while handling a request", ex);
        return Faults.of(TransportError.INTERNAL, null, null);
    }

    /** The pmm03.limits property behind a parser limit, with its value where it is a size. */
    private static String property(String what, RequestLimits limits) {
        if (what.contains("text")) {
            return "pmm03.limits.inline-binary = " + RequestLimits.human(limits.getInlineBinary().toBytes())
                    + " of base64 content";
        }
        if (what.contains("depth")) {
            return "pmm03.limits.element-depth";
        }
        if (what.contains("child")) {
            return "pmm03.limits.child-elements";
        }
        if (what.contains("attribute size") || what.contains("attribute value")) {
            return "pmm03.limits.attribute-length";
        }
        if (what.contains("attribute")) {
            return "pmm03.limits.attribute-count";
        }
        if (what.contains("element")) {
            return "pmm03.limits.element-count";
        }
        return "pmm03.limits.request-body = " + RequestLimits.human(limits.getRequestBody().toBytes());
    }

    /** What CXF reports as a server error although the request is at fault. */
    private static boolean looksLikeSendersMistake(String all) {
        return all.contains("was not recognized") || all.contains("No such operation") || all.contains("Unexpected wrapper")
                || all.contains("Unexpected element") || all.contains("No binding operation info")
                || all.contains("Couldn't parse stream") || all.contains("Invalid SOAP") || all.contains("SOAP envelope");
    }

    /** A fault this node raised itself (pmm03 subcode), as it is. */
    private static SoapFault ownFault(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SoapFault sf && sf.getSubCode() != null && Faults.NS.equals(sf.getSubCode().getNamespaceURI())) {
                String m = sf.getMessage();
                if (m != null && INTERNAL_WORDS.matcher(m).find()) {
                    sf.setMessage(CLASS_NAME.matcher(m).replaceAll("").replaceAll("\\s+", " ").trim());
                }
                return sf;
            }
        }
        return null;
    }

    /** The first line of a parser's message, without class names and Woodstox's "{unknown-source}". */
    static String clean(String s) {
        if (s == null || s.isBlank()) {
            return "unreadable request";
        }
        String t = s.replace("{unknown-source}", "").replaceAll("\\s+at \\[row,col[^\\]]*\\]:\\s*\\[(\\d+),(\\d+)\\]",
                " (line $1, column $2)");
        t = CLASS_NAME.matcher(t).replaceAll("").replaceAll("\\s+", " ").trim();
        t = t.replace("Problems creating SAAJ object model", "the SOAP envelope cannot be read");
        return t.length() > 400 ? t.substring(0, 400) + "…" : t.isEmpty() ? "unreadable request" : t;
    }

    private static String messages(Throwable ex) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            sb.append(t.getMessage()).append(" | ");
        }
        return sb.toString();
    }

    @SafeVarargs
    private static Throwable firstOf(Throwable ex, Class<? extends Throwable>... types) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (Class<? extends Throwable> c : types) {
                if (c.isInstance(t)) {
                    return t;
                }
            }
            if (t.getClass().getName().startsWith("com.ctc.wstx.exc.")) {
                return t;
            }
        }
        return null;
    }

    static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }
}
