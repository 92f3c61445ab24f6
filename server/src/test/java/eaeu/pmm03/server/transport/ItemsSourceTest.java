package eaeu.pmm03.server.transport;

import eaeu.pmm03.contract.ccdo.EDocHeaderType;
import eaeu.pmm03.contract.ccdo.PeriodDetailsType;
import eaeu.pmm03.contract.ccdo.ResourceItemStatusDetailsType;
import eaeu.pmm03.contract.hccdo.DrugMonitoringItemDetailsType;
import eaeu.pmm03.contract.process.ProcessTable;
import eaeu.pmm03.contract.samples.Samples;
import eaeu.pmm03.contract.xml.ContractJaxb;
import eaeu.pmm03.contract.xml.ContractSchemas;
import eaeu.pmm03.security.xml.HardenedXml;
import eaeu.pmm03.security.xml.XmlLimits;
import eaeu.pmm03.server.commission.CommissionService;
import eaeu.pmm03.server.commission.Documents;
import eaeu.pmm03.server.commission.Times;
import eaeu.pmm03.server.pipeline.XmlText;
import eaeu.pmm03.server.registry.StoredVersion;
import jakarta.xml.bind.JAXBElement;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import jakarta.xml.bind.Unmarshaller;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.ContentHandler;
import org.xml.sax.DTDHandler;
import org.xml.sax.EntityResolver;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.AttributesImpl;

import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import javax.xml.transform.Source;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.sax.SAXSource;
import javax.xml.transform.stream.StreamResult;
import javax.xml.transform.stream.StreamSource;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The streamed MSG.008/MSG.011 answer ({@link ItemsSource}: stored items forwarded as SAX events) against the way
 * it was written before (each stored item unmarshalled to JAXB, its status set, marshalled again — kept below as
 * {@link JaxbItemsSource}): the same document once namespaces are resolved and whitespace between elements is
 * ignored, valid against R.HC.MM.03.001, namespace-well-formed when serialized.
 */
class ItemsSourceTest {

    private static final HardenedXml XML = new HardenedXml(XmlLimits.defaults());
    private static final String CCDO = ItemsSource.CCDO;
    private static final String CSDO = ItemsSource.CSDO;

    @Test
    void sameAnswerAsTheJaxbRoundTripForMsg008() throws Exception {
        List<StoredVersion> versions = versions();
        AtomicInteger closed = new AtomicInteger();
        Document fresh = XmlText.toDocument(new ItemsSource(items("P.MM.03.MSG.008", versions, closed), null));
        Document old = XmlText.toDocument(new JaxbItemsSource(items("P.MM.03.MSG.008", versions, closed), null));
        assertEquals(2, closed.get(), "the cursor is closed after each answer");

        assertEquals(canonical(old.getDocumentElement()), canonical(fresh.getDocumentElement()));
        validate(new DOMSource(fresh));
        assertStatusFromTheDatabase(fresh.getDocumentElement(), versions);
        assertNoCommentsOrInstructions(fresh);
    }

    @Test
    void sameAnswerInsideAResponseWrapperForMsg011() throws Exception {
        List<StoredVersion> versions = versions();
        QName wrapper = new QName("urn:test:wrapper", "GetChangesResponse");
        Document fresh = XmlText.toDocument(new ItemsSource(items("P.MM.03.MSG.011", versions, null), wrapper));
        Document old = XmlText.toDocument(new JaxbItemsSource(items("P.MM.03.MSG.011", versions, null), wrapper));

        Element root = fresh.getDocumentElement();
        assertEquals("urn:test:wrapper", root.getNamespaceURI());
        assertEquals(canonical(old.getDocumentElement()), canonical(root));
        Element eec = firstChildElement(root);
        validate(new DOMSource(eec));
        assertStatusFromTheDatabase(eec, versions);
    }

