package eaeu.pmm03.security.wss;

import org.apache.wss4j.dom.processor.SignatureProcessor;

import javax.xml.crypto.Data;
import javax.xml.crypto.KeySelectorResult;
import javax.xml.crypto.MarshalException;
import javax.xml.crypto.OctetStreamData;
import javax.xml.crypto.URIDereferencer;
import javax.xml.crypto.XMLStructure;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.Manifest;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.SignatureMethod;
import javax.xml.crypto.dsig.SignatureProperties;
import javax.xml.crypto.dsig.SignatureProperty;
import javax.xml.crypto.dsig.SignedInfo;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLObject;
import javax.xml.crypto.dsig.XMLSignContext;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureException;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.XMLValidateContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfo;
import javax.xml.crypto.dsig.spec.C14NMethodParameterSpec;
import javax.xml.crypto.dsig.spec.DigestMethodParameterSpec;
import javax.xml.crypto.dsig.spec.SignatureMethodParameterSpec;
import javax.xml.crypto.dsig.spec.TransformParameterSpec;
import java.io.InputStream;
import java.security.InvalidAlgorithmParameterException;
import java.security.NoSuchAlgorithmException;
import java.security.NoSuchProviderException;
import java.security.Provider;
import java.util.ArrayList;
import java.util.List;

/**
 * D-225: verifies the ds:References of MTOM attachments (SwA profile, {@code cid:} URIs) with the attachment streamed
 * through the digest, never held in memory, so a signed 25 MB PDF is verified by a node at -Xmx128m.
 * <p>
 * Why: WSS4J's DOM {@link SignatureProcessor} validates every reference with the JSR-105 property
 * {@value #CACHE_REFERENCE} on (it needs each reference's dereferenced element afterwards to tell what was signed).
 * With it, Santuario's {@code DOMReference} also copies every byte it digests into a growing byte array and then
 * once more into a {@code ByteArrayInputStream} ({@code DigesterOutputStream(md, true)}): for a 25 MB attachment
 * that is about 57 MB of heap held at once per request, on top of what CXF and the node hold — the
 * OutOfMemoryError of issue #16 item 4 (docs/benchmarks.md), the bare echo with the same security included.
 * <p>
 * How, with no copy of WSS4J: WSS4J's own extension points — a custom processor for ds:Signature (CXF's
 * {@code wss4j.processor.map}) and {@link SignatureProcessor}'s constructor taking the JCA provider of its
 * {@link XMLSignatureFactory}. That factory is Santuario's, wrapped: the signature it unmarshals validates first its
 * SignatureValue, then each {@code cid:} reference with the caching property off (the digest is streamed from CXF's
 * attachment file), then everything else exactly as before (the references already validated keep their result).
 * WSS4J still learns that the reference was an attachment: the wrapped reference answers its dereferenced data with
 * an empty octet stream of the same URI, which is all {@code SignatureProcessor.buildProtectedRefs} looks at.
 * A changed attachment fails its digest like before, and the refusal names the attachment's reference.
 */
public final class StreamedAttachmentSignatures {

    /** The JSR-105 property WSS4J sets: cache each reference's dereferenced data and digest input. */
    static final String CACHE_REFERENCE = "javax.xml.crypto.dsig.cacheReference";

    /** The provider handing our factory to {@link SignatureProcessor}; registered nowhere globally. */
    static final Provider PROVIDER = new Provider("Pmm03StreamedAttachmentDSig", "1.0",
            "Santuario's XMLSignatureFactory with attachment references digested as streams") {
        {
            put("XMLSignatureFactory.DOM", Factory.class.getName());
            put("KeyInfoFactory.DOM", "org.apache.jcp.xml.dsig.internal.dom.DOMKeyInfoFactory");
        }
    };

    private StreamedAttachmentSignatures() {}

    /** WSS4J's signature processor with the factory above; register for ds:Signature (CXF: wss4j.processor.map). */
    public static final class Processor extends SignatureProcessor {
        public Processor() {
            super(PROVIDER);
        }
    }

    /** Thrown (inside WSS4J's FAILED_CHECK) when an attachment's bytes do not match their ds:Reference. */
    public static final class AttachmentDigestMismatch extends XMLSignatureException {
        AttachmentDigestMismatch(String uri) {
            super("the digest of the attachment " + uri + " does not match its ds:Reference (the attachment was "
                    + "changed after signing) / дайджест вложения " + uri + " не совпадает со ссылкой ds:Reference "
                    + "(вложение изменено после подписания)");
        }
    }

    static boolean isAttachment(Reference r) {
        return r.getURI() != null && r.getURI().startsWith("cid:");
    }

    /** Santuario's DOM factory with {@link #unmarshalXMLSignature(XMLValidateContext)} wrapped (public: JCA makes it). */
    public static final class Factory extends XMLSignatureFactory {

        private final XMLSignatureFactory d;

