package eaeu.pmm03.security.wss;

import eaeu.pmm03.security.identity.Participant;
import eaeu.pmm03.security.identity.ParticipantPrincipal;
import eaeu.pmm03.security.identity.ParticipantRegistry;
import eaeu.pmm03.security.policy.SignaturePolicy;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.interceptor.security.DefaultSecurityContext;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.security.SecurityContext;
import org.apache.cxf.security.transport.TLSSessionInfo;
import org.apache.wss4j.dom.WSConstants;
import org.apache.wss4j.dom.WSDataRef;
import org.apache.wss4j.dom.engine.WSSecurityEngineResult;
import org.apache.wss4j.dom.handler.WSHandlerConstants;
import org.apache.wss4j.dom.handler.WSHandlerResult;
import org.apache.wss4j.dom.message.token.Timestamp;
import org.apache.wss4j.dom.util.WSSecurityUtil;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import javax.security.auth.x500.X500Principal;
import java.security.Principal;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * After WSS4J has verified whatever the Security header holds: applies the signature policy of the message
 * (require → a signature must be there), checks that a signature covers the SOAP Body, the wsu:Timestamp (which
 * must be there) and every WS-Addressing header present, with accepted algorithms only (no SHA-1), and — on a node,
 * given the participant registry — establishes who the sender is: the participant of the signing certificate and of
 * the UsernameToken (and of a TLS client certificate, if any) must be one and the same. The result is a
 * {@link ParticipantPrincipal} in the message's SecurityContext (what WebServiceContext.getUserPrincipal() returns).
 */
public class SecurityCheckInInterceptor extends AbstractSoapInterceptor {

    /** Message property: Boolean, whether the inbound message carried a verified signature. */
    public static final String SIGNED = "pmm03.security.signed";
    /** Message property: the {@link SignaturePolicy.Mode} applied to the inbound message. */
    public static final String MODE = "pmm03.security.mode";

    private final WsSecuritySettings settings;
    private final ParticipantRegistry registry;
    private final String expectedSigner;
    private final SecurityAudit audit;

    /**
     * @param registry       participants (a node: identity is established and required); null on a client
     * @param expectedSigner on a client: the participant whose signature answers must bear (null: any registered)
     */
    public SecurityCheckInInterceptor(WsSecuritySettings settings, ParticipantRegistry registry, String expectedSigner,
                                      SecurityAudit audit) {
        super(Phase.PRE_PROTOCOL);
        getAfter().add(VerifyingInInterceptor.class.getName());
        getAfter().add(org.apache.cxf.ws.security.wss4j.WSS4JInInterceptor.class.getName());
        this.settings = settings;
        this.registry = registry;
        this.expectedSigner = expectedSigner;
        this.audit = audit == null ? SecurityAudit.NONE : audit;
    }

