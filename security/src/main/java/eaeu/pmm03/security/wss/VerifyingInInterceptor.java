package eaeu.pmm03.security.wss;

import jakarta.xml.soap.SOAPMessage;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.ws.security.wss4j.WSS4JInInterceptor;
import org.apache.wss4j.common.ext.WSSecurityException;
import org.apache.wss4j.dom.WSConstants;
import org.apache.wss4j.dom.handler.WSHandlerConstants;
import org.w3c.dom.Document;

import javax.security.auth.callback.CallbackHandler;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * WSS4J inbound processing of whatever the wsse:Security header holds — UsernameToken (digest, nonce, created),
 * wsu:Timestamp (freshness), XML Signature (verified against the truststore) — with replay caches for nonces and
 * signed timestamps. What must be present is decided afterwards by {@link SecurityCheckInInterceptor} from the
 * signature policy, so the actions are not enforced here ({@code ignoreActions}). A WSS4J failure becomes a specific
 * pmm03 fault ({@link SecurityError}) and is reported to the {@link SecurityAudit}.
 */
public class VerifyingInInterceptor extends WSS4JInInterceptor {

    private final SecurityAudit audit;

    public VerifyingInInterceptor(WsSecuritySettings settings, CallbackHandler passwords, SecurityAudit audit) {
        super(properties(settings, passwords));
        setIgnoreActions(true);
        this.audit = audit == null ? SecurityAudit.NONE : audit;
    }

    static Map<String, Object> properties(WsSecuritySettings s, CallbackHandler passwords) {
        Map<String, Object> p = new HashMap<>();
        // the actions only select what WSS4J prepares (callbacks, crypto, replay caches); they are not enforced
        p.put(WSHandlerConstants.ACTION, WSHandlerConstants.USERNAME_TOKEN + " " + WSHandlerConstants.TIMESTAMP + " "
                + WSHandlerConstants.SIGNATURE);
        p.put(WSHandlerConstants.PASSWORD_TYPE, WSConstants.PW_DIGEST);
        if (passwords != null) {
            p.put(WSHandlerConstants.PW_CALLBACK_REF, passwords);
        }
        p.put(WSHandlerConstants.TIMESTAMP_STRICT, "true");
        p.put(WSHandlerConstants.TTL_TIMESTAMP, String.valueOf(s.timestampTtlSeconds()));
        p.put(WSHandlerConstants.TTL_FUTURE_TIMESTAMP, String.valueOf(s.futureTimestampTtlSeconds()));
        p.put(WSHandlerConstants.TTL_USERNAMETOKEN, String.valueOf(s.timestampTtlSeconds()));
        p.put(WSHandlerConstants.TTL_FUTURE_USERNAMETOKEN, String.valueOf(s.futureTimestampTtlSeconds()));
        p.put(WSHandlerConstants.ENABLE_REVOCATION, "false");
        // MTOM: the signature covers the xop:Include as it stands in the Body and each attachment by its own reference
        // (SwA profile, Attachment-Content-Signature-Transform, digested as a stream); attachments are never
        // inlined into the DOM, so a 25 MB PDF is verified without holding it in memory
        p.put(WSHandlerConstants.EXPAND_XOP_INCLUDE, "false");
        // ... and digested without WSS4J's DOM reference cache keeping a copy of the bytes (D-225)
        p.put(WSS4JInInterceptor.PROCESSOR_MAP, Map.of(WSConstants.SIGNATURE, StreamedAttachmentSignatures.Processor.class));
        // CXF's replay caches (nonces, signed timestamps) are on by default for a receiver whose actions include
        // UsernameToken and Timestamp, as above; they are in memory (per node) unless a ReplayCache is configured
        var crypto = s.verificationCrypto();
        if (crypto != null) {
            p.put(WSHandlerConstants.SIG_VER_PROP_REF_ID, "pmm03.verification.crypto");
            p.put("pmm03.verification.crypto", crypto);
        }
        return p;
    }

