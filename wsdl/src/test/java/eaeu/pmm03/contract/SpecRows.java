package eaeu.pmm03.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eaeu.pmm03.contract.process.ProcessTable;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of the four structures as the contract must implement them: {@code spec/structures.json} (the mechanical
 * extraction of the seed, copied into the repository) with the per-row corrections of {@code spec/corrections.json}
 * applied, the same way wsdl/tools/generate_contract.py applies them. Test classpath only; never reads ../shared.
 */
final class SpecRows {

    static final String ANY = "xs:any";

    /** Namespace URIs by prefix: the six common ones plus the structures' own prefixes. */
    static final Map<String, String> NS = new LinkedHashMap<>();

    static {
        NS.put("xs", "http://www.w3.org/2001/XMLSchema");
        ProcessTable.get().namespaces().forEach(n -> NS.put(n.prefix(), n.namespace()));
        ProcessTable.get().structures().forEach(s -> NS.put(s.prefix(), s.namespace()));
    }

    /** Facets of a value domain (null when absent). */
    record Facets(String pattern, Integer minLength, Integer maxLength, Integer totalDigits, Integer fractionDigits,
                  List<String> enumeration, boolean bool) {}

    /**
     * One row after corrections.
     *
     * @param xmlName  "prefix:Local" for elements, the bare name for attributes, "xs:any" for the wildcard
     * @param position 0-based position among the element rows (or attribute rows) of the same parent
     * @param path     "/Root/prefix:Local/.../@attr"
     */
    record Row(String structure, String number, String xmlName, boolean attribute, String multiplicity,
               String type, Facets facets, int position, String path, Row parent, List<Row> children,
               List<Row> attributes) {

        int minOccurs() {
            return multiplicity.equals("1") ? 1 : Integer.parseInt(multiplicity.substring(0, multiplicity.indexOf("..")));
        }

        /** -1 for unbounded. */
        int maxOccurs() {
            if (multiplicity.equals("1")) {
                return 1;
            }
            String hi = multiplicity.substring(multiplicity.indexOf("..") + 2);
            return hi.equals("*") ? -1 : Integer.parseInt(hi);
        }

        String namespace() {
            return NS.get(xmlName.substring(0, xmlName.indexOf(':')));
        }

        String localName() {
            return xmlName.substring(xmlName.indexOf(':') + 1);
        }

        boolean complex() {
            return !children.isEmpty();
        }
    }

    record Structure(String id, String rootElement, String namespace, List<Row> rows) {}

    private static final List<Structure> STRUCTURES = load();

    static List<Structure> structures() {
        return STRUCTURES;
    }

    static Structure structure(String id) {
        return STRUCTURES.stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }

    /** Every row (elements and attributes) of a structure, depth first in document order. */
    static List<Row> flatten(Structure s) {
        List<Row> out = new ArrayList<>();
        s.rows().forEach(r -> flatten(r, out));
        return out;
    }

    private static void flatten(Row r, List<Row> out) {
        out.add(r);
        r.attributes().forEach(a -> flatten(a, out));
        r.children().forEach(c -> flatten(c, out));
    }

    private static JsonNode read(String resource) {
        try (InputStream in = SpecRows.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource + " on the test classpath");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Structure> load() {
        JsonNode spec = read("spec/structures.json");
        JsonNode corrections = read("spec/corrections.json");
        Map<String, JsonNode> fix = new HashMap<>();
        corrections.path("rows").forEach(r -> fix.put(r.path("structure").asText() + "|" + r.path("number").asText(), r));
        Map<String, JsonNode> typeFix = new HashMap<>();
        corrections.path("types").fields().forEachRemaining(e -> {
            if (!e.getKey().startsWith("_")) {
                typeFix.put(e.getKey(), e.getValue());
            }
        });
        List<Structure> out = new ArrayList<>();
        for (JsonNode s : spec.path("structures")) {
            String id = s.path("id").asText();
            ProcessTable.Structure ps = ProcessTable.get().structure(id);
            String rootPath = "/" + ps.rootElement();
            List<Row> rows = new ArrayList<>();
            int i = 0;
            for (JsonNode e : s.path("elements")) {
                rows.add(row(id, e, i++, rootPath, null, fix, typeFix));
            }
            out.add(new Structure(id, ps.rootElement(), ps.namespace(), rows));
        }
        return out;
    }

    private static Row row(String sid, JsonNode n, int position, String parentPath, Row parent,
                           Map<String, JsonNode> fix, Map<String, JsonNode> typeFix) {
        JsonNode f = fix.getOrDefault(sid + "|" + n.path("number").asText(), null);
        String name = corrected(f, "xml_name", n.path("xml_name").asText());
        String mult = corrected(f, "multiplicity", n.path("multiplicity").asText());
        String type = corrected(f, "type", n.path("data_type").path("qname").isMissingNode()
                || n.path("data_type").path("qname").isNull() ? null : n.path("data_type").path("qname").asText());
        boolean attribute = n.path("is_attribute").asBoolean();
        JsonNode vd = type != null && typeFix.containsKey(type) ? typeFix.get(type) : n.path("value_domain");
        String path = parentPath + "/" + (attribute ? "@" + name : name);
        List<Row> children = new ArrayList<>();
        List<Row> attributes = new ArrayList<>();
        Row row = new Row(sid, n.path("number").asText(), name, attribute, mult, type, facets(vd), position, path,
                parent, children, attributes);
        int a = 0;
        for (JsonNode c : n.path("attributes")) {
            attributes.add(row(sid, c, a++, path, row, fix, typeFix));
        }
        int i = 0;
        for (JsonNode c : n.path("children")) {
            children.add(row(sid, c, i++, path, row, fix, typeFix));
        }
        return row;
    }

    private static String corrected(JsonNode fix, String field, String value) {
        return fix != null && fix.has(field) ? fix.get(field).asText() : value;
    }

    private static Facets facets(JsonNode vd) {
        List<String> enumeration = new ArrayList<>();
        vd.path("enumeration").forEach(e -> enumeration.add(e.path("code").asText()));
        return new Facets(vd.has("pattern") ? vd.get("pattern").asText() : null, integer(vd, "min_length"),
                integer(vd, "max_length"), integer(vd, "total_digits"), integer(vd, "fraction_digits"),
                enumeration, vd.path("boolean").asBoolean());
    }

    private static Integer integer(JsonNode vd, String field) {
        return vd.has(field) ? vd.get(field).asInt() : null;
    }

    private SpecRows() {}
}
