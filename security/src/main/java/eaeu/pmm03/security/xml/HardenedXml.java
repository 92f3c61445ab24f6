package eaeu.pmm03.security.xml;

import org.w3c.dom.Document;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.transform.TransformerConfigurationException;
import javax.xml.transform.TransformerFactory;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * DOM and SAX parsing and transformation with every hardening switched on: DOCTYPE forbidden (so no entity tricks),
 * no external DTD/schema/stylesheet access, XInclude off, secure processing, and the {@link XmlLimits}.
 */
public final class HardenedXml {

    private final XmlLimits limits;
    private final DocumentBuilderFactory dbf;
    /** This thread's hardened DocumentBuilder for {@link #parse} and {@link #newDocument} (not thread-safe). */
    private final eaeu.pmm03.contract.xml.PerThread<DocumentBuilder> builders =
            new eaeu.pmm03.contract.xml.PerThread<>(this::newDocumentBuilder, HardenedXml::resetBuilder);
    private static final TransformerFactory TRANSFORMERS = newTransformerFactory();

    public HardenedXml(XmlLimits limits) {
        this.limits = limits;
        try {
            dbf = DocumentBuilderFactory.newDefaultInstance();
            dbf.setNamespaceAware(true);
            dbf.setXIncludeAware(false);
            dbf.setExpandEntityReferences(false);
            dbf.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            dbf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            dbf.setFeature("http://xml.org/sax/features/external-general-entities", false);
            dbf.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            dbf.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            dbf.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            dbf.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            dbf.setAttribute("jdk.xml.maxElementDepth", String.valueOf(limits.maxElementDepth()));
            dbf.setAttribute("jdk.xml.elementAttributeLimit", String.valueOf(limits.maxAttributeCount()));
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    public XmlLimits limits() {
        return limits;
    }

    public DocumentBuilder newDocumentBuilder() {
        try {
            DocumentBuilder b = dbf.newDocumentBuilder();
            b.setEntityResolver(HardenedXml::refuseEntity);
            return b;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static org.xml.sax.InputSource refuseEntity(String publicId, String systemId) throws SAXException {
        throw new SAXException("external entities are not allowed: " + systemId);
    }

    /** Back to the factory's (hardened) settings, and the entity resolver that refuses everything again. */
    private static void resetBuilder(DocumentBuilder b) {
        b.reset();
        b.setEntityResolver(HardenedXml::refuseEntity);
        b.setErrorHandler(null);
    }

    /** Parses at most {@link XmlLimits#maxDocumentBytes()} bytes; more is an error, not a truncation. */
    public Document parse(InputStream in) throws SAXException, IOException {
        try {
            return builders.with(b -> {
                try {
                    return b.parse(new Bounded(in, limits.maxDocumentBytes()));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * A namespace-aware SAX reader with the same hardening as the DOM parser (DOCTYPE forbidden, no external
     * entities or DTD, XInclude off, secure processing, the depth and attribute limits). Not thread-safe: one per
     * use, which may parse many documents one after the other.
     */
    public XMLReader newSaxReader() {
        try {
            SAXParserFactory f = SAXParserFactory.newDefaultInstance();
            f.setNamespaceAware(true);
            f.setValidating(false);
            f.setXIncludeAware(false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            XMLReader r = f.newSAXParser().getXMLReader();
            r.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            r.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            r.setProperty("jdk.xml.maxElementDepth", String.valueOf(limits.maxElementDepth()));
            r.setProperty("jdk.xml.elementAttributeLimit", String.valueOf(limits.maxAttributeCount()));
            r.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entities are not allowed: " + systemId);
            });
            return r;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("cannot configure the SAX parser: " + e, e);
        }
    }

    public Document newDocument() {
        return builders.apply(DocumentBuilder::newDocument);
    }

    /**
     * The TransformerFactory that resolves nothing external, shared (created once: building one per call was a
     * visible cost of every request). Create Transformers from it; do not change its settings.
     */
    public static TransformerFactory transformerFactory() {
        return TRANSFORMERS;
    }

    private static TransformerFactory newTransformerFactory() {
        TransformerFactory tf = TransformerFactory.newDefaultInstance();
        try {
            tf.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        } catch (TransformerConfigurationException e) {
            throw new IllegalStateException(e);
        }
        tf.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        tf.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
        return tf;
    }

    private static final class Bounded extends FilterInputStream {
        private final long max;
        private long count;

        Bounded(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                add(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0) {
                add(n);
            }
            return n;
        }

        private void add(long n) throws IOException {
            count += n;
            if (count > max) {
                throw new IOException("XML document larger than the limit of " + max + " bytes");
            }
        }
    }
}