    @Test
    void serializedAnswerIsNamespaceWellFormed() throws Exception {
        List<StoredVersion> versions = versions();
        StringWriter w = new StringWriter();
        HardenedXml.transformerFactory().newTransformer()
                .transform(new ItemsSource(items("P.MM.03.MSG.008", versions, null), null), new StreamResult(w));
        String text = w.toString();
        assertFalse(text.contains("<!--"), "no comment of a stored item is republished");
        assertFalse(text.contains("<?pi"), "no processing instruction of a stored item is republished");
        // a namespace-aware parse fails on an unbound prefix; the result must also be valid
        Document reparsed = XML.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        validate(new StreamSource(new StringReader(text)));
        Document old = XmlText.toDocument(new JaxbItemsSource(items("P.MM.03.MSG.008", versions, null), null));
        assertEquals(canonical(old.getDocumentElement()), canonical(reparsed.getDocumentElement()));
        // the stored items declare a namespace on every element that uses it: declared once for the answer
        for (String prefix : List.of("ccdo", "csdo", "hccdo", "hcsdo")) {
            assertEquals(1, text.split("xmlns:" + prefix + "=", -1).length - 1, prefix + " declared once: " + text);
        }
    }

    @Test
    void aStoredItemThatIsNotAnItemIsSkippedAndTheAnswerGoesOn() throws Exception {
        assertSkipped("<x:Other xmlns:x='" + ItemsSource.HCCDO + "'/>", "not a DrugMonitoringItemDetails");
    }

    @Test
    void aStoredItemWithADoctypeIsSkippedAndItsEntityNotRead() throws Exception {
        assertSkipped("<!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><x>&e;</x>", "DOCTYPE");
    }

    @Test
    void aStoredItemWithACharacterXml10CannotCarryIsSkipped() throws Exception {
        String include = Samples.byFile("dmd-msg001-include.xml").text();
        String poisoned = items(include, UnaryOperator.identity()).get(0).replace("Ибупрофен", "Ибупрофен&#1;");
        assertSkipped(poisoned, "");
        assertSkipped(items(include, UnaryOperator.identity()).get(0).replace("Ибупрофен", "Ибупрофен\u0001"), "");
        assertSkipped("<hccdo:DrugMonitoringItemDetails xmlns:hccdo='" + ItemsSource.HCCDO + "'><unclosed>", "");
    }

    // ---- D-220: the export form, copied into the answer without a parse -----------------------------------------

    /** The versions with the export form each would have been stored with (and no stored XML read). */
    private static List<StoredVersion> withForms(List<StoredVersion> versions) {
        List<StoredVersion> l = new ArrayList<>();
        for (StoredVersion v : versions) {
            String form = ExportForm.of(v.itemXml());
            assertTrue(form != null && ExportForm.publishable(form), "version " + v.id() + " has a form: " + form);
            assertFalse(form.contains("ResourceItemStatusDetails"), form);
            l.add(new StoredVersion(v.id(), v.recordId(), v.versionNo(), v.country(), v.statusCode(),
                    v.startDateTime(), v.endDateTime(), v.createdAt(), v.closedAt(), null, form));
        }
        return l;
    }

    /** The answer as CXF writes a SAXSource to its (Woodstox) stream writer: StaxUtils.copy. */
    private static String asCxfWrites(Source s) throws Exception {
        StringWriter w = new StringWriter();
        javax.xml.stream.XMLStreamWriter x = org.apache.cxf.staxutils.StaxUtils.createXMLStreamWriter(w);
        org.apache.cxf.staxutils.StaxUtils.copy(s, x);
        x.flush();
        return w.toString();
    }

    @Test
    void exportFormsAreCopiedAsTheSameBytesTheStoredItemsWouldGive() throws Exception {
        QName wrapper = new QName("urn:test:wrapper", "GetRecordsResponse");
        String parsed = asCxfWrites(new ItemsSource(items("P.MM.03.MSG.008", versions(), null), wrapper));
        AtomicInteger closed = new AtomicInteger();
        String copied = asCxfWrites(new ItemsSource(items("P.MM.03.MSG.008", withForms(versions()), closed), wrapper));
        assertEquals(1, closed.get());
        assertEquals(parsed, copied);
        // and that is the answer of before: valid, the status from the database, declarations once
        Element eec = firstChildElement(XML.parse(new ByteArrayInputStream(copied.getBytes(StandardCharsets.UTF_8)))
                .getDocumentElement());
        validate(new DOMSource(eec));
        assertStatusFromTheDatabase(eec, versions());
        Document old = XmlText.toDocument(new JaxbItemsSource(items("P.MM.03.MSG.008", versions(), null), null));
        assertEquals(canonical(old.getDocumentElement()), canonical(eec));
        assertEquals(1, copied.split("xmlns:csdo=", -1).length - 1, copied);
    }

