package eaeu.pmm03.contract;

import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Namespace-aware DOM helpers shared by the contract tests. */
final class Dom {

    private static final Map<String, String> PREFIX_OF = new HashMap<>();

    static {
        SpecRows.NS.forEach((p, ns) -> PREFIX_OF.putIfAbsent(ns, p));
    }

    static Document parse(byte[] xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Element> children(Element e) {
        List<Element> out = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c) {
                out.add(c);
            }
        }
        return out;
    }

    static Element child(Element e, String ns, String local) {
        return children(e).stream().filter(c -> ns.equals(c.getNamespaceURI()) && local.equals(c.getLocalName()))
                .findFirst().orElse(null);
    }

    /** All descendants (and self) with the given namespace and local name. */
    static List<Element> all(Element e, String ns, String local) {
        List<Element> out = new ArrayList<>();
        var list = e.getElementsByTagNameNS(ns, local);
        for (int i = 0; i < list.getLength(); i++) {
            out.add((Element) list.item(i));
        }
        return out;
    }

    /**
     * The row-style path of an element or attribute: "/Root/prefix:Local/.../@attr", with the contract's own
     * prefixes whatever the document uses; elements of unknown namespaces are written "{ns}Local".
     */
    static String qname(Node n) {
        String p = PREFIX_OF.get(n.getNamespaceURI());
        return p == null ? "{" + n.getNamespaceURI() + "}" + n.getLocalName() : p + ":" + n.getLocalName();
    }

    /**
     * Every element and attribute path of the document (the xs:any content of AnyDetails is reported as the
     * "xs:any" path and not descended into).
     */
    static Set<String> paths(Document d) {
        Set<String> out = new LinkedHashSet<>();
        Element root = d.getDocumentElement();
        walk(root, "/" + root.getLocalName(), out, null);
        return out;
    }

    /** Leaf values in document order: "path=text" for leaf elements and "path/@a=value" for attributes. */
    static List<String> values(Document d) {
        List<String> out = new ArrayList<>();
        Element root = d.getDocumentElement();
        walk(root, "/" + root.getLocalName(), null, out);
        return out;
    }

    private static void walk(Element e, String path, Set<String> paths, List<String> values) {
        if (paths != null) {
            paths.add(path);
        }
        NamedNodeMap attrs = e.getAttributes();
        List<String> local = new ArrayList<>();
        for (int i = 0; i < attrs.getLength(); i++) {
            Attr a = (Attr) attrs.item(i);
            if (XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(a.getNamespaceURI())) {
                continue;
            }
            String name = a.getNamespaceURI() == null ? a.getLocalName() : qname(a);
            local.add(path + "/@" + name + "=" + a.getValue());
            if (paths != null) {
                paths.add(path + "/@" + name);
            }
        }
        if (values != null) {
            values.addAll(local.stream().sorted().collect(Collectors.toList()));
        }
        List<Element> kids = children(e);
        if (kids.isEmpty()) {
            if (values != null) {
                values.add(path + "=" + e.getTextContent().strip());
            }
            return;
        }
        boolean any = e.getLocalName().equals("AnyDetails");
        for (Element c : kids) {
            if (any) {
                if (paths != null) {
                    paths.add(path + "/" + SpecRows.ANY);
                }
                if (values != null) {
                    walkAny(c, path + "/" + qname(c), values);
                }
                continue;
            }
            walk(c, path + "/" + qname(c), paths, values);
        }
    }

    private static void walkAny(Element e, String path, List<String> values) {
        walk(e, path, null, values);
    }

    private Dom() {}
}