    @Override
    public void handleMessage(SoapMessage msg) throws Fault {
        try {
            RereadableAttachments.prepare(msg, hasSignature(msg)); // D-226: the transform's mark/reset reopens the cached part
            super.handleMessage(msg);
        } catch (SoapFault f) {
            WSSecurityException wse = find(f, WSSecurityException.class);
            if (wse == null) {
                throw f;
            }
            SecurityError e = classify(wse, msg);
            StreamedAttachmentSignatures.AttachmentDigestMismatch attachment =
                    find(wse, StreamedAttachmentSignatures.AttachmentDigestMismatch.class);
            String detail = e == SecurityError.NOT_AUTHENTICATED && hasUsernameToken(msg)
                    ? usernameTokenProblem(msg) : attachment != null ? attachment.getMessage() : wse.getMessage();
            audit.refused(new SecurityRefusal(e, detail, codes(msg), null, null, action(msg), messageId(msg), peer(msg),
                    hasSignature(msg)));
            throw e.fault(detail, wse);
        } catch (IllegalArgumentException | NullPointerException | IllegalStateException | ClassCastException ex) {
            // WSS4J's own failures on a malformed header: garbled base64 (Nonce, Password digest), an empty Username
            boolean base64 = String.valueOf(ex.getMessage()).contains("Illegal base64")
                    || String.valueOf(ex.getMessage()).contains("valid bits") || find(ex, IllegalArgumentException.class) != null
                    && !(ex instanceof NullPointerException);
            SecurityError e = base64 ? SecurityError.SECURITY_HEADER : SecurityError.NOT_AUTHENTICATED;
            String detail = base64 ? "a base64 value (wsse:Nonce, wsse:Password digest or a token) is not valid base64"
                    : "the UsernameToken has no usable Username or Password";
            audit.refused(new SecurityRefusal(e, detail, codes(msg), null, null, action(msg), messageId(msg), peer(msg),
                    hasSignature(msg)));
            throw e.fault(detail, null);
        }
    }

    /** Maps a WSS4J exception to the reason a sender can act on. */
    public static SecurityError classify(WSSecurityException e, SoapMessage msg) {
        if (find(e, CertificateExpiredException.class) != null || find(e, CertificateNotYetValidException.class) != null) {
            return SecurityError.CERT_EXPIRED;
        }
        String text = String.valueOf(e.getMessage());
        if (text.contains("replay")) {
            return SecurityError.REPLAY;
        }
        String id = e.getMsgID();
        if ("invalidTimestamp".equals(id)) {
            return SecurityError.STALE_TIMESTAMP;
        }
        if (e.getErrorCode() == WSSecurityException.ErrorCode.MESSAGE_EXPIRED) {
            // WSS4J raises the Timestamp's expiry with "invalidTimestamp"; a UsernameToken's Created without it
            return msg != null && hasUsernameToken(msg) ? SecurityError.STALE_CREATED : SecurityError.STALE_TIMESTAMP;
        }
        if ("certpath".equals(id) || find(e, CertPathValidatorException.class) != null
                || find(e, CertPathBuilderException.class) != null) {
            return SecurityError.CERT_UNTRUSTED;
        }
        if (e.getErrorCode() == WSSecurityException.ErrorCode.INVALID_SECURITY_TOKEN && msg != null && !hasSignature(msg)) {
            return SecurityError.SECURITY_HEADER; // a malformed UsernameToken or Timestamp, no signature involved
        }
        return switch (e.getErrorCode()) {
            case FAILED_CHECK, UNSUPPORTED_ALGORITHM, INVALID_SECURITY_TOKEN -> SecurityError.SIGNATURE_INVALID;
            case SECURITY_TOKEN_UNAVAILABLE -> SecurityError.CERT_UNTRUSTED;
            case FAILED_AUTHENTICATION -> msg != null && hasSignature(msg) && !hasUsernameToken(msg)
                    ? SecurityError.CERT_UNTRUSTED : SecurityError.NOT_AUTHENTICATED;
            default -> SecurityError.SECURITY_HEADER;
        };
    }

