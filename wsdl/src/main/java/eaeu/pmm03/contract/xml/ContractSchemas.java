package eaeu.pmm03.contract.xml;

import eaeu.pmm03.contract.process.ProcessTable;
import org.w3c.dom.ls.LSInput;
import org.w3c.dom.ls.LSResourceResolver;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.transform.Source;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import java.io.InputStream;
import java.io.Reader;
import java.net.URL;
import java.util.List;

/**
 * The compiled XSDs of the four EEC structures, loaded from the classpath only (no network, no file system).
 * A {@link Schema} is thread-safe; create a {@link javax.xml.validation.Validator} per use.
 */
public final class ContractSchemas {

    public static final String XSD_DIR = "eaeu/pmm03/contract/xsd/";

    private static final Schema ALL = compile();

    private ContractSchemas() {}

    /** One schema that knows every root element of R.006, R.007, R.HC.MM.03.001 and R.HC.MM.03.002. */
    public static Schema all() {
        return ALL;
    }

    public static URL xsd(String file) {
        URL url = ContractSchemas.class.getClassLoader().getResource(XSD_DIR + file);
        if (url == null) {
            throw new IllegalStateException("missing schema " + XSD_DIR + file);
        }
        return url;
    }

    private static Schema compile() {
        try {
            SchemaFactory f = SchemaFactory.newDefaultInstance(); // the JDK's own, whatever else is on the classpath
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setResourceResolver(new ClasspathResolver());
            List<ProcessTable.Structure> structures = ProcessTable.get().structures();
            Source[] sources = new Source[structures.size()];
            for (int i = 0; i < sources.length; i++) {
                URL url = xsd(structures.get(i).file());
                sources[i] = new StreamSource(url.openStream(), url.toExternalForm());
            }
            return f.newSchema(sources);
        } catch (SAXException | java.io.IOException e) {
            throw new IllegalStateException("cannot compile the contract schemas: " + e.getMessage(), e);
        }
    }

    /** Resolves schemaLocation="X.xsd" to the classpath folder of the contract, and nothing else. */
    private static final class ClasspathResolver implements LSResourceResolver {
        @Override
        public LSInput resolveResource(String type, String namespaceURI, String publicId, String systemId,
                                       String baseURI) {
            if (systemId == null) {
                return null;
            }
            String file = systemId.substring(systemId.lastIndexOf('/') + 1);
            URL url = xsd(file);
            return new Input(url, publicId);
        }
    }

    private record Input(URL url, String publicId) implements LSInput {
        public Reader getCharacterStream() { return null; }
        public void setCharacterStream(Reader r) {}
        public InputStream getByteStream() {
            try {
                return url.openStream();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        public void setByteStream(InputStream s) {}
        public String getStringData() { return null; }
        public void setStringData(String s) {}
        public String getSystemId() { return url.toExternalForm(); }
        public void setSystemId(String s) {}
        public String getPublicId() { return publicId; }
        public void setPublicId(String s) {}
        public String getBaseURI() { return null; }
        public void setBaseURI(String s) {}
        public String getEncoding() { return null; }
        public void setEncoding(String s) {}
        public boolean getCertifiedText() { return false; }
        public void setCertifiedText(boolean b) {}
    }
}
