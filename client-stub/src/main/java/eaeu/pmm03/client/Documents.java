package eaeu.pmm03.client;

import eaeu.pmm03.contract.counterfeitdrug.CounterfeitDrugCorrespondenceDetails;
import eaeu.pmm03.contract.drugmonitoring.DrugMonitoringDetails;
import eaeu.pmm03.contract.xml.ContractJaxb;
import eaeu.pmm03.security.xml.HardenedXml;
import eaeu.pmm03.security.xml.XmlLimits;
import org.w3c.dom.Document;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reading and writing EEC documents (files of the operator, samples). */
public final class Documents {

    private Documents() {}

    public static Document parse(byte[] xml) {
        try {
            return new HardenedXml(XmlLimits.defaults()).parse(new ByteArrayInputStream(xml));
        } catch (Exception e) {
            throw new IllegalArgumentException("not a well-formed XML document: " + e.getMessage(), e);
        }
    }

    public static <T> T read(byte[] xml, Class<T> type) {
        Document d = parse(xml);
        String root = d.getDocumentElement().getLocalName();
        if (!type.getSimpleName().equals(root)) {
            throw new IllegalArgumentException("the document is a " + root + ", expected " + type.getSimpleName());
        }
        return ContractJaxb.fromDom(d, type);
    }

    public static <T> T read(Path file, Class<T> type) throws IOException {
        return read(Files.readAllBytes(file), type);
    }

    public static DrugMonitoringDetails drugMonitoring(Path file) throws IOException {
        return read(file, DrugMonitoringDetails.class);
    }

    public static CounterfeitDrugCorrespondenceDetails correspondence(Path file) throws IOException {
        return read(file, CounterfeitDrugCorrespondenceDetails.class);
    }

    public static String xml(Object jaxbRoot) {
        return ContractJaxb.toXml(jaxbRoot, true);
    }
}
