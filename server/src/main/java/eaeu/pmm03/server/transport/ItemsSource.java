package eaeu.pmm03.server.transport;

import eaeu.pmm03.contract.ccdo.EDocHeaderType;
import eaeu.pmm03.contract.process.ProcessTable;
import eaeu.pmm03.contract.xml.ContractJaxb;
import eaeu.pmm03.security.xml.HardenedXml;
import eaeu.pmm03.security.xml.XmlLimits;
import eaeu.pmm03.server.commission.CommissionService;
import eaeu.pmm03.server.commission.Times;
import eaeu.pmm03.server.registry.StoredVersion;
import jakarta.xml.bind.JAXBElement;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import org.xml.sax.Attributes;
import org.xml.sax.ContentHandler;
import org.xml.sax.DTDHandler;
import org.xml.sax.EntityResolver;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.AttributesImpl;

import javax.xml.namespace.QName;
import javax.xml.transform.sax.SAXSource;
import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A MSG.008/MSG.011 answer written as it is read: the rows come from a database cursor and each item goes straight
 * to the SOAP output, so memory stays flat however large the unified database is. The stored item is republished
 * as received, with its ResourceItemStatusDetails set from the database (start, end, update time).
 *
 * <p>Each stored item is parsed once by a (reused, hardened) SAX reader whose events are forwarded to the output:
 * no JAXB object per record (the profile of the export showed unmarshalling and marshalling every item again as
 * most of its cost). The stored item's own ResourceItemStatusDetails is dropped and the database's is written as
 * SAX events where R.HC.MM.03.001 puts it, last in DrugMonitoringItemDetails. As JAXB did, comments, processing
 * instructions and whitespace-only text between elements are left out.
 */
final class ItemsSource extends SAXSource {

    static final String HCCDO = ns("hccdo");
    static final String CCDO = ns("ccdo");
    static final String CSDO = ns("csdo");

    /**
     * The stored items are our own data, validated against these limits when they were received; the reader only
     * needs the hardening (no DOCTYPE, no external entities).
     */
    private static final HardenedXml XML = new HardenedXml(XmlLimits.defaults());

    ItemsSource(CommissionService.Items items, QName wrapper) {
        super(new Writer(items, wrapper), new InputSource());
    }

    private static String ns(String prefix) {
        return ProcessTable.get().namespaces().stream().filter(n -> n.prefix().equals(prefix)).findFirst()
                .orElseThrow().namespace();
    }

    private static final class Writer implements XMLReader {
        private final CommissionService.Items items;
        private final QName wrapper;
        private ContentHandler handler;
        private ErrorHandler errorHandler;
        private DTDHandler dtdHandler;
        private EntityResolver entityResolver;

        Writer(CommissionService.Items items, QName wrapper) {
            this.items = items;
            this.wrapper = wrapper;
        }

        @Override
        public void parse(InputSource input) throws SAXException {
            try {
                ProcessTable.Structure s = ProcessTable.get().structureOf(items.messageCode());
                Marshaller m = ContractJaxb.marshaller(false);
                m.setProperty(Marshaller.JAXB_FRAGMENT, true);
                handler.startDocument();
                AttributesImpl none = new AttributesImpl();
                if (wrapper != null) {
                    handler.startPrefixMapping("", wrapper.getNamespaceURI());
                    handler.startElement(wrapper.getNamespaceURI(), wrapper.getLocalPart(), wrapper.getLocalPart(), none);
                }
                handler.startPrefixMapping(s.prefix(), s.namespace());
                String root = s.prefix() + ":" + s.rootElement();
                handler.startElement(s.namespace(), s.rootElement(), root, none);
                // once per answer: JAXB is fine here
                m.marshal(new JAXBElement<>(new QName(CCDO, "EDocHeader"), EDocHeaderType.class, items.header()), handler);
                XMLReader reader = XML.newSaxReader();
                ItemForwarder forwarder = new ItemForwarder(handler);
                reader.setContentHandler(forwarder);
                while (items.versions().hasNext()) {
                    StoredVersion v = items.versions().next();
                    forwarder.next(v);
                    try {
                        reader.parse(new InputSource(new StringReader(v.itemXml())));
                    } catch (IOException e) {
                        throw new SAXException("cannot read the stored item of version " + v.id() + ": " + e, e);
                    }
                    forwarder.check(v);
                }
                handler.endElement(s.namespace(), s.rootElement(), root);
                handler.endPrefixMapping(s.prefix());
                if (wrapper != null) {
                    handler.endElement(wrapper.getNamespaceURI(), wrapper.getLocalPart(), wrapper.getLocalPart());
                    handler.endPrefixMapping("");
                }
                handler.endDocument();
            } catch (JAXBException e) {
                throw new SAXException("cannot write the answer: " + e, e);
            } finally {
                items.close().run();
            }
        }

