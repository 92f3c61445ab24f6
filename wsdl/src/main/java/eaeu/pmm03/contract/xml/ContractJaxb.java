package eaeu.pmm03.contract.xml;

import eaeu.pmm03.contract.process.ProcessTable;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import jakarta.xml.bind.Unmarshaller;
import org.w3c.dom.Document;
import org.w3c.dom.Node;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The JAXB context of the whole contract (the four EEC structures, their data-model packages and the wrapper
 * elements of both services). A JAXBContext is thread-safe and expensive: one per JVM.
 */
public final class ContractJaxb {

    private static final JAXBContext CONTEXT = create();

    /** Per-thread instances for the calls below (Marshaller, Unmarshaller and DocumentBuilder are not thread-safe). */
    private static final PerThread<Unmarshaller> UNMARSHALLERS = new PerThread<>(ContractJaxb::unmarshaller, u -> { });
    private static final PerThread<Marshaller> MARSHALLERS = new PerThread<>(() -> marshaller(false), m -> { });
    private static final PerThread<Marshaller> FORMATTING = new PerThread<>(() -> marshaller(true), m -> { });
    private static final PerThread<Marshaller> FRAGMENTS = new PerThread<>(() -> {
        Marshaller m = marshaller(false);
        try {
            m.setProperty(Marshaller.JAXB_FRAGMENT, true);
        } catch (JAXBException e) {
            throw new IllegalStateException(e);
        }
        return m;
    }, m -> { });
    private static final DocumentBuilderFactory DOCUMENTS = documentBuilderFactory();
    private static final PerThread<javax.xml.parsers.DocumentBuilder> BUILDERS = new PerThread<>(() -> {
        try {
            return DOCUMENTS.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }, javax.xml.parsers.DocumentBuilder::reset);

    private static DocumentBuilderFactory documentBuilderFactory() {
        DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
        f.setNamespaceAware(true);
        return f;
    }

    private ContractJaxb() {}

    public static JAXBContext context() {
        return CONTEXT;
    }

    private static JAXBContext create() {
        ProcessTable t = ProcessTable.get();
        List<String> packages = new ArrayList<>();
        t.namespaces().forEach(n -> packages.add(n.javaPackage()));
        t.structures().forEach(s -> packages.add(s.javaPackage()));
        t.services().forEach(s -> packages.add(s.javaPackage()));
        // packages of simple types only (bdt) have no ObjectFactory and nothing to bind
        packages.removeIf(p -> ContractJaxb.class.getClassLoader().getResource(p.replace('.', '/') + "/ObjectFactory.class") == null);
        try {
            return JAXBContext.newInstance(String.join(":", packages), ContractJaxb.class.getClassLoader());
        } catch (JAXBException e) {
            throw new IllegalStateException("cannot create the JAXB context of the contract: " + e, e);
        }
    }

    public static Marshaller marshaller(boolean formatted) {
        try {
            Marshaller m = CONTEXT.createMarshaller();
            m.setProperty(Marshaller.JAXB_ENCODING, "UTF-8");
            m.setProperty(Marshaller.JAXB_FORMATTED_OUTPUT, formatted);
            return m;
        } catch (JAXBException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Unmarshaller unmarshaller() {
        try {
            return CONTEXT.createUnmarshaller();
        } catch (JAXBException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Unmarshals a DOM element (the root of an EEC document or a wrapper element). */
    public static <T> T fromDom(Node node, Class<T> type) {
        try {
            Object o = UNMARSHALLERS.with(u -> u.unmarshal(node));
            if (o instanceof jakarta.xml.bind.JAXBElement<?> e) {
                o = e.getValue();
            }
            return type.cast(o);
        } catch (JAXBException e) {
            throw new IllegalArgumentException("cannot read " + type.getSimpleName() + ": " + e, e);
        }
    }

    /** Marshals a root object (a class with @XmlRootElement, or a JAXBElement) to a new DOM document. */
    public static Document toDom(Object root) {
        try {
            Document d = BUILDERS.apply(javax.xml.parsers.DocumentBuilder::newDocument);
            MARSHALLERS.with(m -> {
                m.marshal(root, d);
                return null;
            });
            return d;
        } catch (JAXBException e) {
            throw new IllegalStateException("cannot marshal " + root.getClass().getSimpleName() + ": " + e, e);
        }
    }

    /** Marshals a root object as the last child of a DOM node (e.g. into a response wrapper element). */
    public static void toDom(Object root, Node parent) {
        try {
            MARSHALLERS.with(m -> {
                m.marshal(root, parent);
                return null;
            });
        } catch (JAXBException e) {
            throw new IllegalStateException("cannot marshal " + root.getClass().getSimpleName() + ": " + e, e);
        }
    }

    /**
     * Marshals an element as SAX events into a document being written elsewhere (no start/end document events),
     * with this thread's fragment marshaller: e.g. the EDocHeader of a streamed MSG.008/011 answer, which created
     * a marshaller per answer before.
     */
    public static void toSax(Object element, org.xml.sax.ContentHandler handler) throws JAXBException {
        FRAGMENTS.with(m -> {
            m.marshal(element, handler);
            return null;
        });
    }

    /** A new empty namespace-aware DOM document (from this thread's builder). */
    public static Document newDocument() {
        return BUILDERS.apply(javax.xml.parsers.DocumentBuilder::newDocument);
    }

    public static String toXml(Object root, boolean formatted) {
        try {
            StringWriter w = new StringWriter();
            (formatted ? FORMATTING : MARSHALLERS).with(m -> {
                m.marshal(root, w);
                return null;
            });
            return w.toString();
        } catch (JAXBException e) {
            throw new IllegalStateException("cannot marshal " + root.getClass().getSimpleName() + ": " + e, e);
        }
    }
}
