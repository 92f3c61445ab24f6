package eaeu.pmm03.security.wss;

import eaeu.pmm03.security.policy.SignaturePolicy;
import jakarta.xml.soap.SOAPMessage;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.ws.security.wss4j.WSS4JOutInterceptor;
import org.apache.wss4j.dom.WSConstants;
import org.apache.wss4j.dom.handler.HandlerAction;
import org.apache.wss4j.dom.handler.WSHandlerConstants;
import org.apache.wss4j.dom.util.WSSecurityUtil;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import javax.security.auth.callback.CallbackHandler;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Outbound WS-Security decided per message from the signature policy: when the message being sent (told by its
 * Body and wsa:Action, see {@link MessageCodes}) is "sign" or "require", a wsu:Timestamp and an XML Signature
 * (RSA-SHA256, SHA-256 digests, exclusive c14n, X.509 BinarySecurityToken) over the Body, the Timestamp, the
 * UsernameToken and the WS-Addressing headers present are added; otherwise nothing (or only the UsernameToken of a
 * client). The decision is taken when WSS4J asks for its actions, i.e. once the whole envelope is in SAAJ form.
 * SOAP faults are never signed.
 */
public class SigningOutInterceptor extends WSS4JOutInterceptor {

    /** Message property: Boolean, whether this outbound message was signed. */
    public static final String SIGNED = "pmm03.security.signed.out";
    private static final String DECISION = SigningOutInterceptor.class.getName() + ".decision";

    private final WsSecuritySettings settings;
    private final boolean usernameToken;

    private record Decision(List<HandlerAction> actions, String parts, boolean sign) {}

    /**
     * @param username  a client's UsernameToken user (sent on every message), or null (a node's answers)
     * @param callbacks passwords: the UsernameToken's and the signing key's (by keystore alias)
     */
    public SigningOutInterceptor(WsSecuritySettings settings, String username, CallbackHandler callbacks) {
        super(properties(settings, username, callbacks));
        this.settings = settings;
        this.usernameToken = username != null;
    }

    private static Map<String, Object> properties(WsSecuritySettings s, String username, CallbackHandler cb) {
        Map<String, Object> p = new HashMap<>();
        p.put(WSHandlerConstants.ACTION, WSHandlerConstants.NO_SECURITY); // replaced per message, see getProperty
        if (username != null) {
            p.put(WSHandlerConstants.USER, username);
            p.put(WSHandlerConstants.PASSWORD_TYPE, WSConstants.PW_DIGEST);
            p.put(WSHandlerConstants.ADD_USERNAMETOKEN_NONCE, "true");
            p.put(WSHandlerConstants.ADD_USERNAMETOKEN_CREATED, "true");
        }
        if (cb != null) {
            p.put(WSHandlerConstants.PW_CALLBACK_REF, cb);
        }
        if (s.keystore() != null) {
            p.put(WSHandlerConstants.SIGNATURE_USER, s.keystore().alias());
            p.put(WSHandlerConstants.SIG_PROP_REF_ID, "pmm03.signing.crypto");
            p.put("pmm03.signing.crypto", s.signingCrypto());
        }
        p.put(WSHandlerConstants.SIG_KEY_ID, "DirectReference");
        p.put(WSHandlerConstants.USE_SINGLE_CERTIFICATE, "true");
        p.put(WSHandlerConstants.SIG_ALGO, s.signatureAlgorithm());
        p.put(WSHandlerConstants.SIG_DIGEST_ALGO, s.digestAlgorithm());
        p.put(WSHandlerConstants.SIG_C14N_ALGO, s.c14nAlgorithm());
        p.put(WSHandlerConstants.TTL_TIMESTAMP, String.valueOf(s.timestampTtlSeconds()));
        p.put(WSHandlerConstants.MUST_UNDERSTAND, "true");
        // MTOM: sign the xop:Include in the Body as it stands and every attachment by a reference of its own
        // (SwA profile, Attachment-Content-Signature-Transform), streamed; never inline attachments to sign them
        p.put(WSHandlerConstants.EXPAND_XOP_INCLUDE, "false");
        p.put(WSHandlerConstants.STORE_BYTES_IN_ATTACHMENT, "false");
        return p;
    }

