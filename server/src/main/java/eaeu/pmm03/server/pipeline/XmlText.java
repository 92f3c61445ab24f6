package eaeu.pmm03.server.pipeline;

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

    /** A new document whose root is a deep copy of the element (keeps in-scope namespace declarations working). */
    public static Document detach(Element e, HardenedXml xml) {
        Document d = xml.newDocument();
        d.appendChild(d.importNode(e, true));
        return d;
    }

    public static Document toDocument(javax.xml.transform.Source source) {
        try {
            DOMResult r = new DOMResult();
            HardenedXml.transformerFactory().newTransformer().transform(source, r);
            Node n = r.getNode();
            return n instanceof Document d ? d : n.getOwnerDocument();
        } catch (TransformerException e) {
            throw new IllegalArgumentException("unreadable XML: " + e.getMessage(), e);
        }
    }

    public static String serialize(Node node) {
        try {
            Transformer t = HardenedXml.transformerFactory().newTransformer();
            t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            StringWriter w = new StringWriter();
            t.transform(new DOMSource(node), new StreamResult(w));
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