        @Override public void parse(String systemId) throws SAXException { parse(new InputSource(systemId)); }
        @Override public boolean getFeature(String name) { return "http://xml.org/sax/features/namespaces".equals(name); }
        @Override public void setFeature(String name, boolean value) {}
        @Override public Object getProperty(String name) { return null; }
        @Override public void setProperty(String name, Object value) {}
        @Override public void setEntityResolver(EntityResolver r) { this.entityResolver = r; }
        @Override public EntityResolver getEntityResolver() { return entityResolver; }
        @Override public void setDTDHandler(DTDHandler h) { this.dtdHandler = h; }
        @Override public DTDHandler getDTDHandler() { return dtdHandler; }
        @Override public void setContentHandler(ContentHandler h) { this.handler = h; }
        @Override public ContentHandler getContentHandler() { return handler; }
        @Override public void setErrorHandler(ErrorHandler h) { this.errorHandler = h; }
        @Override public ErrorHandler getErrorHandler() { return errorHandler; }
    }

    /**
     * Forwards the SAX events of one stored hccdo:DrugMonitoringItemDetails to the output, without its document
     * events, without its own ccdo:ResourceItemStatusDetails (child of the item root; dropped with its prefix
     * mappings) and with the database's one written just before the item ends: the last element of
     * DrugMonitoringItemDetailsType's sequence. Text made only of whitespace is dropped unless it is the whole
     * content of a leaf element, as JAXB drops it from element-only content.
     */
    static final class ItemForwarder implements ContentHandler {
        private static final Attributes NONE = new AttributesImpl();
        private static final String STATUS = "ResourceItemStatusDetails";

        private final ContentHandler out;
        /** Prefix mappings of the next element, held until its startElement says whether it is dropped. */
        private String[] pending = new String[8];
        private int pendingCount;
        /** Prefix mappings declared on the item root: what is in scope where the status is written. */
        private final Map<String, String> rootMappings = new HashMap<>();
        private char[] text = new char[256];
        private int textLength;
        private int depth;
        /** Depth at which a dropped subtree started (0: nothing dropped). */
        private int dropFrom;
        /** endPrefixMapping calls still to swallow, those of the dropped element itself. */
        private int dropEnds;
        private boolean leaf;
        private boolean statusWritten;
        private StoredVersion version;

        ItemForwarder(ContentHandler out) {
            this.out = out;
        }

        void next(StoredVersion v) {
            version = v;
            pendingCount = 0;
            rootMappings.clear();
            textLength = 0;
            depth = 0;
            dropFrom = 0;
            dropEnds = 0;
            leaf = false;
            statusWritten = false;
        }

        void check(StoredVersion v) throws SAXException {
            if (!statusWritten) {
                throw new SAXException("the stored item of version " + v.id() + " is not a DrugMonitoringItemDetails");
            }
        }

        @Override
        public void startPrefixMapping(String prefix, String uri) {
            if (dropFrom != 0) {
                return;
            }
            if (pendingCount * 2 == pending.length) {
                pending = java.util.Arrays.copyOf(pending, pending.length * 2);
            }
            pending[pendingCount * 2] = prefix;
            pending[pendingCount * 2 + 1] = uri;
            pendingCount++;
        }

        @Override
        public void endPrefixMapping(String prefix) throws SAXException {
            if (dropFrom != 0) {
                return;
            }
            if (dropEnds > 0) {
                dropEnds--;
                return;
            }
            out.endPrefixMapping(prefix);
        }

        @Override
        public void startElement(String uri, String local, String qName, Attributes atts) throws SAXException {
            depth++;
            if (dropFrom != 0) {
                return;
            }
            dropText();
            if (depth == 1) {
                if (!HCCDO.equals(uri) || !"DrugMonitoringItemDetails".equals(local)) {
                    throw new SAXException("the stored item of version " + version.id() + " is {" + uri + "}" + local);
                }
                for (int i = 0; i < pendingCount; i++) {
                    rootMappings.put(pending[i * 2], pending[i * 2 + 1]);
                }
            } else if (depth == 2 && CCDO.equals(uri) && STATUS.equals(local)) {
                dropFrom = depth;
                dropEnds = pendingCount;
                pendingCount = 0;
                return;
            }
            flushMappings();
            out.startElement(uri, local, qName, atts);
            leaf = true;
        }