    /**
     * What was wrong with a refused UsernameToken, as far as it is safe to say (D-162): a token the node cannot check
     * (password as PasswordText, no Nonce or Created) is named as such; otherwise the user is unknown or the
     * password wrong, and which of the two is not said (that would tell a prober which user names exist).
     */
    static String usernameTokenProblem(SoapMessage msg) {
        Document d = envelope(msg);
        org.w3c.dom.Element token = (org.w3c.dom.Element) d.getElementsByTagNameNS(WSConstants.WSSE_NS, "UsernameToken").item(0);
        org.w3c.dom.Element password = (org.w3c.dom.Element) token.getElementsByTagNameNS(WSConstants.WSSE_NS, "Password").item(0);
        String type = password == null ? "" : password.getAttribute("Type");
        if (password == null || type.isEmpty() || type.endsWith("#PasswordText")) {
            return "the UsernameToken password must be a PasswordDigest (Type=\"" + WSConstants.PASSWORD_DIGEST
                    + "\" with wsse:Nonce and wsu:Created), not " + (password == null ? "absent" : "PasswordText")
                    + " / пароль UsernameToken должен передаваться как PasswordDigest (с wsse:Nonce и wsu:Created), "
                    + "а не " + (password == null ? "отсутствовать" : "открытым текстом (PasswordText)");
        }
        if (token.getElementsByTagNameNS(WSConstants.WSSE_NS, "Nonce").getLength() == 0
                || token.getElementsByTagNameNS(WSConstants.WSU_NS, "Created").getLength() == 0) {
            return "the UsernameToken lacks wsse:Nonce or wsu:Created, which the password digest needs"
                    + " / в UsernameToken нет wsse:Nonce или wsu:Created, необходимых для дайджеста пароля";
        }
        return "unknown user or wrong password / неизвестный пользователь или неверный пароль";
    }

    static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    static Set<String> codes(SoapMessage msg) {
        try {
            return MessageCodes.of(msg);
        } catch (RuntimeException e) {
            return Set.of();
        }
    }

    static Document envelope(SoapMessage msg) {
        SOAPMessage saaj = msg.getContent(SOAPMessage.class);
        return saaj == null ? null : saaj.getSOAPPart();
    }

    static boolean hasSignature(SoapMessage msg) {
        Document d = envelope(msg);
        return d != null && d.getElementsByTagNameNS(WSConstants.SIG_NS, "Signature").getLength() > 0;
    }

    static boolean hasUsernameToken(SoapMessage msg) {
        Document d = envelope(msg);
        return d != null && d.getElementsByTagNameNS(WSConstants.WSSE_NS, "UsernameToken").getLength() > 0;
    }

    static String action(SoapMessage msg) {
        Document d = envelope(msg);
        if (d != null) {
            var l = d.getElementsByTagNameNS(MessageCodes.WSA, "Action");
            if (l.getLength() > 0) {
                return l.item(0).getTextContent();
            }
        }
        try {
            return org.apache.cxf.binding.soap.interceptor.SoapActionInInterceptor.getSoapAction(msg);
        } catch (RuntimeException e) {
            return null;
        }
    }

    static String messageId(SoapMessage msg) {
        Document d = envelope(msg);
        if (d != null) {
            var l = d.getElementsByTagNameNS(MessageCodes.WSA, "MessageID");
            if (l.getLength() > 0) {
                return l.item(0).getTextContent();
            }
        }
        return null;
    }

    static String peer(SoapMessage msg) {
        Object req = msg.get("HTTP.REQUEST");
        if (req == null) {
            return null;
        }
        try {
            return (String) req.getClass().getMethod("getRemoteAddr").invoke(req);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