    @Override
    public void handleMessage(SoapMessage msg) throws Fault {
        Document env = VerifyingInInterceptor.envelope(msg);
        if (env == null) {
            return; // e.g. a GET for the WSDL
        }
        Set<String> codes = VerifyingInInterceptor.codes(msg);
        SignaturePolicy.Mode mode = settings.policy().strictest(codes);
        msg.put(MODE, mode);

        List<WSSecurityEngineResult> signatures = new ArrayList<>();
        Element timestamp = null;
        String user = null;
        List<?> results = (List<?>) msg.get(WSHandlerConstants.RECV_RESULTS);
        if (results != null) {
            for (Object o : results) {
                for (WSSecurityEngineResult r : ((WSHandlerResult) o).getResults()) {
                    Integer action = (Integer) r.get(WSSecurityEngineResult.TAG_ACTION);
                    if (action == null) {
                        continue;
                    }
                    if (action == WSConstants.SIGN) {
                        signatures.add(r);
                    } else if (action == WSConstants.TS) {
                        Timestamp ts = (Timestamp) r.get(WSSecurityEngineResult.TAG_TIMESTAMP);
                        timestamp = ts == null ? null : ts.getElement();
                    } else if (action == WSConstants.UT || action == WSConstants.UT_NOPASSWORD) {
                        Principal p = (Principal) r.get(WSSecurityEngineResult.TAG_PRINCIPAL);
                        user = p == null ? null : p.getName();
                    }
                }
            }
        }
        boolean signed = !signatures.isEmpty();
        msg.put(SIGNED, signed);
        Element body = WSSecurityUtil.findBodyElement(env);
        boolean fault = body != null && MessageCodes.firstChild(body) != null
                && "Fault".equals(MessageCodes.firstChild(body).getLocalName());

        if (!signed && mode == SignaturePolicy.Mode.REQUIRE && !fault) {
            throw refuse(msg, SecurityError.SIGNATURE_MISSING, "policy of " + codes + " is require", codes, null,
                    user, false);
        }
        X509Certificate cert = null;
        if (signed) {
            Set<Element> covered = new LinkedHashSet<>();
            Set<String> coveredParts = new LinkedHashSet<>();
            for (WSSecurityEngineResult r : signatures) {
                String method = (String) r.get(WSSecurityEngineResult.TAG_SIGNATURE_METHOD);
                if (!settings.acceptedSignatures().contains(method)) {
                    throw refuse(msg, SecurityError.SIGNATURE_INVALID, "signature method " + method
                            + " is not accepted", codes, null, user, true);
                }
                X509Certificate c = (X509Certificate) r.get(WSSecurityEngineResult.TAG_X509_CERTIFICATE);
                if (c == null) {
                    throw refuse(msg, SecurityError.CERT_UNTRUSTED, "the signature carries no X.509 certificate",
                            codes, null, user, true);
                }
                if (cert != null && !cert.equals(c)) {
                    throw refuse(msg, SecurityError.SIGNATURE_INVALID, "signatures by more than one certificate",
                            codes, null, user, true);
                }
                cert = c;
                @SuppressWarnings("unchecked")
                List<WSDataRef> refs = (List<WSDataRef>) r.get(WSSecurityEngineResult.TAG_DATA_REF_URIS);
                if (refs != null) {
                    for (WSDataRef ref : refs) {
                        if (!settings.acceptedDigests().contains(ref.getDigestAlgorithm())) {
                            throw refuse(msg, SecurityError.SIGNATURE_INVALID, "digest method "
                                    + ref.getDigestAlgorithm() + " is not accepted", codes, null, user, true);
                        }
                        if (ref.getProtectedElement() != null) {
                            covered.add(ref.getProtectedElement());
                        }
                        if (ref.isAttachment() && ref.getWsuId() != null) {
                            coveredParts.add(ref.getWsuId().startsWith("cid:") ? ref.getWsuId().substring(4)
                                    : ref.getWsuId());
                        }
                    }
                }
            }
            if (body == null || !contains(covered, body)) {
                throw refuse(msg, SecurityError.SIGNATURE_INVALID, "the soap:Body is not signed", codes, null, user,
                        true);
            }
            if (timestamp == null) {
                throw refuse(msg, SecurityError.SIGNATURE_INVALID, "a signed message needs a wsu:Timestamp", codes,
                        null, user, true);
            }
            if (!contains(covered, timestamp)) {
                throw refuse(msg, SecurityError.SIGNATURE_INVALID, "the wsu:Timestamp is not signed", codes, null,
                        user, true);
            }
            for (Element wsa : MessageCodes.addressingHeaders(env)) {
                if (!contains(covered, wsa)) {
                    throw refuse(msg, SecurityError.SIGNATURE_INVALID, "the WS-Addressing header wsa:"
                            + wsa.getLocalName() + " is not signed", codes, null, user, true);
                }
            }
            // an MTOM attachment is part of the document (the PDF of MSG.016): each one must be signed too
            if (msg.getAttachments() != null) {
                for (org.apache.cxf.message.Attachment a : msg.getAttachments()) {
                    if (!coveredParts.contains(a.getId())) {
                        throw refuse(msg, SecurityError.SIGNATURE_INVALID, "the attachment cid:" + a.getId()
                                + " is not signed", codes, null, user, true);
                    }
                }
            }
        }
        identify(msg, codes, cert, user, signed);
    }