    @Test
    void exportFormsGoThroughSaxEventsWhereNoStreamWriterIsUnderneath() throws Exception {
        Document fromForms = XmlText.toDocument(new ItemsSource(items("P.MM.03.MSG.011", withForms(versions()), null),
                null));
        Document old = XmlText.toDocument(new JaxbItemsSource(items("P.MM.03.MSG.011", versions(), null), null));
        assertEquals(canonical(old.getDocumentElement()), canonical(fromForms.getDocumentElement()));
        validate(new DOMSource(fromForms));
        // CXF's own DOM writer (what a signing interceptor's SAAJ writer is): no raw copy, the same answer
        org.apache.cxf.staxutils.W3CDOMStreamWriter dom = new org.apache.cxf.staxutils.W3CDOMStreamWriter();
        org.apache.cxf.staxutils.StaxUtils.copy(new ItemsSource(items("P.MM.03.MSG.011", withForms(versions()), null),
                null), dom);
        assertEquals(canonical(old.getDocumentElement()), canonical(dom.getDocument().getDocumentElement()));
    }

    @Test
    void aStoredExportFormThatIsNotPublishableIsSkippedAndTheAnswerGoesOn() throws Exception {
        List<StoredVersion> versions = new ArrayList<>(withForms(versions()));
        String form = versions.get(0).exportForm();
        versions.add(1, new StoredVersion(9, "r9", 1, "RU", "03", Instant.parse("2026-10-01T00:00:00Z"), null,
                Instant.parse("2026-10-01T00:00:01Z"), null, null, form.replaceFirst(">([^<])", ">\u0001$1")));
        versions.add(2, new StoredVersion(10, "r10", 1, "RU", "03", Instant.parse("2026-10-01T00:00:00Z"), null,
                Instant.parse("2026-10-01T00:00:01Z"), null, null, form.substring(0, form.length() - 3)));
        for (boolean stream : List.of(true, false)) {
            List<String> skipped = new ArrayList<>();
            CommissionService.Items plain = items("P.MM.03.MSG.008", versions, null);
            CommissionService.Items items = new CommissionService.Items(plain.messageCode(), plain.header(),
                    plain.versions(), plain.close(), (v, why) -> skipped.add(v.id() + ": " + why));
            Document d = stream ? XML.parse(new ByteArrayInputStream(asCxfWrites(new ItemsSource(items, null))
                    .getBytes(StandardCharsets.UTF_8))) : XmlText.toDocument(new ItemsSource(items, null));
            assertEquals(List.of("9: its stored export form is not publishable XML 1.0",
                    "10: its stored export form is not publishable XML 1.0"), skipped);
            validate(new DOMSource(d));
            assertStatusFromTheDatabase(d.getDocumentElement(), versions());
        }
    }

    // ---- D-244: the export form as the database's bytes, copied under the writer -------------------------------

    /** The versions with their export forms as the database gives them: UTF-8 bytes, no text. */
    private static List<StoredVersion> withFormBytes(List<StoredVersion> versions) {
        List<StoredVersion> l = new ArrayList<>();
        for (StoredVersion v : withForms(versions)) {
            l.add(bytesOf(v, v.exportForm().getBytes(StandardCharsets.UTF_8)));
        }
        return l;
    }

    private static StoredVersion bytesOf(StoredVersion v, byte[] form) {
        return new StoredVersion(v.id(), v.recordId(), v.versionNo(), v.country(), v.statusCode(), v.startDateTime(),
                v.endDateTime(), v.createdAt(), v.closedAt(), null, null, form);
    }

