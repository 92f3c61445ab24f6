package eaeu.pmm03.server.pipeline;

import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Element paths for error messages: /DrugMonitoringDetails/DrugMonitoringItemDetails[1]/... (local names). */
public final class DomPaths {

    private DomPaths() {}

    public static String of(Node node) {
        if (node == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        Node n = node;
        while (n != null && n.getNodeType() == Node.ELEMENT_NODE) {
            Element e = (Element) n;
            sb.insert(0, "/" + local(e) + index(e));
            n = e.getParentNode();
        }
        return sb.toString();
    }

    private static String local(Node n) {
        return n.getLocalName() != null ? n.getLocalName() : n.getNodeName();
    }

    private static String index(Element e) {
        Node p = e.getParentNode();
        if (p == null || p.getNodeType() != Node.ELEMENT_NODE) {
            return "";
        }
        int i = 0;
        int same = 0;
        for (Node c = p.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c.getNodeType() == Node.ELEMENT_NODE && local(c).equals(local(e))
                    && java.util.Objects.equals(c.getNamespaceURI(), e.getNamespaceURI())) {
                same++;
                if (c == e) {
                    i = same;
                }
            }
        }
        return "[" + i + "]";
    }
}
