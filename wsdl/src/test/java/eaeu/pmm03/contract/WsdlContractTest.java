package eaeu.pmm03.contract;

import eaeu.pmm03.contract.process.ProcessTable;
import eaeu.pmm03.contract.process.ProcessTable.Service;
import eaeu.pmm03.contract.process.ProcessTable.Transaction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import javax.xml.namespace.QName;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both WSDLs carry every message and every (transaction, message) pair of pmm03-process.json exactly once per port
 * type family, name them in the documentation and actions, and bind them as the contract says: the EEC profile as
 * SOAP 1.2 with the bare EEC document as the Body, the synchronous profile as document/literal wrapped.
 */
class WsdlContractTest {

    static final String WSDL = "http://schemas.xmlsoap.org/wsdl/";
    static final String SOAP11 = "http://schemas.xmlsoap.org/wsdl/soap/";
    static final String SOAP12 = "http://schemas.xmlsoap.org/wsdl/soap12/";
    static final String WSAM = "http://www.w3.org/2007/05/addressing/metadata";
    static final String XS = "http://www.w3.org/2001/XMLSchema";

    static final ProcessTable P = ProcessTable.get();

    record Pair(String transaction, String message) {}

    static List<Service> services() {
        return P.services();
    }

    static Document wsdl(Service s) {
        URL url = WsdlContractTest.class.getClassLoader().getResource("eaeu/pmm03/contract/wsdl/" + s.file());
        assertThat(url).as(s.file()).isNotNull();
        try (InputStream in = url.openStream()) {
            return Dom.parse(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Transaction> transactions(Service s) {
        return P.transactions().stream().filter(t -> t.service().equals(s.name())).toList();
    }

    static Set<Pair> expectedPairs(Service s) {
        Set<Pair> out = new LinkedHashSet<>();
        for (Transaction t : transactions(s)) {
            out.add(new Pair(t.code(), t.request()));
            t.responses().forEach(r -> out.add(new Pair(t.code(), r)));
        }
        return out;
    }

    static Map<String, Element> named(Document d, String local) {
        Map<String, Element> out = new LinkedHashMap<>();
        for (Element e : Dom.children(d.getDocumentElement())) {
            if (WSDL.equals(e.getNamespaceURI()) && local.equals(e.getLocalName())) {
                out.put(e.getAttribute("name"), e);
            }
        }
        return out;
    }

    static QName qname(Element context, String value) {
        int i = value.indexOf(':');
        String prefix = i < 0 ? null : value.substring(0, i);
        return new QName(context.lookupNamespaceURI(prefix), value.substring(i + 1));
    }

    static QName rootOf(String message) {
        ProcessTable.Structure s = P.structureOf(message);
        return new QName(s.namespace(), s.rootElement());
    }

    static List<Element> parts(Document d, Element ioElement) {
        Element message = named(d, "message").get(qname(ioElement, ioElement.getAttribute("message")).getLocalPart());
        assertThat(message).as("wsdl:message of " + ioElement.getAttribute("message")).isNotNull();
        return Dom.children(message).stream().filter(e -> e.getLocalName().equals("part")).toList();
    }

    static Transaction transactionOf(Service s, String operation) {
        return transactions(s).stream().filter(t -> operation.startsWith(t.operation())).findFirst().orElseThrow();
    }

    /** The global element of the service's own schema in wsdl:types. */
    static Element wrapper(Document d, QName element) {
        for (Element schema : Dom.all(d.getDocumentElement(), XS, "schema")) {
            if (!element.getNamespaceURI().equals(schema.getAttribute("targetNamespace"))) {
                continue;
            }
            for (Element e : Dom.children(schema)) {
                if (e.getLocalName().equals("element") && e.getAttribute("name").equals(element.getLocalPart())) {
                    return e;
                }
            }
        }
        return null;
    }

    static Set<QName> refs(Element wrapper) {
        Set<QName> out = new LinkedHashSet<>();
        for (Element e : Dom.all(wrapper, XS, "element")) {
            if (e.hasAttribute("ref")) {
                out.add(qname(e, e.getAttribute("ref")));
            }
        }
        return out;
    }

    static String documentation(Element operation) {
        Element doc = Dom.child(operation, WSDL, "documentation");
        return doc == null ? "" : doc.getTextContent();
    }

    static Element portType(Document d, String name) {
        Element pt = named(d, "portType").get(name);
        assertThat(pt).as("portType " + name).isNotNull();
        return pt;
    }

    static List<Element> operations(Element parent) {
        return Dom.children(parent).stream().filter(e -> e.getLocalName().equals("operation")).toList();
    }

    @Test
    void everyMessageIsCarriedAsAnEecMessageWhoseOnlyPartIsTheStructureRoot() {
        Set<String> carried = new TreeSet<>();
        for (Service s : services()) {
            Document d = wsdl(s);
            for (Map.Entry<String, Element> m : named(d, "message").entrySet()) {
                if (!m.getKey().startsWith(P.process().code() + ".MSG.")) {
                    continue;
                }
                carried.add(m.getKey());
                List<Element> parts = Dom.children(m.getValue()).stream()
                        .filter(e -> e.getLocalName().equals("part")).toList();
                assertThat(parts).as(m.getKey()).hasSize(1);
                assertThat(qname(parts.get(0), parts.get(0).getAttribute("element"))).as(m.getKey())
                        .isEqualTo(rootOf(m.getKey()));
                assertThat(Dom.child(m.getValue(), WSDL, "documentation").getTextContent()).as(m.getKey())
                        .contains(P.message(m.getKey()).structure());
            }
            expectedPairs(s).forEach(p -> assertThat(named(d, "message")).containsKey(p.message()));
        }
        assertThat(carried).containsExactlyInAnyOrderElementsOf(
                P.messages().stream().map(ProcessTable.Message::code).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void syncPortTypeCarriesEveryPairInExactlyOneDirection(Service s) {
        Document d = wsdl(s);
        Map<Pair, Integer> count = new HashMap<>();
        for (Element op : operations(portType(d, s.name() + "PortType"))) {
            Transaction t = transactionOf(s, op.getAttribute("name"));
            assertThat(op.getAttribute("name")).isEqualTo(t.operation());
            Element input = Dom.child(op, WSDL, "input");
            Element output = Dom.child(op, WSDL, "output");
            for (Element io : output == null ? List.of(input) : List.of(input, output)) {
                List<Element> parts = parts(d, io);
                assertThat(parts).hasSize(1);
                Element w = wrapper(d, qname(parts.get(0), parts.get(0).getAttribute("element")));
                assertThat(w).as("wrapper of " + op.getAttribute("name")).isNotNull();
                Set<QName> roots = refs(w);
                List<String> messages = io == input ? List.of(t.request()) : t.responses();
                for (String m : messages) {
                    assertThat(roots).as(op.getAttribute("name") + " carries " + m).contains(rootOf(m));
                    count.merge(new Pair(t.code(), m), 1, Integer::sum);
                }
                assertThat(roots).hasSize((int) messages.stream().map(WsdlContractTest::rootOf).distinct().count());
            }
            assertThat(output == null).as(t.code() + " one-way").isEqualTo(t.oneWay());
        }
        assertThat(count.keySet()).containsExactlyInAnyOrderElementsOf(expectedPairs(s));
        assertThat(count.values()).allMatch(n -> n == 1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void eecPortTypesCarryEveryPairExactlyOnce(Service s) {
        Document d = wsdl(s);
        Map<Pair, Integer> count = new HashMap<>();
        List<Element> ops = new ArrayList<>(operations(portType(d, s.name() + "EecPortType")));
        boolean replies = transactions(s).stream().anyMatch(t -> !t.oneWay());
        if (replies) {
            ops.addAll(operations(portType(d, s.name() + "EecReplyPortType")));
        } else {
            assertThat(named(d, "portType")).doesNotContainKey(s.name() + "EecReplyPortType");
        }
        for (Element op : ops) {
            assertThat(Dom.child(op, WSDL, "output")).as("EEC operations are one-way").isNull();
            Element input = Dom.child(op, WSDL, "input");
            String message = qname(input, input.getAttribute("message")).getLocalPart();
            Transaction t = transactionOf(s, op.getAttribute("name"));
            assertThat(P.action(t, message)).isEqualTo(input.getAttributeNS(WSAM, "Action"));
            List<Element> parts = parts(d, input);
            assertThat(parts).hasSize(1);
            assertThat(qname(parts.get(0), parts.get(0).getAttribute("element"))).isEqualTo(rootOf(message));
            count.merge(new Pair(t.code(), message), 1, Integer::sum);
        }
        assertThat(count.keySet()).containsExactlyInAnyOrderElementsOf(expectedPairs(s));
        assertThat(count.values()).allMatch(n -> n == 1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void everyOperationDocumentsItsTransactionAndMessagesAndActions(Service s) {
        Document d = wsdl(s);
        for (Element pt : named(d, "portType").values()) {
            for (Element op : operations(pt)) {
                Transaction t = transactionOf(s, op.getAttribute("name"));
                String doc = documentation(op);
                String where = pt.getAttribute("name") + "/" + op.getAttribute("name");
                assertThat(doc).as(where).contains(t.code());
                Element input = Dom.child(op, WSDL, "input");
                String inputMessage = pt.getAttribute("name").endsWith("EecReplyPortType")
                        ? qname(input, input.getAttribute("message")).getLocalPart() : t.request();
                assertThat(doc).as(where).contains(inputMessage);
                if (pt.getAttribute("name").equals(s.name() + "PortType")) {
                    t.responses().forEach(r -> assertThat(doc).as(where).contains(r));
                }
                String action = input.getAttributeNS(WSAM, "Action");
                assertThat(action).as(where).contains(inputMessage).isEqualTo(P.action(t, inputMessage));
                Element output = Dom.child(op, WSDL, "output");
                if (output != null) {
                    assertThat(output.getAttributeNS(WSAM, "Action")).as(where)
                            .isEqualTo(P.action(t, t.responses().get(0)));
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void eecBindingsAreSoap12WithTheBareEecDocumentAsBody(Service s) {
        Document d = wsdl(s);
        Map<String, Element> bindings = named(d, "binding");
        List<String> eec = new ArrayList<>(List.of(s.name() + "EecSoap12Binding"));
        if (transactions(s).stream().anyMatch(t -> !t.oneWay())) {
            eec.add(s.name() + "EecReplySoap12Binding");
        }
        for (String name : eec) {
            Element b = bindings.get(name);
            assertThat(b).as(name).isNotNull();
            Element soap = Dom.child(b, SOAP12, "binding");
            assertThat(soap).as(name + " soap12:binding").isNotNull();
            assertThat(soap.getAttribute("style")).isEqualTo("document");
            assertThat(Dom.child(b, SOAP11, "binding")).isNull();
            Element pt = portType(d, qname(b, b.getAttribute("type")).getLocalPart());
            assertThat(operations(b).stream().map(o -> o.getAttribute("name")).toList())
                    .containsExactlyInAnyOrderElementsOf(operations(pt).stream().map(o -> o.getAttribute("name")).toList());
            for (Element op : operations(b)) {
                Element input = Dom.child(op, WSDL, "input");
                Element body = Dom.child(input, SOAP12, "body");
                assertThat(body).as(name + "/" + op.getAttribute("name")).isNotNull();
                assertThat(body.getAttribute("use")).isEqualTo("literal");
                assertThat(body.hasAttribute("parts")).isFalse();
                Element ptOp = operations(pt).stream()
                        .filter(o -> o.getAttribute("name").equals(op.getAttribute("name"))).findFirst().orElseThrow();
                Element ptInput = Dom.child(ptOp, WSDL, "input");
                String message = qname(ptInput, ptInput.getAttribute("message")).getLocalPart();
                List<Element> parts = parts(d, ptInput);
                assertThat(parts).hasSize(1);
                assertThat(qname(parts.get(0), parts.get(0).getAttribute("element")))
                        .as("Body of " + op.getAttribute("name") + " is the bare EEC root").isEqualTo(rootOf(message));
                Element soapOp = Dom.child(op, SOAP12, "operation");
                assertThat(soapOp.getAttribute("soapAction")).isEqualTo(ptInput.getAttributeNS(WSAM, "Action"));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void syncBindingsAreDocumentLiteralWrapped(Service s) {
        Document d = wsdl(s);
        Map<String, Element> bindings = named(d, "binding");
        for (String[] b : new String[][] {{s.name() + "Soap11Binding", SOAP11}, {s.name() + "Soap12Binding", SOAP12}}) {
            Element binding = bindings.get(b[0]);
            assertThat(binding).as(b[0]).isNotNull();
            assertThat(Dom.child(binding, b[1], "binding").getAttribute("style")).isEqualTo("document");
            assertThat(Dom.child(binding, b[1].equals(SOAP11) ? SOAP12 : SOAP11, "binding")).isNull();
            Element pt = portType(d, qname(binding, binding.getAttribute("type")).getLocalPart());
            assertThat(pt.getAttribute("name")).isEqualTo(s.name() + "PortType");
            assertThat(operations(binding)).hasSameSizeAs(operations(pt));
            for (Element op : operations(binding)) {
                String name = op.getAttribute("name");
                Element ptOp = operations(pt).stream().filter(o -> o.getAttribute("name").equals(name))
                        .findFirst().orElseThrow();
                Element soapOp = Dom.child(op, b[1], "operation");
                assertThat(soapOp.getAttribute("style")).isIn("", "document");
                for (String io : List.of("input", "output")) {
                    Element bio = Dom.child(op, WSDL, io);
                    Element pio = Dom.child(ptOp, WSDL, io);
                    assertThat(bio == null).isEqualTo(pio == null);
                    if (bio == null) {
                        continue;
                    }
                    assertThat(Dom.child(bio, b[1], "body").getAttribute("use")).isEqualTo("literal");
                    List<Element> parts = parts(d, pio);
                    assertThat(parts).as(name + " " + io).hasSize(1);
                    assertThat(parts.get(0).getAttribute("name")).isEqualTo("parameters");
                    QName element = qname(parts.get(0), parts.get(0).getAttribute("element"));
                    assertThat(element).isEqualTo(new QName(s.namespace(), io.equals("input") ? name : name + "Response"));
                    Element w = wrapper(d, element);
                    assertThat(Dom.child(w, XS, "complexType")).as("anonymous wrapper type of " + element).isNotNull();
                    assertThat(w.hasAttribute("type")).isFalse();
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void wsdl4jReadsTheWsdlWithItsImportedSchemas(Service s) throws Exception {
        URL url = WsdlContractTest.class.getClassLoader().getResource("eaeu/pmm03/contract/wsdl/" + s.file());
        javax.wsdl.xml.WSDLReader reader = javax.wsdl.factory.WSDLFactory.newInstance().newWSDLReader();
        reader.setFeature("javax.wsdl.verbose", false);
        javax.wsdl.Definition def = reader.readWSDL(url.toExternalForm());
        assertThat(def.getTargetNamespace()).isEqualTo(s.namespace());
        assertThat(def.getAllPortTypes()).containsKey(new QName(s.namespace(), s.name() + "PortType"));
        assertThat(def.getAllServices()).containsKey(new QName(s.namespace(), s.name() + "Service"));
    }
}
