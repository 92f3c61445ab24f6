package eaeu.pmm03.contract;

import jakarta.xml.bind.annotation.XmlSchema;
import jakarta.xml.bind.annotation.XmlType;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * D-203: the generated classes lie in one package per XML namespace, each with a short lower-case name
 * (the JAXB bindings wsdl/src/main/bindings/*.xjb and the JAX-WS bindings name them; generate_contract.py writes
 * them): no namespace split over two packages, no package holding two namespaces' types.
 */
class GeneratedPackagesTest {

    @Test
    void onePackagePerNamespaceWithASensibleName() throws Exception {
        Path classes = Path.of(eaeu.pmm03.contract.commission.ObjectFactory.class.getProtectionDomain()
                .getCodeSource().getLocation().toURI());
        Map<String, String> packageByNamespace = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        List<Path> infos;
        try (Stream<Path> s = Files.walk(classes.resolve("eaeu/pmm03/contract"))) {
            infos = s.filter(p -> p.getFileName().toString().equals("package-info.class")).toList();
        }
        for (Path info : infos) {
            String pkg = classes.relativize(info.getParent()).toString().replace('/', '.');
            XmlSchema schema = Class.forName(pkg + ".package-info").getAnnotation(XmlSchema.class);
            if (schema == null) {
                continue; // a hand-written package
            }
            assertThat(pkg).as("package name").matches("eaeu\\.pmm03\\.contract\\.[a-z]+");
            String other = packageByNamespace.put(schema.namespace(), pkg);
            if (other != null) {
                problems.add(schema.namespace() + " in " + other + " and " + pkg);
            }
            try (Stream<Path> s = Files.list(info.getParent())) {
                for (Path f : s.filter(p -> p.toString().endsWith(".class")).toList()) {
                    String name = f.getFileName().toString().replace(".class", "");
                    if (name.equals("package-info")) {
                        continue;
                    }
                    XmlType t = Class.forName(pkg + "." + name).getAnnotation(XmlType.class);
                    if (t != null && !t.namespace().equals("##default") && !t.namespace().equals(schema.namespace())) {
                        problems.add(pkg + "." + name + " is of " + t.namespace() + ", its package of " + schema.namespace());
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
        // the two services and the EEC structures the WSDLs use, each in its own package
        assertThat(packageByNamespace).containsEntry("urn:pmm03:ws:Commission:v1.0.0", "eaeu.pmm03.contract.commission")
                .containsEntry("urn:pmm03:ws:Authority:v1.0.0", "eaeu.pmm03.contract.authority")
                .containsEntry("urn:EEC:R:HC:MM:03:DrugMonitoringDetails:v1.0.0", "eaeu.pmm03.contract.drugmonitoring")
                .hasSizeGreaterThanOrEqualTo(10);
    }
}