        @Override
        public void endElement(String uri, String local, String qName) throws SAXException {
            int d = depth--;
            if (dropFrom != 0) {
                if (d == dropFrom) {
                    dropFrom = 0;
                    leaf = false;
                }
                return;
            }
            if (leaf) {
                if (textLength > 0) {
                    out.characters(text, 0, textLength);
                    textLength = 0;
                }
            } else {
                dropText();
            }
            if (d == 1) {
                writeStatus();
            }
            out.endElement(uri, local, qName);
            leaf = false;
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (dropFrom != 0) {
                return;
            }
            if (textLength + length > text.length) {
                text = java.util.Arrays.copyOf(text, Math.max(text.length * 2, textLength + length));
            }
            System.arraycopy(ch, start, text, textLength, length);
            textLength += length;
        }

        /** Text before a child element or after the last one: JAXB keeps none of it in element-only content. */
        private void dropText() throws SAXException {
            if (textLength == 0) {
                return;
            }
            for (int i = 0; i < textLength; i++) {
                if (!isXmlSpace(text[i])) {
                    // mixed content (not in R.HC.MM.03.001, which is schema-valid when stored): keep it
                    out.characters(text, 0, textLength);
                    break;
                }
            }
            textLength = 0;
        }

        private static boolean isXmlSpace(char c) {
            return c == ' ' || c == '\n' || c == '\r' || c == '\t';
        }

        private void flushMappings() throws SAXException {
            for (int i = 0; i < pendingCount; i++) {
                out.startPrefixMapping(pending[i * 2], pending[i * 2 + 1]);
            }
            pendingCount = 0;
        }

        /** ccdo:ResourceItemStatusDetails from the database row, formatted as JAXB formats Times.xml(...). */
        private void writeStatus() throws SAXException {
            String ccdo = prefix("ccdo", CCDO);
            String csdo = prefix("csdo", CSDO);
            boolean declareCcdo = !CCDO.equals(rootMappings.get(ccdo));
            boolean declareCsdo = !CSDO.equals(rootMappings.get(csdo));
            if (declareCcdo) {
                out.startPrefixMapping(ccdo, CCDO);
            }
            if (declareCsdo) {
                out.startPrefixMapping(csdo, CSDO);
            }
            out.startElement(CCDO, STATUS, qName(ccdo, STATUS), NONE);
            out.startElement(CCDO, "ValidiatyPeriodDetails", qName(ccdo, "ValidiatyPeriodDetails"), NONE);
            leaf(csdo, "StartDateTime", version.startDateTime());
            leaf(csdo, "EndDateTime", version.endDateTime());
            out.endElement(CCDO, "ValidiatyPeriodDetails", qName(ccdo, "ValidiatyPeriodDetails"));
            leaf(csdo, "UpdateDateTime", version.updateDateTime());
            out.endElement(CCDO, STATUS, qName(ccdo, STATUS));
            if (declareCsdo) {
                out.endPrefixMapping(csdo);
            }
            if (declareCcdo) {
                out.endPrefixMapping(ccdo);
            }
            statusWritten = true;
        }

        /** The item root's prefix of the namespace if it has one, else the usual one (declared then). */
        private String prefix(String usual, String namespace) {
            for (Map.Entry<String, String> e : rootMappings.entrySet()) {
                if (namespace.equals(e.getValue())) {
                    return e.getKey();
                }
            }
            return usual;
        }

        private static String qName(String prefix, String local) {
            return prefix.isEmpty() ? local : prefix + ":" + local;
        }

        private void leaf(String csdo, String local, Instant value) throws SAXException {
            if (value == null) {
                return; // JAXB leaves out an element whose value is null
            }
            char[] v = Times.xml(value).toXMLFormat().toCharArray();
            String q = qName(csdo, local);
            out.startElement(CSDO, local, q, NONE);
            out.characters(v, 0, v.length);
            out.endElement(CSDO, local, q);
        }

        @Override public void setDocumentLocator(Locator locator) {}
        @Override public void startDocument() {}
        @Override public void endDocument() {}
        @Override public void ignorableWhitespace(char[] ch, int start, int length) {}
        @Override public void processingInstruction(String target, String data) {}
        @Override public void skippedEntity(String name) {}
    }
}
