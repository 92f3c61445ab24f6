package eaeu.pmm03.security.xml;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one place where the limits of inbound XML are set. Every endpoint applies them to CXF's StAX reader
 * (Woodstox) and every DOM parse of ours uses {@link HardenedXml} with the same numbers: no DTD, no external
 * entities, no XInclude, and bounded size, depth, element count, attribute count and text length. MTOM attachments
 * are bounded in size and number, and an xop:Include is only resolved against the parts of the same message.
 * Servers apply {@link #cxfProperties()} to every endpoint, clients (ClientSecurity) to every proxy.
 *
 * @param maxDocumentBytes   largest inbound message accepted (bytes)
 * @param maxElementDepth    deepest element nesting (R.HC.MM.03.001 is 8 deep inside the body)
 * @param maxElementCount    most elements in one message
 * @param maxChildElements   most children of one element
 * @param maxAttributeCount  most attributes on one element
 * @param maxTextLength      longest text node (characters; base64 of a 1 MB picture fits)
 */
public record XmlLimits(long maxDocumentBytes, int maxElementDepth, long maxElementCount, int maxChildElements,
                        int maxAttributeCount, int maxTextLength) {

    /** Most MIME parts (attachments) of one MTOM message. */
    public static final int MAX_ATTACHMENTS = 16;

    /** Defaults sized for P.MM.03: documents of up to ~100 MB (exports), the deepest structure is 10 levels. */
    public static XmlLimits defaults() {
        return new XmlLimits(128L * 1024 * 1024, 64, 5_000_000L, 500_000, 64, 96 * 1024 * 1024);
    }

    /** CXF endpoint/client properties that make its StAX reader enforce these limits. */
    public Map<String, Object> cxfProperties() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("org.apache.cxf.stax.maxElementDepth", maxElementDepth);
        p.put("org.apache.cxf.stax.maxElementCount", maxElementCount);
        p.put("org.apache.cxf.stax.maxChildElements", maxChildElements);
        p.put("org.apache.cxf.stax.maxAttributeCount", maxAttributeCount);
        p.put("org.apache.cxf.stax.maxTextLength", maxTextLength);
        p.put("org.apache.cxf.stax.maxXMLCharacters", maxDocumentBytes);
        p.put("org.apache.cxf.stax.allowInsecureParser", false);
        // MTOM/XOP: an xop:Include may only point at a MIME part of the same message (cid:), never at a URL
        p.put("org.apache.cxf.attachment.xop.follow.urls", false);
        p.put("attachment-max-size", maxDocumentBytes);
        p.put("attachment-max-count", MAX_ATTACHMENTS);
        p.put("attachment-max-header-size", 8 * 1024);
        return p;
    }
}
