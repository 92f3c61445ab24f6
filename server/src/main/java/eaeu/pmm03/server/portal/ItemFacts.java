package eaeu.pmm03.server.portal;

import eaeu.pmm03.security.xml.HardenedXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** What the portal searches in one stored item (an hccdo:DrugMonitoringItemDetails), read from its XML. */
public record ItemFacts(List<String> tradeNames, List<String> inn, List<String> manufacturers, List<String> holders,
                        List<String> batches, List<String> consignments, List<String> docIds) {

    public static Document parse(String itemXml, HardenedXml xml) {
        try {
            return xml.parse(new ByteArrayInputStream(itemXml.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException("stored item is not readable XML: " + e.getMessage(), e);
        }
    }

    public static ItemFacts of(String itemXml, HardenedXml xml) {
        return of(parse(itemXml, xml).getDocumentElement());
    }

    public static ItemFacts of(Element item) {
        return new ItemFacts(texts(item, "DrugTradeName", null), texts(item, "DrugName", null),
                texts(item, "BusinessEntityName", "ManufacturingAuthorizationHolderDetailsV2"),
                texts(item, "BusinessEntityName", "RegistrationCertificateHolderDetails"),
                texts(item, "BatchNumberId", null), texts(item, "ConsignmentNumberId", null), texts(item, "DocId", null));
    }

    /** Batch and consignment numbers compared without case, spaces or punctuation. */
    public static String norm(String number) {
        StringBuilder b = new StringBuilder();
        number.codePoints().filter(Character::isLetterOrDigit).map(Character::toUpperCase).forEach(b::appendCodePoint);
        return b.toString();
    }

    /** Everything searchable as one text; normalized numbers are added so that "IB401125" finds "IB40-1125". */
    public String allText() {
        Set<String> all = new LinkedHashSet<>();
        all.addAll(tradeNames);
        all.addAll(inn);
        all.addAll(manufacturers);
        all.addAll(holders);
        all.addAll(batches);
        batches.forEach(b -> all.add(norm(b)));
        all.addAll(consignments);
        consignments.forEach(b -> all.add(norm(b)));
        all.addAll(docIds);
        return String.join(" | ", all);
    }

    private static List<String> texts(Element root, String local, String within) {
        Set<String> out = new LinkedHashSet<>();
        collect(root, local, within, within == null, out);
        return new ArrayList<>(out);
    }

    private static void collect(Node n, String local, String within, boolean inside, Set<String> out) {
        for (Node c = n.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element e) {
                String name = e.getLocalName() != null ? e.getLocalName() : e.getNodeName();
                boolean in = inside || name.equals(within);
                if (in && name.equals(local)) {
                    String t = e.getTextContent().strip().replaceAll("\\s+", " ");
                    if (!t.isEmpty()) {
                        out.add(t);
                    }
                } else {
                    collect(e, local, within, in, out);
                }
            }
        }
    }

    static String join(List<String> values, int max) {
        String s = String.join("; ", values);
        return s.isEmpty() ? null : s.length() <= max ? s : s.substring(0, max);
    }

    static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
