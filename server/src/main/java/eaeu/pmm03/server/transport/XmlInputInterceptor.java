package eaeu.pmm03.server.transport;

import eaeu.pmm03.server.pipeline.Rejection;
import eaeu.pmm03.server.pipeline.XmlInputCheck;
import org.apache.cxf.binding.soap.SoapBinding;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.io.CachedOutputStream;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;

/**
 * Runs {@link XmlInputCheck} on the raw bytes of every inbound SOAP message (the root part of an MTOM message)
 * before any parser reads them (decision D-100). The bytes are copied while they are checked into CXF's
 * {@link CachedOutputStream} (in memory while small, a temporary file beyond its threshold), and the parser then
 * reads the copy. A refusal is a Sender fault {@code pmm:ERR_SCHEMA} naming the problem and where it is.
 */
public final class XmlInputInterceptor extends AbstractPhaseInterceptor<Message> {

    private static final Logger log = LoggerFactory.getLogger(XmlInputInterceptor.class);

    public XmlInputInterceptor() {
        super(Phase.PRE_STREAM);
    }

    @Override
    public void handleMessage(Message message) {
        InputStream in = message.getContent(InputStream.class);
        if (in == null) {
            return;
        }
        CachedOutputStream copy = new CachedOutputStream();
        try {
            XmlInputCheck.copy(in, charset((String) message.get(Message.CONTENT_TYPE)), copy);
            copy.flush();
            message.setContent(InputStream.class, copy.getInputStream());
            copy.close();
        } catch (Rejection r) {
            closeQuietly(copy);
            log.info("inbound message refused before parsing: {}", r.textEn());
            throw sender(message, r.resultCode(), r.description());
        } catch (RequestGate.TooLarge e) {
            // the body crossed pmm03.limits while it streamed in (D-110): a limit, not a broken document
            closeQuietly(copy);
            throw Faults.of(TransportError.TOO_LARGE, e.en(), e.ru());
        } catch (IOException e) {
            closeQuietly(copy);
            throw sender(message, XmlInputCheck.RESULT_CODE, "the message could not be read completely ("
                    + e.getClass().getSimpleName().replace("Exception", "") + ") / сообщение не удалось прочитать полностью");
        }
    }

    /**
     * The charset parameter of the Content-Type as the sender wrote it, or null (CXF's own Message.ENCODING
     * says UTF-8 also when the sender named none, which would hide a UTF-16 document without a charset).
     */
    static String charset(String contentType) {
        if (contentType == null) {
            return null;
        }
        for (String part : contentType.split(";")) {
            String p = part.trim();
            if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                return p.substring(8).trim().replace("\"", "");
            }
        }
        return null;
    }

    /** A Sender fault in the SOAP version of the port (the envelope has not been read yet). */
    private static SoapFault sender(Message message, String code, String text) {
        SoapFault f = Faults.sender(code, text);
        if (message.getExchange() != null && message.getExchange().getEndpoint() != null
                && message.getExchange().getEndpoint().getBinding() instanceof SoapBinding b) {
            f.setFaultCode(b.getSoapVersion().getSender());
        }
        return f;
    }

    private static void closeQuietly(CachedOutputStream c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // nothing kept
        }
    }
}