        public Factory() {
            XMLSignatureFactory f;
            try {
                f = XMLSignatureFactory.getInstance("DOM", "ApacheXMLDSig");
            } catch (NoSuchProviderException e) {
                f = XMLSignatureFactory.getInstance("DOM");
            }
            this.d = f;
        }

        @Override
        public XMLSignature unmarshalXMLSignature(XMLValidateContext context) throws MarshalException {
            return new StreamingSignature(d.unmarshalXMLSignature(context));
        }

        @Override
        public XMLSignature unmarshalXMLSignature(XMLStructure xmlStructure) throws MarshalException {
            return new StreamingSignature(d.unmarshalXMLSignature(xmlStructure));
        }

        @Override
        public XMLSignature newXMLSignature(SignedInfo si, KeyInfo ki) {
            return d.newXMLSignature(si, ki);
        }

        @Override
        @SuppressWarnings("rawtypes")
        public XMLSignature newXMLSignature(SignedInfo si, KeyInfo ki, List objects, String id, String signatureValueId) {
            return d.newXMLSignature(si, ki, objects, id, signatureValueId);
        }

        @Override
        @SuppressWarnings("rawtypes")
        public Reference newReference(String uri, DigestMethod dm) {
            return d.newReference(uri, dm);
        }

        @Override
        @SuppressWarnings("rawtypes")
        public Reference newReference(String uri, DigestMethod dm, List transforms, String type, String id) {
            return d.newReference(uri, dm, transforms, type, id);
        }

        @Override
        @SuppressWarnings("rawtypes")
        public Reference newReference(String uri, DigestMethod dm, List transforms, String type, String id,
                                      byte[] digestValue) {
            return d.newReference(uri, dm, transforms, type, id, digestValue);
        }

        @Override
        @SuppressWarnings("rawtypes")
        public Reference newReference(String uri, DigestMethod dm, List appliedTransforms, Data result,
                                      List transforms, String type, String id) {
            return d.newReference(uri, dm, appliedTransforms, result, transforms, type, id);
        }

        @Override
        @SuppressWarnings("rawtypes")
        public SignedInfo newSignedInfo(CanonicalizationMethod cm, SignatureMethod sm, List references) {
            return d.newSignedInfo(cm, sm, references);
        }

        @Override
        @SuppressWarnings("rawtypes")
        public SignedInfo newSignedInfo(CanonicalizationMethod cm, SignatureMethod sm, List references, String id) {
            return d.newSignedInfo(cm, sm, references, id);
        }

        @Override
        @SuppressWarnings("rawtypes")
        public XMLObject newXMLObject(List content, String id, String mimeType, String encoding) {
            return d.newXMLObject(content, id, mimeType, encoding);
        }

        @Override
        @SuppressWarnings("rawtypes")
        public Manifest newManifest(List references) {
            return d.newManifest(references);
        }

        @Override
        @SuppressWarnings("rawtypes")
        public Manifest newManifest(List references, String id) {
            return d.newManifest(references, id);
        }

        @Override
        @SuppressWarnings("rawtypes")
        public SignatureProperty newSignatureProperty(List content, String target, String id) {
            return d.newSignatureProperty(content, target, id);
        }

        @Override
        @SuppressWarnings("rawtypes")
        public SignatureProperties newSignatureProperties(List properties, String id) {
            return d.newSignatureProperties(properties, id);
        }

        @Override
        public DigestMethod newDigestMethod(String algorithm, DigestMethodParameterSpec params)
                throws NoSuchAlgorithmException, InvalidAlgorithmParameterException {
            return d.newDigestMethod(algorithm, params);
        }

        @Override
        public SignatureMethod newSignatureMethod(String algorithm, SignatureMethodParameterSpec params)
                throws NoSuchAlgorithmException, InvalidAlgorithmParameterException {
            return d.newSignatureMethod(algorithm, params);
        }

        @Override
        public Transform newTransform(String algorithm, TransformParameterSpec params)
                throws NoSuchAlgorithmException, InvalidAlgorithmParameterException {
            return d.newTransform(algorithm, params);
        }

        @Override
        public Transform newTransform(String algorithm, XMLStructure params)
                throws NoSuchAlgorithmException, InvalidAlgorithmParameterException {
            return d.newTransform(algorithm, params);
        }

        @Override
        public CanonicalizationMethod newCanonicalizationMethod(String algorithm, C14NMethodParameterSpec params)
                throws NoSuchAlgorithmException, InvalidAlgorithmParameterException {
            return d.newCanonicalizationMethod(algorithm, params);
        }

        @Override
        public CanonicalizationMethod newCanonicalizationMethod(String algorithm, XMLStructure params)
                throws NoSuchAlgorithmException, InvalidAlgorithmParameterException {
            return d.newCanonicalizationMethod(algorithm, params);
        }