    /** The answer as CXF's StaxOutInterceptor writes it on an HTTP response: a Woodstox writer over a stream. */
    private static byte[] asCxfWritesBytes(Source s) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        javax.xml.stream.XMLStreamWriter x = org.apache.cxf.staxutils.StaxUtils.createXMLStreamWriter(out, "UTF-8");
        org.apache.cxf.staxutils.StaxUtils.copy(s, x);
        x.flush();
        return out.toByteArray();
    }

    @Test
    void exportFormBytesAreCopiedUnderTheWriterAsTheSameBytesTheStoredItemsWouldGive() throws Exception {
        QName wrapper = new QName("urn:test:wrapper", "GetRecordsResponse");
        byte[] parsed = asCxfWritesBytes(new ItemsSource(items("P.MM.03.MSG.008", versions(), null), wrapper));
        AtomicInteger closed = new AtomicInteger();
        // forms as bytes, with a version without a form between them (the SAX path, then bytes again)
        List<StoredVersion> mixed = new ArrayList<>(withFormBytes(versions()));
        mixed.set(2, versions().get(2));
        for (List<StoredVersion> vs : List.of(withFormBytes(versions()), mixed)) {
            byte[] copied = asCxfWritesBytes(new ItemsSource(items("P.MM.03.MSG.008", vs, closed), wrapper));
            assertEquals(new String(parsed, StandardCharsets.UTF_8), new String(copied, StandardCharsets.UTF_8));
            assertTrue(java.util.Arrays.equals(parsed, copied));
        }
        assertEquals(2, closed.get());
        // where no stream is underneath (a writer of characters, a DOM), the bytes are decoded: the same answer
        String chars = asCxfWrites(new ItemsSource(items("P.MM.03.MSG.008", withFormBytes(versions()), null), wrapper));
        assertEquals(new String(parsed, StandardCharsets.UTF_8).replaceFirst("^<\\?xml[^>]*>", ""),
                chars.replaceFirst("^<\\?xml[^>]*>", ""));
        Document dom = XmlText.toDocument(new ItemsSource(items("P.MM.03.MSG.011", withFormBytes(versions()), null),
                null));
        Document old = XmlText.toDocument(new JaxbItemsSource(items("P.MM.03.MSG.011", versions(), null), null));
        assertEquals(canonical(old.getDocumentElement()), canonical(dom.getDocumentElement()));
    }

    /** D-246: forms gathered in 64 KB pieces, drained before the writer writes again: the same bytes, in order. */
    @Test
    void manyExportFormBytesAcrossTheSinksBufferGiveTheSameAnswer() throws Exception {
        List<StoredVersion> parsedVersions = new ArrayList<>();
        List<StoredVersion> byteVersions = new ArrayList<>();
        List<StoredVersion> forms = withFormBytes(versions());
        for (int i = 0; i < 60; i++) {
            StoredVersion v = versions().get(i % 4);
            StoredVersion f = forms.get(i % 4);
            StoredVersion p = new StoredVersion(100 + i, v.recordId(), v.versionNo(), v.country(), v.statusCode(),
                    v.startDateTime(), v.endDateTime(), v.createdAt(), v.closedAt(), v.itemXml());
            parsedVersions.add(p);
            // every 17th without a form: the writer writes it between gathered forms
            byteVersions.add(i % 17 == 5 ? p : new StoredVersion(100 + i, f.recordId(), f.versionNo(), f.country(),
                    f.statusCode(), f.startDateTime(), f.endDateTime(), f.createdAt(), f.closedAt(), null, null,
                    f.formBytes()));
        }
        byte[] parsed = asCxfWritesBytes(new ItemsSource(items("P.MM.03.MSG.011", parsedVersions, null), null));
        byte[] copied = asCxfWritesBytes(new ItemsSource(items("P.MM.03.MSG.011", byteVersions, null), null));
        assertTrue(parsed.length > 3 * ExportBytes.Sink.SIZE, "length " + parsed.length);
        assertEquals(new String(parsed, StandardCharsets.UTF_8), new String(copied, StandardCharsets.UTF_8));
    }

    @Test
    void exportFormBytesThatAreNotWellFormedUtf8OfXmlCharactersAreSkippedAndTheAnswerGoesOn() throws Exception {
        byte[] good = withFormBytes(versions()).get(0).formBytes();
        String text = new String(good, StandardCharsets.UTF_8);
        int at = text.indexOf("Ибупрофен");
        assertTrue(at > 0, text);
        int b = text.substring(0, at).getBytes(StandardCharsets.UTF_8).length; // before 'И' (D0 98)
        List<byte[]> bad = List.of(
                insert(good, b, new byte[] {1}),                                   // a control character
                insert(good, b, new byte[] {(byte) 0xC0, (byte) 0x80}),            // overlong NUL
                insert(good, b, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}), // a surrogate, U+D800
                insert(good, b, new byte[] {(byte) 0xEF, (byte) 0xBF, (byte) 0xBE}), // U+FFFE
                insert(good, b, new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}), // > U+10FFFF
                insert(good, b, new byte[] {(byte) 0x98}),                         // a lone continuation byte
                insert(good, b, new byte[] {(byte) 0xD0}),                         // a character cut short
                java.util.Arrays.copyOf(good, good.length - 3));                    // the end tag cut
        assertTrue(ExportBytes.publishable(good));
        // a character outside the BMP is allowed (4 bytes), as in the text check
        assertTrue(ExportBytes.publishable(insert(good, b, "\uD83D\uDC8A".getBytes(StandardCharsets.UTF_8))));
        List<StoredVersion> vs = new ArrayList<>(withFormBytes(versions()));
        for (int i = 0; i < bad.size(); i++) {
            assertFalse(ExportBytes.publishable(bad.get(i)), "case " + i);
            vs.add(1 + i, bytesOf(version(20 + i, null, "2026-10-01T00:00:00Z", null, "2026-10-01T00:00:01Z", null),
                    bad.get(i)));
        }
        List<String> skipped = new ArrayList<>();
        CommissionService.Items plain = items("P.MM.03.MSG.008", vs, null);
        CommissionService.Items items = new CommissionService.Items(plain.messageCode(), plain.header(),
                plain.versions(), plain.close(), (v, why) -> skipped.add(String.valueOf(v.id())));
        Document d = XML.parse(new ByteArrayInputStream(asCxfWritesBytes(new ItemsSource(items, null))));
        assertEquals(List.of("20", "21", "22", "23", "24", "25", "26", "27"), skipped);
        validate(new DOMSource(d));
        assertStatusFromTheDatabase(d.getDocumentElement(), versions());
    }

    /** The bytes with others inserted at a position (before a character). */
    private static byte[] insert(byte[] in, int at, byte[] with) {
        byte[] out = new byte[in.length + with.length];
        System.arraycopy(in, 0, out, 0, at);
        System.arraycopy(with, 0, out, at, with.length);
        System.arraycopy(in, at, out, at + with.length, in.length - at);
        return out;
    }

    /**
     * D-234: the export form made from the request's DOM is the form made from the item's stored text (that DOM
     * serialized), byte for byte: for every sample with items, in place in its document and detached as the ports
     * detach it, and with the item's prefixes renamed or declared on the item itself.
     */
    @Test
    void theExportFormFromTheDomIsTheFormFromTheStoredText() throws Exception {
        int checked = 0;
        for (String file : List.of("dmd-minimal.xml", "dmd-msg001-include.xml", "dmd-msg002-change.xml",
                "dmd-msg003-exclude.xml", "dmd-msg008-maximal.xml", "dmd-msg011-changes.xml",
                "dmd-msg013-notify-inclusion.xml")) {
            String text = Samples.byFile(file).text();
            for (String variant : List.of(text, text.replace("hcsdo:", "x:").replace("xmlns:hcsdo=", "xmlns:x="),
                    text.replaceAll("(<hccdo:DrugMonitoringItemDetails)(>)", "$1 xmlns:hccdo=\"" + ItemsSource.HCCDO
                            + "\" xmlns:y=\"urn:unused\"$2"))) {
                org.w3c.dom.Document doc = XML.parse(new java.io.ByteArrayInputStream(
                        variant.getBytes(StandardCharsets.UTF_8)));
                for (org.w3c.dom.Document d : List.of(doc,
                        eaeu.pmm03.server.pipeline.XmlText.detach(doc.getDocumentElement(), XML))) {
                    var items = d.getElementsByTagNameNS(ItemsSource.HCCDO, "DrugMonitoringItemDetails");
                    for (int i = 0; i < items.getLength(); i++) {
                        org.w3c.dom.Element item = (org.w3c.dom.Element) items.item(i);
                        String stored = eaeu.pmm03.server.pipeline.XmlText.serialize(item);
                        String fromText = ExportForm.of(stored);
                        assertTrue(fromText != null, file);
                        assertEquals(fromText, ExportForm.of(item, stored.length()), file);
                        checked++;
                    }
                }
            }
        }
        assertTrue(checked >= 30, "items checked: " + checked);
    }

    @Test
    void anItemThatCannotBePutInTheExportFormHasNone() {
        String include = items(Samples.byFile("dmd-msg001-include.xml").text(), UnaryOperator.identity()).get(0);
        assertEquals(null, ExportForm.of(null));
        assertEquals(null, ExportForm.of(""));
        assertEquals(null, ExportForm.of("<x:Other xmlns:x='" + ItemsSource.HCCDO + "'/>"));
        assertEquals(null, ExportForm.of(include.replace("Ибупрофен", "Ибупрофен&#1;")));
        assertEquals(null, ExportForm.of("<!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><x>&e;</x>"));
        assertEquals(null, ExportForm.of(include.substring(0, include.length() - 2)));
        // an item whose root binds ccdo to another namespace: the status written at export could not use it
        String rebound = include.replaceFirst("(<hccdo:DrugMonitoringItemDetails)", "$1 xmlns:ccdo=\"urn:other\"");
        assertTrue(rebound.contains("urn:other"));
        assertEquals(null, ExportForm.of(rebound));
        assertTrue(ExportForm.of(include) != null);
    }

    /**
     * Decision D-103: a stored item that cannot be written is left out (before a byte of it is written), reported
     * with its version and reason, and every other item is answered; the cursor is closed.
     */
    private static void assertSkipped(String storedXml, String reason) throws Exception {
        List<StoredVersion> versions = new java.util.ArrayList<>(versions());
        versions.add(1, version(9, storedXml, "2026-10-01T00:00:00Z", null, "2026-10-01T00:00:01Z", null));
        AtomicInteger closed = new AtomicInteger();
        List<String> skipped = new java.util.ArrayList<>();
        CommissionService.Items plain = items("P.MM.03.MSG.008", versions, closed);
        CommissionService.Items items = new CommissionService.Items(plain.messageCode(), plain.header(),
                plain.versions(), plain.close(), (v, why) -> skipped.add(v.id() + ": " + why));
        Document fresh = XmlText.toDocument(new ItemsSource(items, null));
        assertEquals(1, closed.get());
        assertEquals(1, skipped.size(), skipped.toString());
        assertTrue(skipped.get(0).startsWith("9: ") && skipped.get(0).contains(reason), skipped.toString());
        List<StoredVersion> good = versions();
        validate(new DOMSource(fresh));
        assertStatusFromTheDatabase(fresh.getDocumentElement(), good);
        Document old = XmlText.toDocument(new JaxbItemsSource(items("P.MM.03.MSG.008", good, null), null));
        assertEquals(canonical(old.getDocumentElement()), canonical(fresh.getDocumentElement()));
    }

    // ---- the stored versions -------------------------------------------------------------------------------

    /**
     * Four versions: the maximal sample's first item as stored (its own ResourceItemStatusDetails, other dates than
     * the row), its second item ended (EndDateTime, closed), the MSG.001 item without ResourceItemStatusDetails,
     * and the MSG.001 item written with other prefixes, hccdo as the default namespace, a comment and a
     * processing instruction.
     */
    private static List<StoredVersion> versions() {
        List<String> maximal = items(Samples.byFile("dmd-msg008-maximal.xml").text(), UnaryOperator.identity());
        String include = Samples.byFile("dmd-msg001-include.xml").text();
        String withoutStatus = items(include, item -> {
            Node status = item.getElementsByTagNameNS(CCDO, "ResourceItemStatusDetails").item(0);
            status.getParentNode().removeChild(status);
            return item;
        }).get(0);
        assertFalse(withoutStatus.contains("ResourceItemStatusDetails"));
        String otherPrefixes = items(include, UnaryOperator.identity()).get(0)
                .replace("xmlns:ccdo=", "xmlns:c=").replace("<ccdo:", "<c:").replace("</ccdo:", "</c:")
                .replace("xmlns:hccdo=", "xmlns=").replace("<hccdo:", "<").replace("</hccdo:", "</")
                .replaceFirst("(<DrugMonitoringItemDetails[^>]*>)", "$1<!-- stored comment --><?pi ignored?>");
        assertTrue(otherPrefixes.contains("<!-- stored comment -->") && otherPrefixes.contains("<c:Resource"));
        assertTrue(maximal.get(0).contains("ResourceItemStatusDetails"));
        return List.of(
                version(1, maximal.get(0), "2026-10-12T13:40:00Z", null, "2026-10-12T13:40:00.000001Z", null),
                version(2, maximal.get(1), "2026-09-01T09:00:00.5Z", "2026-10-19T06:00:00.123456Z",
                        "2026-09-01T09:00:01Z", "2026-10-19T06:00:05.654321Z"),
                version(3, withoutStatus, "2026-10-20T07:15:30Z", null, "2026-10-20T07:15:31.250Z", null),
                version(4, otherPrefixes, "2026-10-21T07:15:30Z", null, "2026-10-21T07:15:31Z", null));
    }

    private static StoredVersion version(long id, String xml, String start, String end, String created, String closed) {
        return new StoredVersion(id, "r" + id, 1, "RU", "03", Instant.parse(start), end == null ? null : Instant.parse(end),
                Instant.parse(created), closed == null ? null : Instant.parse(closed), xml);
    }

    /** The hccdo:DrugMonitoringItemDetails of a sample, each serialized on its own as CommissionService stores it. */
    private static List<String> items(String document, UnaryOperator<Element> change) {
        try {
            Document d = XML.parse(new ByteArrayInputStream(document.getBytes(StandardCharsets.UTF_8)));
            List<Element> found = new ArrayList<>();
            NodeList l = d.getDocumentElement().getElementsByTagNameNS(ItemsSource.HCCDO, "DrugMonitoringItemDetails");
            for (int i = 0; i < l.getLength(); i++) {
                found.add((Element) l.item(i));
            }
            List<String> out = new ArrayList<>();
            for (Element e : found) {
                out.add(XmlText.serialize(change.apply(e)));
            }
            return out;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static CommissionService.Items items(String message, List<StoredVersion> versions, AtomicInteger closed) {
        EDocHeaderType h = Documents.header(message, "0b7f4c2e-91d3-4a58-8e6f-3c2d1b0a9f87");
        h.setEDocDateTime(Times.xml(Instant.parse("2026-11-01T10:00:00.000123Z")));
        h.setEDocId("5c1e9a3b-7d24-4f6e-9b81-2a4c6d8e0f13");
        return new CommissionService.Items(message, h, versions.iterator(), () -> {
            if (closed != null) {
                closed.incrementAndGet();
            }
        });
    }

    // ---- checks ---------------------------------------------------------------------------------------------

    private static void validate(Source s) throws Exception {
        ContractSchemas.all().newValidator().validate(s);
    }

    private static void assertStatusFromTheDatabase(Element eec, List<StoredVersion> versions) {
        List<Element> items = new ArrayList<>();
        for (Node n = eec.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && "DrugMonitoringItemDetails".equals(e.getLocalName())) {
                items.add(e);
            }
        }
        assertEquals(versions.size(), items.size());
        for (int i = 0; i < items.size(); i++) {
            StoredVersion v = versions.get(i);
            Element item = items.get(i);
            assertEquals(1, item.getElementsByTagNameNS(CCDO, "ResourceItemStatusDetails").getLength());
            Element status = lastChildElement(item);
            assertEquals("ResourceItemStatusDetails", status.getLocalName(), "the status is the item's last element");
            assertEquals(Times.xml(v.startDateTime()).toXMLFormat(), text(status, "StartDateTime"));
            assertEquals(v.endDateTime() == null ? null : Times.xml(v.endDateTime()).toXMLFormat(),
                    text(status, "EndDateTime"));
            assertEquals(Times.xml(v.updateDateTime()).toXMLFormat(), text(status, "UpdateDateTime"));
        }
        assertEquals("2026-10-19T06:00:00.123456Z", text(lastChildElement(items.get(1)), "EndDateTime"));
        assertEquals("2026-10-19T06:00:05.654321Z", text(lastChildElement(items.get(1)), "UpdateDateTime"));
        assertEquals("2026-10-12T13:40:00.000000Z", text(lastChildElement(items.get(0)), "StartDateTime"));
    }

    private static String text(Element e, String csdoLocal) {
        NodeList l = e.getElementsByTagNameNS(CSDO, csdoLocal);
        return l.getLength() == 0 ? null : l.item(0).getTextContent();
    }

    private static void assertNoCommentsOrInstructions(Node n) {
        for (Node c = n.getFirstChild(); c != null; c = c.getNextSibling()) {
            assertFalse(c.getNodeType() == Node.COMMENT_NODE || c.getNodeType() == Node.PROCESSING_INSTRUCTION_NODE,
                    "comment or processing instruction in the answer: " + c);
            assertNoCommentsOrInstructions(c);
        }
    }

    private static Element firstChildElement(Element e) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c) {
                return c;
            }
        }
        return null;
    }

    private static Element lastChildElement(Element e) {
        for (Node n = e.getLastChild(); n != null; n = n.getPreviousSibling()) {
            if (n instanceof Element c) {
                return c;
            }
        }
        return null;
    }

    /**
     * A prefix-independent rendering of an element: {namespace}name, attributes sorted (namespace declarations
     * left out), child elements and text in order; whitespace-only text next to child elements is ignored, any
     * other text is kept exactly. Comments and processing instructions are rendered, so they count as differences.
     */
    static String canonical(Element e) {
        StringBuilder b = new StringBuilder();
        canonical(e, b, 0);
        return b.toString();
    }

    private static void canonical(Element e, StringBuilder b, int depth) {
        b.append("  ".repeat(depth)).append('{').append(e.getNamespaceURI()).append('}').append(e.getLocalName());
        TreeMap<String, String> atts = new TreeMap<>();
        NamedNodeMap m = e.getAttributes();
        for (int i = 0; i < m.getLength(); i++) {
            Attr a = (Attr) m.item(i);
            if (!XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(a.getNamespaceURI())) {
                String ns = a.getNamespaceURI();
                atts.put((ns == null ? "" : "{" + ns + "}") + a.getLocalName(), a.getValue());
            }
        }
        atts.forEach((k, v) -> b.append(' ').append(k).append("=\"").append(v).append('"'));
        boolean children = false;
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element) {
                children = true;
            }
        }
        b.append('\n');
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            switch (n.getNodeType()) {
                case Node.ELEMENT_NODE -> canonical((Element) n, b, depth + 1);
                case Node.TEXT_NODE, Node.CDATA_SECTION_NODE -> {
                    if (!children || !n.getNodeValue().isBlank()) {
                        b.append("  ".repeat(depth + 1)).append("text[").append(n.getNodeValue()).append("]\n");
                    }
                }
                default -> b.append("  ".repeat(depth + 1)).append("node ").append(n.getNodeType()).append(' ')
                        .append(n.getNodeValue()).append('\n');
            }
        }
    }

    /** The answer as ItemsSource wrote it before: every stored item unmarshalled to JAXB and marshalled again. */
    static final class JaxbItemsSource extends SAXSource {
        JaxbItemsSource(CommissionService.Items items, QName wrapper) {
            super(new Writer(items, wrapper), new InputSource());
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
                    Unmarshaller u = ContractJaxb.unmarshaller();
                    handler.startDocument();
                    AttributesImpl none = new AttributesImpl();
                    if (wrapper != null) {
                        handler.startPrefixMapping("", wrapper.getNamespaceURI());
                        handler.startElement(wrapper.getNamespaceURI(), wrapper.getLocalPart(), wrapper.getLocalPart(), none);
                    }
                    handler.startPrefixMapping(s.prefix(), s.namespace());
                    String root = s.prefix() + ":" + s.rootElement();
                    handler.startElement(s.namespace(), s.rootElement(), root, none);
                    m.marshal(new JAXBElement<>(new QName(CCDO, "EDocHeader"), EDocHeaderType.class, items.header()), handler);
                    QName itemName = new QName(ItemsSource.HCCDO, "DrugMonitoringItemDetails");
                    while (items.versions().hasNext()) {
                        StoredVersion v = items.versions().next();
                        DrugMonitoringItemDetailsType item = u.unmarshal(new StreamSource(new StringReader(v.itemXml())),
                                DrugMonitoringItemDetailsType.class).getValue();
                        item.setResourceItemStatusDetails(status(v));
                        m.marshal(new JAXBElement<>(itemName, DrugMonitoringItemDetailsType.class, item), handler);
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

            private static ResourceItemStatusDetailsType status(StoredVersion v) {
                ResourceItemStatusDetailsType st = new ResourceItemStatusDetailsType();
                PeriodDetailsType p = new PeriodDetailsType();
                p.setStartDateTime(Times.xml(v.startDateTime()));
                p.setEndDateTime(Times.xml(v.endDateTime()));
                st.setValidityPeriodDetails(p);
                st.setUpdateDateTime(Times.xml(v.updateDateTime()));
                return st;
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
    }
}
