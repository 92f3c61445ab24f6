package eaeu.pmm03.server.transport;

import eaeu.pmm03.security.xml.HardenedXml;
import eaeu.pmm03.security.xml.XmlLimits;
import eaeu.pmm03.server.commission.Times;
import eaeu.pmm03.server.pipeline.XmlText;
import eaeu.pmm03.server.registry.StoredVersion;
import org.apache.cxf.staxutils.StaxUtils;
import org.apache.cxf.staxutils.StreamWriterContentHandler;
import org.codehaus.stax2.XMLStreamWriter2;
import org.xml.sax.Attributes;
import org.xml.sax.ContentHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;
import org.xml.sax.helpers.XMLFilterImpl;

import org.w3c.dom.Element;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The export form of a stored item (decision D-220): the hccdo:DrugMonitoringItemDetails exactly as a MSG.008/MSG.011
 * answer writes it, without its ccdo:ResourceItemStatusDetails (which the database's row supplies at export time),
 * made once when the version is stored and copied into the answers as it is, with no parse on the way out.
 *
 * <p>It is what {@link ItemsSource.ItemForwarder} writes for the item (same events, same CXF/Woodstox writer, so
 * the same bytes) in the answer's namespace context {@link #CONTEXT}: the prefixes the answer's root declares are
 * not declared again in the item. Before it is kept it is read back in that context by the hardened parser (it
 * must be well-formed XML 1.0); an item that cannot be put in this form (unreadable, not an item, an item whose
 * root rebinds the ccdo or csdo prefix the status is written with) has none and is exported from its stored XML
 * as before (D-103).
 */
public final class ExportForm {

    /** The namespace declarations of the answer's root that the export form relies on (prefix → namespace). */
    static final Map<String, String> CONTEXT;

    static {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("ccdo", ItemsSource.CCDO);
        m.put("csdo", ItemsSource.CSDO);
        m.put("hccdo", ItemsSource.HCCDO);
        m.put("hcsdo", ItemsSource.HCSDO);
        CONTEXT = java.util.Collections.unmodifiableMap(m);
    }

    private static final String STATUS = "ResourceItemStatusDetails";
    private static final HardenedXml XML = new HardenedXml(XmlLimits.defaults());
    /** One reader per thread, reused: configuring a JAXP SAX parser costs more than reading an item. */
    private static final ThreadLocal<XMLReader> READER = ThreadLocal.withInitial(XML::newSaxReader);
    private static final String CONTEXT_START;

    static {
        StringBuilder b = new StringBuilder("<export-form-check");
        CONTEXT.forEach((p, ns) -> b.append(" xmlns:").append(p).append("=\"").append(ns).append('"'));
        CONTEXT_START = b.append('>').toString();
    }

    private ExportForm() {}

    /**
     * The export form of a stored item, or null when it has none (then the export reads the stored XML, D-103).
     *
     * @param itemXml the item as stored (an XML document whose root is hccdo:DrugMonitoringItemDetails)
     */
    public static String of(String itemXml) {
        if (itemXml == null || itemXml.isEmpty()) {
            return null;
        }
        return make(itemXml.length(), handler -> {
            XMLReader reader = READER.get();
            reader.setContentHandler(handler);
            reader.setErrorHandler(new DefaultHandler());
            reader.parse(new InputSource(new StringReader(itemXml)));
        });
    }

    /**
     * The export form of an item from its DOM, the one the request was parsed into (decision D-234): the same
     * events as reading its stored text (the text is that DOM serialized), without parsing that text again; the
     * form is still read back in the answer's context before it is kept. Null when the item has none.
     *
     * @param item  the hccdo:DrugMonitoringItemDetails element of the request's document
     * @param sizeHint the length of its stored text (the form is about as long)
     */
    public static String of(Element item, int sizeHint) {
        if (item == null) {
            return null;
        }
        return make(sizeHint, handler -> XmlText.toSax(item, new DeclarationsAsMappings(handler)));
    }

    private interface Events {
        void into(ContentHandler handler) throws Exception;
    }

    private static String make(int sizeHint, Events events) {
        try {
            StringWriter text = new StringWriter(Math.max(256, sizeHint));
            XMLStreamWriter w = StaxUtils.createXMLStreamWriter(text);
            RootDeclarations root = new RootDeclarations(new StreamWriterContentHandler(w));
            ItemsSource.ItemForwarder forwarder = new ItemsSource.ItemForwarder(root, CONTEXT, false);
            forwarder.next(null);
            events.into(forwarder);
            forwarder.check(null);
            w.flush();
            String form = text.toString();
            if (root.rebindsStatusPrefixes || end(form) < 0) {
                return null;
            }
            // read back in the answer's context: it must be well-formed XML 1.0 there
            XMLReader reader = READER.get();
            reader.setContentHandler(new DefaultHandler());
            reader.setErrorHandler(new DefaultHandler());
            reader.parse(new InputSource(new StringReader(inContext(form))));
            return publishable(form) ? form : null;
        } catch (Exception e) {
            return null;
        }
    }

    /** A form inside an element declaring the answer's namespaces: a document that can be parsed on its own. */
    static String inContext(String form) {
        return CONTEXT_START + form + "</export-form-check>";
    }

    /** Where the item root's end tag starts in a form (which must end with the end tag of its root), or -1. */
    static int end(String form) {
        int n = form.length();
        if (n < 8 || form.charAt(0) != '<' || form.charAt(n - 1) != '>') {
            return -1;
        }
        int name = 1;
        while (name < n && form.charAt(name) != ' ' && form.charAt(name) != '>' && form.charAt(name) != '/') {
            name++;
        }
        int end = n - (name - 1) - 3;
        return end > name && form.startsWith("</", end) && form.regionMatches(end + 2, form, 1, name - 1) ? end : -1;
    }

    /**
     * The cheap check of a form read from the database before it is copied into an answer: the item's tags where
     * they must be, and only characters XML 1.0 allows (a byte-level fault in the stored form is skipped as D-103
     * says, not published as a broken answer).
     */
    static boolean publishable(String form) {
        return form != null && publishable(form, form.toCharArray());
    }

    /** {@link #publishable(String)} with the form's characters already copied to {@code chars} (its length first). */
    static boolean publishable(String form, char[] chars) {
        if (end(form) < 0) {
            return false;
        }
        for (int i = 0, n = form.length(); i < n; i++) {
            char c = chars[i];
            if (c < 0x20) {
                if (c != '\t' && c != '\n' && c != '\r') {
                    return false;
                }
            } else if (c >= 0xD800) {
                if (c >= 0xFFFE) {
                    return false;
                }
                if (Character.isHighSurrogate(c)) {
                    if (i + 1 == n || !Character.isLowSurrogate(chars[i + 1])) {
                        return false;
                    }
                    i++;
                } else if (Character.isLowSurrogate(c)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The raw writer under CXF's SAX-to-StAX bridge, when the answer goes to a Woodstox stream writer (the plain
     * SOAP response); null otherwise (a DOM being built, a signing interceptor's writer): then items are written
     * as SAX events. CXF keeps the writer in a package-private field of {@link StreamWriterContentHandler}.
     */
    static XMLStreamWriter2 rawWriter(ContentHandler handler) {
        if (WRITER == null || handler == null || handler.getClass() != StreamWriterContentHandler.class) {
            return null;
        }
        try {
            Object w = WRITER.get(handler);
            return w != null && w.getClass().getName().startsWith("com.ctc.wstx.") && w instanceof XMLStreamWriter2 x
                    ? x : null;
        } catch (IllegalAccessException e) {
            return null;
        }
    }

    private static final Field WRITER = writerField();

    private static Field writerField() {
        try {
            Field f = StreamWriterContentHandler.class.getDeclaredField("writer");
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Copies a version's form into the answer: the item up to its end tag, the database's ResourceItemStatusDetails
     * (as {@link ItemsSource.ItemForwarder} writes it: prefixes ccdo and csdo of the answer's context), the end tag.
     */
    static void write(XMLStreamWriter2 w, String form, char[] chars, StoredVersion v) throws XMLStreamException {
        int end = end(form);
        w.writeRaw(chars, 0, end);
        w.writeRaw(status(v));
        w.writeRaw(chars, end, form.length() - end);
    }

    /** The database's ResourceItemStatusDetails of a version as the answer writes it after the form's item. */
    static String status(StoredVersion v) {
        StringBuilder s = new StringBuilder(256);
        s.append("<ccdo:").append(STATUS).append("><ccdo:ValidityPeriodDetails>");
        leaf(s, "StartDateTime", v.startDateTime());
        leaf(s, "EndDateTime", v.endDateTime());
        s.append("</ccdo:ValidityPeriodDetails>");
        leaf(s, "UpdateDateTime", v.updateDateTime());
        s.append("</ccdo:").append(STATUS).append('>');
        return s.toString();
    }

    private static void leaf(StringBuilder s, String local, Instant value) {
        if (value != null) {
            s.append("<csdo:").append(local).append('>').append(Times.xml(value).toXMLFormat())
                    .append("</csdo:").append(local).append('>');
        }
    }

    /**
     * The JDK's DOM-to-SAX walk reports a namespace declaration both as a prefix mapping and as an {@code xmlns}
     * attribute; a namespace-aware parser reports only the mapping. The attributes are dropped here, so the form
     * made from a DOM is the form made from the text.
     */
    private static final class DeclarationsAsMappings extends XMLFilterImpl {
        DeclarationsAsMappings(ContentHandler out) {
            setContentHandler(out);
        }

        @Override
        public void startElement(String uri, String local, String qName, Attributes atts) throws SAXException {
            int n = atts.getLength();
            boolean any = false;
            for (int i = 0; i < n && !any; i++) {
                any = isDeclaration(atts.getQName(i));
            }
            if (!any) {
                super.startElement(uri, local, qName, atts);
                return;
            }
            org.xml.sax.helpers.AttributesImpl kept = new org.xml.sax.helpers.AttributesImpl();
            for (int i = 0; i < n; i++) {
                if (!isDeclaration(atts.getQName(i))) {
                    kept.addAttribute(atts.getURI(i), atts.getLocalName(i), atts.getQName(i), atts.getType(i),
                            atts.getValue(i));
                }
            }
            super.startElement(uri, local, qName, kept);
        }

        private static boolean isDeclaration(String qName) {
            return qName.equals("xmlns") || qName.startsWith("xmlns:");
        }
    }

    /** Notes whether the item's root declares the ccdo or csdo prefix (the status written at export uses them). */
    private static final class RootDeclarations extends XMLFilterImpl {
        boolean rebindsStatusPrefixes;
        private boolean rootSeen;

        RootDeclarations(ContentHandler out) {
            setContentHandler(out);
        }

        @Override
        public void startPrefixMapping(String prefix, String uri) throws SAXException {
            if (!rootSeen && ("ccdo".equals(prefix) || "csdo".equals(prefix))) {
                rebindsStatusPrefixes = true;
            }
            super.startPrefixMapping(prefix, uri);
        }

        @Override
        public void startElement(String uri, String local, String qName, Attributes atts) throws SAXException {
            rootSeen = true;
            super.startElement(uri, local, qName, atts);
        }
    }
}
