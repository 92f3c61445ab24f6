package eaeu.pmm03.server.pipeline;

import eaeu.pmm03.contract.xml.PerThread;
import eaeu.pmm03.security.xml.HardenedXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.dom.DOMResult;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Small XML utilities shared by the pipeline: DOM copies, serialization, hashing. */
public final class XmlText {

    private XmlText() {}

    /** This thread's identity transformers (not thread-safe; created once per thread, not per call). */
    private static final PerThread<Transformer> TO_DOM = new PerThread<>(XmlText::identity, Transformer::reset);
    private static final PerThread<Transformer> TO_TEXT = new PerThread<>(XmlText::textOutput, t -> { });

    private static Transformer identity() {
        try {
            return HardenedXml.transformerFactory().newTransformer();
        } catch (javax.xml.transform.TransformerConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Transformer textOutput() {
        Transformer t = identity();
        t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
        t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
        return t;
    }

    /** A new document whose root is a deep copy of the element (keeps in-scope namespace declarations working). */
    public static Document detach(Element e, HardenedXml xml) {
        Document d = xml.newDocument();
        d.appendChild(d.importNode(e, true));
        return d;
    }

    /**
     * The root element of a request's payload. The ports ask CXF for a DOM payload (decision D-233): when
     * WS-Security has already built the envelope's DOM (SAAJ), that is the payload element itself, with no copy;
     * any other source is read into a new document.
     */
    public static Element payload(javax.xml.transform.Source source) {
        if (source instanceof DOMSource d) {
            Node n = d.getNode();
            if (n instanceof Element e) {
                return e;
            }
            if (n instanceof Document doc && doc.getDocumentElement() != null) {
                return doc.getDocumentElement();
            }
        }
        return toDocument(source).getDocumentElement();
    }

    /**
     * Walks a DOM node into SAX events (the JDK's DOM-to-SAX, with this thread's identity transformer): a namespace
     * declaration is reported as a prefix mapping and as an {@code xmlns} attribute.
     */
    public static void toSax(Node node, org.xml.sax.ContentHandler handler) throws TransformerException {
        TO_DOM.with(t -> {
            t.transform(new DOMSource(node), new javax.xml.transform.sax.SAXResult(handler));
            return null;
        });
    }

    public static Document toDocument(javax.xml.transform.Source source) {
        try {
            DOMResult r = new DOMResult();
            TO_DOM.with(t -> {
                t.transform(source, r);
                return null;
            });
            Node n = r.getNode();
            return n instanceof Document d ? d : n.getOwnerDocument();
        } catch (TransformerException e) {
            throw new IllegalArgumentException("unreadable XML: " + e.getMessage(), e);
        }
    }

    public static String serialize(Node node) {
        try {
            StringWriter w = new StringWriter(4096);
            TO_TEXT.with(t -> {
                t.transform(new DOMSource(node), new StreamResult(w));
                return null;
            });
            return w.toString();
        } catch (TransformerException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Element firstChildElement(Node parent) {
        for (Node c = parent.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c.getNodeType() == Node.ELEMENT_NODE) {
                return (Element) c;
            }
        }
        return null;
    }
}
