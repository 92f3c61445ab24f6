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

import org.codehaus.stax2.XMLStreamWriter2;
import org.xml.sax.helpers.XMLFilterImpl;

import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamException;
import javax.xml.transform.sax.SAXSource;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
    static final String HCSDO = ns("hcsdo");

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
                handler.startDocument();
                AttributesImpl none = new AttributesImpl();
                if (wrapper != null) {
                    handler.startPrefixMapping("", wrapper.getNamespaceURI());
                    handler.startElement(wrapper.getNamespaceURI(), wrapper.getLocalPart(), wrapper.getLocalPart(), none);
                }
                // the namespaces of the items are declared once here, not again in every item
                Map<String, String> scope = new LinkedHashMap<>();
                if (wrapper != null) {
                    scope.put("", wrapper.getNamespaceURI());
                }
                Map<String, String> declared = new LinkedHashMap<>();
                declared.put(s.prefix(), s.namespace());
                declared.put("ccdo", CCDO);
                declared.put("csdo", CSDO);
                declared.put("hccdo", HCCDO);
                declared.put("hcsdo", HCSDO);
                for (Map.Entry<String, String> d : declared.entrySet()) {
                    handler.startPrefixMapping(d.getKey(), d.getValue());
                }
                scope.putAll(declared);
                String root = s.prefix() + ":" + s.rootElement();
                handler.startElement(s.namespace(), s.rootElement(), root, none);
                // once per answer: JAXB is fine here (this thread's fragment marshaller, not a new one per answer)
                ContractJaxb.toSax(new JAXBElement<>(new QName(CCDO, "EDocHeader"), EDocHeaderType.class, items.header()),
                        handler);
                // D-220: where the answer goes to a stream writer, an item's export form is copied into it as it is
                XMLStreamWriter2 raw = scope.entrySet().containsAll(ExportForm.CONTEXT.entrySet())
                        ? ExportForm.rawWriter(handler) : null;
                // D-244: a form read as bytes goes to the stream under that writer as it is (UTF-8 both)
                OutputStream bytesOut = ExportBytes.stream(raw);
                ExportBytes.Sink sink = bytesOut == null ? null : new ExportBytes.Sink(bytesOut);
                boolean flushed = false; // nothing in the writer's buffer since the last bytes written under it
                XMLReader reader = null;
                ItemForwarder forwarder = new ItemForwarder(handler, scope);
                ItemRecorder recorder = new ItemRecorder();
                Unwrap unwrap = new Unwrap(recorder);
                char[] chars = new char[8192]; // a form's characters: checked, then written from here (reused)
                while (items.versions().hasNext()) {
                    StoredVersion v = items.versions().next();
                    String form = v.exportForm();
                    byte[] bytes = v.formBytes();
                    if (bytes != null) {
                        if (!ExportBytes.publishable(bytes)) {
                            items.skipped().accept(v, "its stored export form is not publishable XML 1.0");
                            continue;
                        }
                        if (bytesOut != null) {
                            if (!flushed) {
                                raw.writeRaw(""); // ends a start tag left open, then empties the buffer
                                raw.flush();
                                flushed = true;
                            }
                            sink.write(bytes, v);
                            continue;
                        }
                        form = new String(bytes, StandardCharsets.UTF_8); // checked: well-formed UTF-8
                    }
                    if (flushed) {
                        sink.drain(); // the forms gathered so far, before the writer writes again
                        flushed = false; // whatever comes next goes through the writer
                    }
                    if (form != null) {
                        if (chars.length < form.length()) {
                            chars = new char[Math.max(form.length(), chars.length * 2)];
                        }
                        form.getChars(0, form.length(), chars, 0);
                        if (!ExportForm.publishable(form, chars)) {
                            items.skipped().accept(v, "its stored export form is not publishable XML 1.0");
                            continue;
                        }
                        if (raw != null) {
                            ExportForm.write(raw, form, chars, v);
                            continue;
                        }
                    }
                    if (reader == null) {
                        reader = XML.newSaxReader();
                        reader.setErrorHandler(new org.xml.sax.helpers.DefaultHandler());
                    }
                    // the item is read completely before a byte of it is written: one that cannot be read is
                    // skipped and reported, the answer goes on for everyone else (decision D-103)
                    recorder.clear();
                    try {
                        if (form != null) { // the form in the answer's namespace context, read without the wrapper
                            reader.setContentHandler(unwrap);
                            reader.parse(new InputSource(new StringReader(ExportForm.inContext(form))));
                        } else {
                            reader.setContentHandler(recorder);
                            reader.parse(new InputSource(new StringReader(v.itemXml())));
                        }
                        recorder.requireItem();
                    } catch (SAXException | IOException | RuntimeException e) {
                        items.skipped().accept(v, e.getMessage());
                        continue;
                    }
                    forwarder.next(v);
                    recorder.replay(forwarder);
                    forwarder.check(v);
                }
                if (flushed) {
                    sink.drain();
                }
                handler.endElement(s.namespace(), s.rootElement(), root);
                for (String prefix : declared.keySet()) {
                    handler.endPrefixMapping(prefix);
                }
                if (wrapper != null) {
                    handler.endElement(wrapper.getNamespaceURI(), wrapper.getLocalPart(), wrapper.getLocalPart());
                    handler.endPrefixMapping("");
                }
                handler.endDocument();
            } catch (JAXBException | XMLStreamException e) {
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

    /** Passes on the events inside the wrapper element of {@link ExportForm#inContext} (and its declarations). */
    static final class Unwrap extends XMLFilterImpl {
        private int depth;

        Unwrap(ContentHandler to) {
            setContentHandler(to);
        }

        @Override
        public void startDocument() {
            depth = 0;
        }

        @Override
        public void startElement(String uri, String local, String qName, Attributes atts) throws SAXException {
            if (depth++ > 0) {
                super.startElement(uri, local, qName, atts);
            }
        }

        @Override
        public void endElement(String uri, String local, String qName) throws SAXException {
            if (--depth > 0) {
                super.endElement(uri, local, qName);
            }
        }
    }

    /**
     * The SAX events of one stored item, kept until the item has been read to its end (its memory is reused from
     * item to item). Only what {@link ItemForwarder} uses is kept: prefix mappings, elements, text.
     */
    static final class ItemRecorder implements ContentHandler {
        private static final byte PREFIX = 0, START = 1, END = 2, TEXT = 3;
        private byte[] kinds = new byte[64];
        private Object[] values = new Object[64 * 4];
        private int count;
        private final StringBuilder chars = new StringBuilder();
        private String rootUri;
        private String rootLocal;

        void clear() {
            Arrays.fill(values, 0, count * 4, null);
            count = 0;
            chars.setLength(0);
            rootUri = null;
            rootLocal = null;
        }

        private void add(byte kind, Object a, Object b, Object c, Object d) {
            if (count == kinds.length) {
                kinds = Arrays.copyOf(kinds, count * 2);
                values = Arrays.copyOf(values, count * 8);
            }
            kinds[count] = kind;
            values[count * 4] = a;
            values[count * 4 + 1] = b;
            values[count * 4 + 2] = c;
            values[count * 4 + 3] = d;
            count++;
        }

        private void flushText() {
            if (chars.length() > 0) {
                add(TEXT, chars.toString(), null, null, null);
                chars.setLength(0);
            }
        }

        /** The stored item must be a hccdo:DrugMonitoringItemDetails (what the answer's schema expects). */
        void requireItem() throws SAXException {
            if (!HCCDO.equals(rootUri) || !"DrugMonitoringItemDetails".equals(rootLocal)) {
                throw new SAXException("the stored item is {" + rootUri + "}" + rootLocal
                        + ", not a DrugMonitoringItemDetails");
            }
        }

        void replay(ContentHandler to) throws SAXException {
            for (int i = 0; i < count; i++) {
                Object a = values[i * 4], b = values[i * 4 + 1], c = values[i * 4 + 2];
                switch (kinds[i]) {
                    case PREFIX -> to.startPrefixMapping((String) a, (String) b);
                    case START -> to.startElement((String) a, (String) b, (String) c, (Attributes) values[i * 4 + 3]);
                    case END -> to.endElement((String) a, (String) b, (String) c);
                    default -> {
                        char[] t = ((String) a).toCharArray();
                        to.characters(t, 0, t.length);
                    }
                }
            }
        }

        @Override
        public void startPrefixMapping(String prefix, String uri) {
            flushText();
            add(PREFIX, prefix, uri, null, null);
        }

        @Override
        public void startElement(String uri, String local, String qName, Attributes atts) {
            flushText();
            if (rootLocal == null) {
                rootUri = uri;
                rootLocal = local;
            }
            add(START, uri, local, qName, atts.getLength() == 0 ? ItemForwarder.NONE : new AttributesImpl(atts));
        }

        @Override
        public void endElement(String uri, String local, String qName) {
            flushText();
            add(END, uri, local, qName, null);
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            chars.append(ch, start, length);
        }

        @Override public void endPrefixMapping(String prefix) {}
        @Override public void setDocumentLocator(Locator locator) {}
        @Override public void startDocument() {}
        @Override public void endDocument() {}
        @Override public void ignorableWhitespace(char[] ch, int start, int length) {}
        @Override public void processingInstruction(String target, String data) {}
        @Override public void skippedEntity(String name) {}
    }

    /**
     * Forwards the SAX events of one stored hccdo:DrugMonitoringItemDetails to the output, without its document
     * events, without its own ccdo:ResourceItemStatusDetails (child of the item root; dropped with everything in it)
     * and with the database's one written just before the item ends: the last element of
     * DrugMonitoringItemDetailsType's sequence. Text made only of whitespace is dropped unless it is the whole
     * content of a leaf element, as JAXB drops it from element-only content.
     *
     * <p>Namespace declarations: a stored item is a DOM element serialized on its own, which declares a namespace
     * again on every element that uses it. A declaration is forwarded only if its prefix is not already bound to
     * the same namespace in the output (the answer's root declares the contract's namespaces once), and ended
     * after the element that made it; the reader's endPrefixMapping events are not used.
     */
    static final class ItemForwarder implements ContentHandler {
        private static final Attributes NONE = new AttributesImpl();
        private static final String STATUS = "ResourceItemStatusDetails";

        private final ContentHandler out;
        /** prefix → namespace as bound in the output where the item is written, kept up to date. */
        private final Map<String, String> scope;
        /** Prefix mappings of the next element, held until its startElement says whether it is dropped. */
        private String[] pending = new String[16];
        private int pendingCount;
        /** Declarations forwarded to the output (prefix and the binding it hides), innermost last. */
        private String[] declared = new String[16];
        private int declaredCount;
        /** declaredCount before each open element's declarations, by depth. */
        private int[] marks = new int[16];
        private char[] text = new char[256];
        private int textLength;
        private int depth;
        /** Depth at which a dropped subtree started (0: nothing dropped). */
        private int dropFrom;
        private boolean leaf;
        private boolean statusWritten;
        private StoredVersion version;
        /** false: the item is written without any ResourceItemStatusDetails (the export form, D-220). */
        private final boolean withStatus;

        /** @param scope the prefix mappings in force in the output where items are written */
        ItemForwarder(ContentHandler out, Map<String, String> scope) {
            this(out, scope, true);
        }

        ItemForwarder(ContentHandler out, Map<String, String> scope, boolean withStatus) {
            this.out = out;
            this.scope = new HashMap<>(scope);
            this.withStatus = withStatus;
        }

        void next(StoredVersion v) {
            version = v;
            pendingCount = 0;
            textLength = 0;
            depth = 0;
            dropFrom = 0;
            leaf = false;
            statusWritten = false;
        }

        void check(StoredVersion v) throws SAXException {
            if (statusWritten != withStatus || depth != 0 || declaredCount != 0) {
                throw new SAXException("the stored item of version " + (v == null ? "?" : v.id())
                        + " is not a DrugMonitoringItemDetails");
            }
        }

        @Override
        public void startPrefixMapping(String prefix, String uri) {
            if (dropFrom != 0) {
                return;
            }
            if (pendingCount * 2 == pending.length) {
                pending = Arrays.copyOf(pending, pending.length * 2);
            }
            pending[pendingCount * 2] = prefix;
            pending[pendingCount * 2 + 1] = uri;
            pendingCount++;
        }

        @Override
        public void endPrefixMapping(String prefix) {
            // ended by endElement, for the declarations that were forwarded
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
                    throw new SAXException("the stored item of version " + (version == null ? "?" : version.id())
                            + " is {" + uri + "}" + local);
                }
            } else if (depth == 2 && CCDO.equals(uri) && STATUS.equals(local)) {
                dropFrom = depth;
                pendingCount = 0;
                return;
            }
            if (depth == marks.length) {
                marks = Arrays.copyOf(marks, marks.length * 2);
            }
            marks[depth] = declaredCount;
            for (int i = 0; i < pendingCount; i++) {
                declare(pending[i * 2], pending[i * 2 + 1]);
            }
            pendingCount = 0;
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
            if (d == 1 && withStatus) {
                writeStatus();
            }
            out.endElement(uri, local, qName);
            undeclare(marks[d]);
            leaf = false;
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (dropFrom != 0) {
                return;
            }
            if (textLength + length > text.length) {
                text = Arrays.copyOf(text, Math.max(text.length * 2, textLength + length));
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

        /** Forwards a declaration unless the prefix is bound to that namespace already. */
        private void declare(String prefix, String uri) throws SAXException {
            String before = scope.get(prefix);
            if (uri.equals(before)) {
                return;
            }
            out.startPrefixMapping(prefix, uri);
            scope.put(prefix, uri);
            if (declaredCount * 2 == declared.length) {
                declared = Arrays.copyOf(declared, declared.length * 2);
            }
            declared[declaredCount * 2] = prefix;
            declared[declaredCount * 2 + 1] = before;
            declaredCount++;
        }

        /** Ends the declarations made since the mark, restoring what they hid. */
        private void undeclare(int mark) throws SAXException {
            while (declaredCount > mark) {
                declaredCount--;
                String prefix = declared[declaredCount * 2];
                String before = declared[declaredCount * 2 + 1];
                out.endPrefixMapping(prefix);
                if (before == null) {
                    scope.remove(prefix);
                } else {
                    scope.put(prefix, before);
                }
            }
        }

        /** ccdo:ResourceItemStatusDetails from the database row, formatted as JAXB formats Times.xml(...). */
        private void writeStatus() throws SAXException {
            int mark = declaredCount;
            declare("ccdo", CCDO);
            declare("csdo", CSDO);
            out.startElement(CCDO, STATUS, "ccdo:" + STATUS, NONE);
            out.startElement(CCDO, "ValidityPeriodDetails", "ccdo:ValidityPeriodDetails", NONE);
            leaf("StartDateTime", version.startDateTime());
            leaf("EndDateTime", version.endDateTime());
            out.endElement(CCDO, "ValidityPeriodDetails", "ccdo:ValidityPeriodDetails");
            leaf("UpdateDateTime", version.updateDateTime());
            out.endElement(CCDO, STATUS, "ccdo:" + STATUS);
            undeclare(mark);
            statusWritten = true;
        }

        private void leaf(String local, Instant value) throws SAXException {
            if (value == null) {
                return; // JAXB leaves out an element whose value is null
            }
            char[] v = Times.xml(value).toXMLFormat().toCharArray();
            String q = "csdo:" + local;
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
