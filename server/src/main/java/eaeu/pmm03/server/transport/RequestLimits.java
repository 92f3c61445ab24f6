package eaeu.pmm03.server.transport;

import eaeu.pmm03.security.xml.XmlLimits;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one table of the limits of what a node accepts from outside ({@code pmm03.limits.*}), all checked while the
 * request streams in, before the heap holds it (decision D-110):
 * <ul>
 *   <li>{@link RequestGate} counts the bytes of every request body (SOAP ports, operator and JSON APIs) and stops at
 *   the limit with HTTP 413 and a message naming it;</li>
 *   <li>CXF's StAX reader (Woodstox) enforces depth, counts, attribute and text sizes on the SOAP ports
 *   ({@link #cxfProperties()});</li>
 *   <li>{@link ContractShape} bounds names and header blocks.</li>
 * </ul>
 * The numbers are sized for P.MM.03: the deepest document (R.HC.MM.03.001) is 10 levels inside the Body, a record
 * carries at most a few pictures (inline base64), PDFs of MSG.016 travel as MTOM parts streamed to disk
 * ({@code pmm03.attachments.max-size}).
 */
@ConfigurationProperties("pmm03.limits")
public class RequestLimits {

    /** Largest request body without MTOM parts: a SOAP envelope, an operator submission, a JSON request. */
    private DataSize requestBody = DataSize.ofMegabytes(16);
    /** Largest MTOM (multipart/related) request or operator upload (multipart/form-data), PDF parts included. */
    private DataSize multipartBody = DataSize.ofMegabytes(64);
    /** Largest inline binary value (base64 text of a picture) once decoded; bounds every text node. */
    private DataSize inlineBinary = DataSize.ofMegabytes(8);
    /** Deepest element nesting in a message (envelope included; the contract needs about 16). */
    private int elementDepth = 48;
    /** Most elements in one message. */
    private long elementCount = 400_000;
    /** Most children of one element. */
    private int childElements = 100_000;
    /** Most attributes of one element. */
    private int attributeCount = 32;
    /** Longest attribute value (characters). */
    private int attributeLength = 64 * 1024;
    /** Longest element or attribute name, prefix included (characters). */
    private int nameLength = 256;
    /** Most elements in the SOAP Header, all header blocks together (a signed message needs about 60). */
    private int headerElements = 1000;

    /** Longest text node in characters: the base64 of {@link #inlineBinary} with line breaks, plus slack. */
    public int textLength() {
        long base64 = (inlineBinary.toBytes() + 2) / 3 * 4;
        return (int) Math.min(Integer.MAX_VALUE, base64 + base64 / 76 * 2 + 64 * 1024);
    }

    /** The parser limits for our own DOM parsing ({@code HardenedXml}) and the endpoints' StAX reader. */
    public XmlLimits xml() {
        return new XmlLimits(multipartBody.toBytes(), elementDepth, elementCount, childElements, attributeCount,
                textLength());
    }

    /** CXF endpoint properties: {@link XmlLimits#cxfProperties()} plus the attribute size. */
    public Map<String, Object> cxfProperties() {
        Map<String, Object> p = new LinkedHashMap<>(xml().cxfProperties());
        p.put("org.apache.cxf.stax.maxAttributeSize", attributeLength);
        p.put("org.apache.cxf.stax.maxXMLCharacters", requestBody.toBytes());
        return p;
    }

    /** Human form of a size for messages: "16 MB", "64 KB", "100 bytes". */
    public static String human(long bytes) {
        if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MB";
        }
        if (bytes >= 1024 && bytes % 1024 == 0) {
            return bytes / 1024 + " KB";
        }
        return bytes + " bytes";
    }

    public DataSize getRequestBody() { return requestBody; }
    public void setRequestBody(DataSize v) { requestBody = v; }
    public DataSize getMultipartBody() { return multipartBody; }
    public void setMultipartBody(DataSize v) { multipartBody = v; }
    public DataSize getInlineBinary() { return inlineBinary; }
    public void setInlineBinary(DataSize v) { inlineBinary = v; }
    public int getElementDepth() { return elementDepth; }
    public void setElementDepth(int v) { elementDepth = v; }
    public long getElementCount() { return elementCount; }
    public void setElementCount(long v) { elementCount = v; }
    public int getChildElements() { return childElements; }
    public void setChildElements(int v) { childElements = v; }
    public int getAttributeCount() { return attributeCount; }
    public void setAttributeCount(int v) { attributeCount = v; }
    public int getAttributeLength() { return attributeLength; }
    public void setAttributeLength(int v) { attributeLength = v; }
    public int getNameLength() { return nameLength; }
    public void setNameLength(int v) { nameLength = v; }
    public int getHeaderElements() { return headerElements; }
    public void setHeaderElements(int v) { headerElements = v; }
}