        @Override
        public boolean isFeatureSupported(String feature) {
            return d.isFeatureSupported(feature);
        }

        @Override
        public URIDereferencer getURIDereferencer() {
            return d.getURIDereferencer();
        }
    }

    /** An unmarshalled signature whose attachment references are validated first, without caching. */
    static final class StreamingSignature implements XMLSignature {

        private final XMLSignature d;
        private final SignedInfo signedInfo;

        StreamingSignature(XMLSignature d) {
            this.d = d;
            this.signedInfo = new Info(d.getSignedInfo());
        }

        @Override
        public boolean validate(XMLValidateContext context) throws XMLSignatureException {
            // the SignatureValue first, as Santuario does: a forged signature costs no 25 MB digest
            if (!d.getSignatureValue().validate(context)) {
                return d.validate(context);
            }
            Object cache = context.getProperty(CACHE_REFERENCE);
            for (Object o : d.getSignedInfo().getReferences()) {
                Reference r = (Reference) o;
                if (!isAttachment(r)) {
                    continue;
                }
                boolean ok;
                context.setProperty(CACHE_REFERENCE, Boolean.FALSE);
                try {
                    ok = r.validate(context); // remembered by the reference: validate() below does not redo it
                } finally {
                    context.setProperty(CACHE_REFERENCE, cache);
                }
                if (!ok) {
                    throw new AttachmentDigestMismatch(r.getURI());
                }
            }
            return d.validate(context);
        }

        @Override
        public KeyInfo getKeyInfo() {
            return d.getKeyInfo();
        }

        @Override
        public SignedInfo getSignedInfo() {
            return signedInfo;
        }

        @Override
        @SuppressWarnings("rawtypes")
        public List getObjects() {
            return d.getObjects();
        }

        @Override
        public String getId() {
            return d.getId();
        }

        @Override
        public SignatureValue getSignatureValue() {
            return d.getSignatureValue();
        }

        @Override
        public void sign(XMLSignContext signContext) throws MarshalException, XMLSignatureException {
            d.sign(signContext);
        }

        @Override
        public KeySelectorResult getKeySelectorResult() {
            return d.getKeySelectorResult();
        }

        @Override
        public boolean isFeatureSupported(String feature) {
            return d.isFeatureSupported(feature);
        }
    }

    /** The SignedInfo as WSS4J reads it after validation: attachment references wrapped. */
    static final class Info implements SignedInfo {

        private final SignedInfo d;
        private final List<Reference> references;

        Info(SignedInfo d) {
            this.d = d;
            List<Reference> refs = new ArrayList<>();
            for (Object o : d.getReferences()) {
                Reference r = (Reference) o;
                refs.add(isAttachment(r) ? new AttachmentReference(r) : r);
            }
            this.references = List.copyOf(refs);
        }

        @Override
        public CanonicalizationMethod getCanonicalizationMethod() {
            return d.getCanonicalizationMethod();
        }

        @Override
        public SignatureMethod getSignatureMethod() {
            return d.getSignatureMethod();
        }

        @Override
        @SuppressWarnings("rawtypes")
        public List getReferences() {
            return references;
        }

        @Override
        public String getId() {
            return d.getId();
        }

        @Override
        public InputStream getCanonicalizedData() {
            return d.getCanonicalizedData();
        }

        @Override
        public boolean isFeatureSupported(String feature) {
            return d.isFeatureSupported(feature);
        }
    }

    /**
     * An attachment reference validated without caching: its dereferenced data is an empty octet stream of its URI
     * (what WSS4J needs to record it as a signed attachment), its digest input is not kept.
     */
    static final class AttachmentReference implements Reference {

        private final Reference d;

        AttachmentReference(Reference d) {
            this.d = d;
        }

        @Override
        @SuppressWarnings("rawtypes")
        public List getTransforms() {
            return d.getTransforms();
        }

        @Override
        public DigestMethod getDigestMethod() {
            return d.getDigestMethod();
        }

        @Override
        public String getId() {
            return d.getId();
        }

        @Override
        public byte[] getDigestValue() {
            return d.getDigestValue();
        }

        @Override
        public byte[] getCalculatedDigestValue() {
            return d.getCalculatedDigestValue();
        }

        @Override
        public boolean validate(XMLValidateContext validateContext) throws XMLSignatureException {
            return d.validate(validateContext);
        }

        @Override
        public Data getDereferencedData() {
            Data data = d.getDereferencedData();
            return data != null ? data : new OctetStreamData(InputStream.nullInputStream(), d.getURI(), null);
        }

        @Override
        public InputStream getDigestInputStream() {
            return d.getDigestInputStream();
        }

        @Override
        public String getURI() {
            return d.getURI();
        }

        @Override
        public String getType() {
            return d.getType();
        }

        @Override
        public boolean isFeatureSupported(String feature) {
            return d.isFeatureSupported(feature);
        }
    }
}