    /**
     * On a node, an answer that no policy can sign is let through untouched: WSS4JOutInterceptor would otherwise turn
     * every outbound message into a SAAJ DOM before deciding, so a streamed MSG.008/011 would be held whole in memory
     * (found by the MSG.007 benchmark, docs/benchmarks.md). The answers a request can get are the responses of its
     * transaction; when they are unknown, or any of them is "sign" or "require", nothing changes.
     */
    @Override
    public void handleMessage(SoapMessage m) {
        if (!usernameToken && !org.apache.cxf.message.MessageUtils.isRequestor(m) && !answerMayBeSigned(m)) {
            m.put(SIGNED, false);
            return;
        }
        super.handleMessage(m);
    }

    private boolean answerMayBeSigned(SoapMessage m) {
        org.apache.cxf.message.Message in = m.getExchange() == null ? null : m.getExchange().getInMessage();
        if (!(in instanceof SoapMessage request)) {
            return true;
        }
        Set<String> requestCodes = VerifyingInInterceptor.codes(request);
        Set<String> answers = new java.util.HashSet<>();
        for (eaeu.pmm03.contract.process.ProcessTable.Transaction t
                : eaeu.pmm03.contract.process.ProcessTable.get().transactions()) {
            if (requestCodes.contains(t.request())) {
                answers.addAll(t.responses());
            }
        }
        return answers.isEmpty() || settings.policy().strictest(answers).signsOutgoing();
    }

    @Override
    public Object getProperty(Object ctx, String key) {
        if (ctx instanceof SoapMessage m) {
            if (WSHandlerConstants.HANDLER_ACTIONS.equals(key)) {
                return decide(m).actions();
            }
            if (WSHandlerConstants.SIGNATURE_PARTS.equals(key)) {
                Decision d = decide(m);
                if (d.parts() != null) {
                    return d.parts();
                }
            }
        }
        return super.getProperty(ctx, key);
    }

    private Decision decide(SoapMessage m) {
        Decision d = (Decision) m.get(DECISION);
        if (d != null) {
            return d;
        }
        SOAPMessage saaj = m.getContent(SOAPMessage.class);
        Document env = saaj == null ? null : saaj.getSOAPPart();
        Element body = env == null ? null : WSSecurityUtil.findBodyElement(env);
        Element first = body == null ? null : MessageCodes.firstChild(body);
        boolean fault = first != null && "Fault".equals(first.getLocalName());
        Set<String> codes = env == null ? Set.of() : MessageCodes.ofEnvelope(env);
        SignaturePolicy.Mode mode = settings.policy().strictest(codes);
        boolean sign = !fault && mode.signsOutgoing();
        if (sign && settings.keystore() == null) {
            throw SecurityError.SECURITY_HEADER.fault("the signature policy of " + codes
                    + " asks to sign but pmm03.security.keystore is not configured", null);
        }
        List<HandlerAction> actions = new ArrayList<>();
        if (usernameToken) {
            actions.add(new HandlerAction(WSConstants.UT));
        }
        String parts = null;
        if (sign) {
            actions.add(new HandlerAction(WSConstants.TS));
            actions.add(new HandlerAction(WSConstants.SIGN));
            StringBuilder sb = new StringBuilder();
            sb.append("{Element}{").append(body.getNamespaceURI()).append("}Body;");
            sb.append("{Element}{").append(WSConstants.WSU_NS).append("}Timestamp;");
            if (usernameToken) {
                sb.append("{Element}{").append(WSConstants.WSSE_NS).append("}UsernameToken;");
            }
            for (Element wsa : MessageCodes.addressingHeaders(env)) {
                sb.append("{Element}{").append(wsa.getNamespaceURI()).append('}').append(wsa.getLocalName()).append(';');
            }
            if (m.getAttachments() != null && !m.getAttachments().isEmpty()) {
                sb.append("{Content}cid:Attachments;");
            }
            parts = sb.toString();
        }
        d = new Decision(actions, parts, sign);
        m.put(DECISION, d);
        m.put(SIGNED, sign);
        return d;
    }
}