    private void identify(SoapMessage msg, Set<String> codes, X509Certificate cert, String user, boolean signed) {
        if (registry == null) {
            return; // a client without a registry: the answer's signature was verified against the truststore
        }
        Participant byCert = null;
        if (cert != null) {
            byCert = registry.byCertificate(cert).orElse(null);
            if (byCert == null) {
                throw refuse(msg, SecurityError.CERT_UNTRUSTED, "certificate " + cert.getSubjectX500Principal()
                        + " (serial " + cert.getSerialNumber().toString(16) + ") is not registered to a participant",
                        codes, null, user, signed);
            }
        }
        if (expectedSigner != null) {
            if (byCert != null && !byCert.id().equals(expectedSigner)) {
                throw refuse(msg, SecurityError.CERT_UNTRUSTED, "signed by " + byCert.id() + ", expected "
                        + expectedSigner, codes, byCert.id(), null, signed);
            }
            return;
        }
        Participant byUser = null;
        if (user != null) {
            byUser = registry.byUsername(user).orElse(null);
            if (byUser == null) {
                throw refuse(msg, SecurityError.NOT_AUTHENTICATED, "unknown user " + user, codes, null, user, signed);
            }
        }
        Participant byTls = null;
        X509Certificate tlsCert = tlsPeer(msg);
        if (tlsCert != null) {
            byTls = registry.byCertificate(tlsCert).orElse(null);
        }
        Participant who = byCert != null ? byCert : byUser != null ? byUser : byTls;
        if (who == null) {
            throw refuse(msg, SecurityError.NOT_AUTHENTICATED, "no UsernameToken, signature or client certificate"
                    + " of a registered participant", codes, null, user, signed);
        }
        for (Participant other : new Participant[] {byCert, byUser, byTls}) {
            if (other != null && !other.id().equals(who.id())) {
                throw refuse(msg, SecurityError.NOT_AUTHENTICATED, "the credentials name different participants: "
                        + (byCert == null ? "" : "certificate → " + byCert.id() + " ")
                        + (byUser == null ? "" : "user " + user + " → " + byUser.id() + " ")
                        + (byTls == null ? "" : "TLS certificate → " + byTls.id()), codes, who.id(), user, signed);
            }
        }
        List<String> via = new ArrayList<>();
        if (byCert != null) {
            via.add("X509");
        }
        if (byUser != null) {
            via.add("UsernameToken");
        }
        if (byTls != null) {
            via.add("TLS");
        }
        String credential = cert != null ? cert.getSubjectX500Principal().getName(X500Principal.RFC2253)
                : user != null ? user : tlsCert.getSubjectX500Principal().getName(X500Principal.RFC2253);
        ParticipantPrincipal p = new ParticipantPrincipal(who.id(), String.join("+", via), credential);
        msg.put(SecurityContext.class, new DefaultSecurityContext(p, null));
    }

    private static X509Certificate tlsPeer(SoapMessage msg) {
        TLSSessionInfo tls = msg.get(TLSSessionInfo.class);
        if (tls == null || tls.getPeerCertificates() == null || tls.getPeerCertificates().length == 0) {
            return null;
        }
        Certificate c = tls.getPeerCertificates()[0];
        return c instanceof X509Certificate x ? x : null;
    }

    private static boolean contains(Set<Element> covered, Element e) {
        for (Element c : covered) {
            if (c == e || c.isSameNode(e)) {
                return true;
            }
        }
        return false;
    }

    private Fault refuse(SoapMessage msg, SecurityError e, String detail, Set<String> codes, String participant,
                         String credential, boolean signed) {
        audit.refused(new SecurityRefusal(e, detail, codes, participant, credential,
                VerifyingInInterceptor.action(msg), VerifyingInInterceptor.messageId(msg),
                VerifyingInInterceptor.peer(msg), signed));
        return e.fault(detail, null);
    }
}
