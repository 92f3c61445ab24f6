package eaeu.pmm03.tests.soapui;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed SoapUI project as a file, without a node: what the contract and samples generate, the contract in its
 * definition cache, the defaults of scripts/demo.sh, every expansion and transfer pointing at something that exists
 * (D-210, D-211). Regenerate with -Dpmm03.soapui.write=true. With -Dpmm03.soapui.demo=true it also runs the project
 * against a running demo.
 */
class SoapUiProjectFileTest {

    private static final Path FILE = Path.of(SoapUiProject.FILE);

    @Test
    void theCommittedProjectIsWhatTheSamplesGenerate() throws Exception {
        String generated = SoapUiProject.generate();
        if (Boolean.getBoolean("pmm03.soapui.write")) {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, generated, StandardCharsets.UTF_8);
        }
        assertThat(FILE).as("tests/" + SoapUiProject.FILE + " is missing; regenerate with -Dpmm03.soapui.write=true").exists();
        assertThat(Files.readString(FILE, StandardCharsets.UTF_8))
                .as("tests/%s differs from what the contract and samples generate; regenerate it with -Dpmm03.soapui.write=true",
                        SoapUiProject.FILE)
                .isEqualTo(generated);
    }

    @Test
    void theProjectHasBothInterfacesASuitePerTransactionAndTheAssertionKinds() throws Exception {
        Document d = SoapUiReplay.parse(SoapUiProject.generate());
        Element root = d.getDocumentElement();
        assertThat(SoapUiReplay.children(root, "interface")).extracting(e -> e.getAttribute("name"))
                .containsExactly("CommissionSoap11Binding", "AuthoritySoap11Binding");
        assertThat(SoapUiReplay.children(root, "testSuite")).extracting(e -> e.getAttribute("name").substring(0, 15))
                .containsExactly("P.MM.03.TRN.001", "P.MM.03.TRN.002", "P.MM.03.TRN.003", "P.MM.03.TRN.004",
                        "P.MM.03.TRN.005", "P.MM.03.TRN.006", "P.MM.03.TRN.007", "P.MM.03.TRN.008", "P.MM.03.TRN.009");
        String text = SoapUiProject.generate();
        for (String type : List.of("SOAP Response", "Schema Compliance", "XPath Match", "Not SOAP Fault Assertion",
                "SOAP Fault Assertion")) {
            assertThat(text).contains("type=\"" + type + "\"");
        }
        // the requests are the samples: the include sample's official document and the MSG.014 letter are in it
        assertThat(text).contains("02И-2147/26").contains("КМФК-14/3402");
    }

    @Test
    void everyInterfaceCarriesTheContractInItsDefinitionCache() throws Exception {
        // SoapUI opens the file without fetching anything: each interface's con:definitionCache holds the WSDL and
        // every XSD it reaches, equal to the contract's files (the definition URL, relative to ${projectDir}, also
        // names the real file), and every import resolves to a part of the cache
        Document d = SoapUiReplay.parse(Files.readString(FILE, StandardCharsets.UTF_8));
        List<Element> ifaces = SoapUiReplay.children(d.getDocumentElement(), "interface");
        assertThat(ifaces).hasSize(2);
        Path contractXsd = FILE.getParent().resolve(SoapUiProject.CONTRACT_URL).resolve("xsd").normalize();
        for (Element iface : ifaces) {
            Element cache = SoapUiReplay.child(iface, "definitionCache");
            String root = iface.getAttribute("definition");
            assertThat(cache.getAttribute("rootPart")).isEqualTo(root);
            Map<String, String> parts = new java.util.LinkedHashMap<>();
            for (Element part : SoapUiReplay.children(cache, "part")) {
                String url = SoapUiReplay.child(part, "url").getTextContent();
                String content = SoapUiReplay.child(part, "content").getTextContent();
                Path file = FILE.getParent().resolve(url).normalize();
                assertThat(file).as("%s: part %s names a file of the repository", iface.getAttribute("name"), url).exists();
                assertThat(content).as("%s: part %s is the contract's %s (regenerate the project)", iface.getAttribute("name"),
                        url, file).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
                assertThat(SoapUiReplay.child(part, "type").getTextContent())
                        .isEqualTo(url.endsWith(".wsdl") ? SoapUiProject.WSDL_TYPE : SoapUiProject.XSD_TYPE);
                parts.put(url, content);
            }
            assertThat(parts).containsKey(root);
            for (var p : parts.entrySet()) {
                Document part = SoapUiReplay.parse(p.getValue());
                NodeList all = part.getElementsByTagNameNS("*", "*");
                for (int i = 0; i < all.getLength(); i++) {
                    Element e = (Element) all.item(i);
                    String loc = e.getLocalName().equals("import") || e.getLocalName().equals("include")
                            ? (e.hasAttribute("schemaLocation") ? e.getAttribute("schemaLocation") : e.getAttribute("location")) : "";
                    if (!loc.isEmpty()) {
                        assertThat(parts).as("%s imports %s", p.getKey(), loc)
                                .containsKey(java.net.URI.create(p.getKey()).resolve(loc).toString());
                    }
                }
            }
            // the binding and each operation of the interface are those of the cached WSDL
            String wsdl = parts.get(root);
            String binding = iface.getAttribute("bindingName").replaceFirst("^\\{[^}]*}", "");
            assertThat(wsdl).contains("<wsdl:binding name=\"" + binding + "\"");
            for (Element op : SoapUiReplay.children(iface, "operation")) {
                assertThat(wsdl).contains("<wsdl:operation name=\"" + op.getAttribute("name") + "\"");
            }
            // a contract XSD the WSDL does not reach would be missing from SoapUI's schema compliance
            try (var xsds = Files.list(contractXsd)) {
                long reached = parts.keySet().stream().filter(u -> u.endsWith(".xsd")).count();
                assertThat(reached).as("XSDs cached for %s", iface.getAttribute("name")).isPositive()
                        .isLessThanOrEqualTo(xsds.count());
            }
        }
    }

    @Test
    void theDefaultsAreThoseOfTheDemo() throws Exception {
        // scripts/demo.sh: the Commission at the base port, KZ at base + 3, the participant of ru, users <n>/<n>-dev-password
        String demo = Files.readString(Path.of("..", "scripts", "demo.sh"), StandardCharsets.UTF_8);
        int base = Integer.parseInt(group(demo, "BASE=(\\d+)"));
        int kz = base + Integer.parseInt(group(demo, "\\[kz]=\\$\\(\\(BASE\\+(\\d+)\\)\\)"));
        assertThat(group(demo, "\\[commission]=(\\$BASE)")).isEqualTo("$BASE");
        Map<String, String> p = projectProperties(SoapUiReplay.parse(Files.readString(FILE, StandardCharsets.UTF_8)));
        assertThat(p).containsEntry("CommissionEndpoint", "http://localhost:" + base)
                .containsEntry("AuthorityEndpoint", "http://localhost:" + kz)
                .containsEntry("AuthorityUserParticipant", group(demo, "\\[ru]=([A-Z-]+)"))
                .containsEntry("AuthorityOperatorUser", "kz").containsEntry("AuthorityOperatorPassword", "kz-dev-password")
                .doesNotContainKeys("Endpoint", "AnswerToEDocId");
        assertThat(demo).contains("\"$n:$n-dev-password\"");
        for (String user : List.of("User", "AuthorityUser", "CommissionUser")) {
            assertThat(p.get(user.replace("User", "Password"))).isEqualTo(p.get(user) + "-dev-password");
        }
    }

    @Test
    void everyExpansionAndTransferRefersToWhatExists() throws Exception {
        Document d = SoapUiReplay.parse(Files.readString(FILE, StandardCharsets.UTF_8));
        Map<String, String> project = projectProperties(d);
        int transfers = 0;
        for (Element suite : SoapUiReplay.children(d.getDocumentElement(), "testSuite")) {
            for (Element tc : SoapUiReplay.children(suite, "testCase")) {
                String where = suite.getAttribute("name") + " / " + tc.getAttribute("name");
                java.util.Set<String> tcProps = new java.util.HashSet<>();
                for (Element p : SoapUiReplay.children(SoapUiReplay.child(tc, "properties"), "property")) {
                    tcProps.add(SoapUiReplay.child(p, "name").getTextContent());
                }
                java.util.Set<String> before = new java.util.HashSet<>();
                for (Element step : SoapUiReplay.children(tc, "testStep")) {
                    String text = step.getTextContent();
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\$\\{#(Project|TestCase)#(\\w+)}").matcher(text);
                    while (m.find()) {
                        assertThat(m.group(1).equals("Project") ? project.keySet() : tcProps)
                                .as("%s / %s uses ${#%s#%s}", where, step.getAttribute("name"), m.group(1), m.group(2))
                                .contains(m.group(2));
                    }
                    if (step.getAttribute("type").equals("transfertest")) {
                        for (Element t : SoapUiReplay.children(SoapUiReplay.child(step, "config"), "transfers")) {
                            assertThat(before).as("%s: transfer source", where)
                                    .contains(SoapUiReplay.child(t, "sourceStep").getTextContent());
                            assertThat(tcProps).as("%s: transfer target", where)
                                    .contains(SoapUiReplay.child(t, "targetType").getTextContent());
                            transfers++;
                        }
                    }
                    // a MSG.016 answering a request answers the one the transfer took, never a value typed in
                    if (text.contains("SendAdditionalInfo") && !step.getAttribute("name").contains("unknown request")) {
                        assertThat(text).as(where).contains("<csdo:EDocRefId>${#TestCase#" + SoapUiProject.ANSWER_TO + "}</csdo:EDocRefId>");
                        assertThat(before).as(where).contains(SoapUiProject.ANSWER_TO + " from the MSG.014");
                    }
                    before.add(step.getAttribute("name"));
                }
            }
        }
        assertThat(transfers).isEqualTo(4);
    }

    /**
     * The project as a file against a running {@code scripts/demo.sh} with the project's defaults (no override):
     * {@code -Dpmm03.soapui.demo=true} (a demo started with {@code --base-port B}: {@code -Dpmm03.soapui.demo-base-port=B}).
     */
    @Test
    @org.junit.jupiter.api.condition.EnabledIfSystemProperty(named = "pmm03.soapui.demo", matches = "true")
    void againstTheDemoWithTheDefaults() throws Exception {
        Document d = SoapUiReplay.parse(Files.readString(FILE, StandardCharsets.UTF_8));
        Map<String, String> over = new java.util.HashMap<>();
        String b = System.getProperty("pmm03.soapui.demo-base-port");
        if (b != null) {
            over.put("CommissionEndpoint", "http://localhost:" + b);
            over.put("AuthorityEndpoint", "http://localhost:" + (Integer.parseInt(b) + 3));
        }
        SoapUiReplay replay = new SoapUiReplay(over, d);
        List<SoapUiReplay.Outcome> out = replay.run(d);
        assertThat(out).filteredOn(o -> !o.pass()).as("failed assertions").isEmpty();
        System.out.println("SoapUI project against the demo: " + replay.requests() + " requests, " + out.size() + " assertions passed");
    }

    private static String group(String text, String regex) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("scripts/demo.sh has " + regex).isTrue();
        return m.group(1);
    }

    private static Map<String, String> projectProperties(Document d) {
        Map<String, String> p = new java.util.HashMap<>();
        for (Element e : SoapUiReplay.children(SoapUiReplay.child(d.getDocumentElement(), "properties"), "property")) {
            p.put(SoapUiReplay.child(e, "name").getTextContent(), SoapUiReplay.child(e, "value").getTextContent());
        }
        return p;
    }
}
