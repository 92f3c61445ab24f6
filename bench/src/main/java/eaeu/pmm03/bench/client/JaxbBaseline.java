package eaeu.pmm03.bench.client;

import eaeu.pmm03.bench.server.Seeder;
import eaeu.pmm03.contract.hccdo.DrugMonitoringItemDetailsType;
import eaeu.pmm03.contract.samples.Samples;
import eaeu.pmm03.contract.xml.ContractJaxb;
import jakarta.xml.bind.JAXBElement;
import jakarta.xml.bind.Marshaller;
import eaeu.pmm03.contract.drugmonitoring.DrugMonitoringDetails;

import javax.xml.namespace.QName;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamWriter;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;

/**
 * The baseline of MSG.007: JAXB marshalling of the same records (the item type hccdo:DrugMonitoringItemDetails of
 * the sample, with the seeded trade names) one after the other into one XML stream written to a null
 * OutputStream that only counts bytes — what "just serialising the records" costs in this JVM, with no database
 * and no network.
 */
public final class JaxbBaseline {

    private static final QName ITEM = new QName("urn:EEC:M:HC:ComplexDataObjects:v1.0.17", "DrugMonitoringItemDetails");

    private JaxbBaseline() {}

    public record Result(long records, long bytes, double seconds) {
        public double recordsPerSecond() {
            return records / seconds;
        }
    }

    public static Result run(String tag, int n) throws Exception {
        DrugMonitoringDetails d = ContractJaxb.unmarshaller().unmarshal(new javax.xml.transform.stream.StreamSource(
                new ByteArrayInputStream(Samples.byFile("dmd-msg001-include.xml").bytes())), DrugMonitoringDetails.class)
                .getValue();
        DrugMonitoringItemDetailsType item = d.getDrugMonitoringItemDetails().get(0);
        long[] count = new long[1];
        OutputStream sink = new OutputStream() {
            @Override
            public void write(int b) {
                count[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                count[0] += len;
            }
        };
        long t0 = System.nanoTime();
        Marshaller m = ContractJaxb.context().createMarshaller();
        m.setProperty(Marshaller.JAXB_FRAGMENT, Boolean.TRUE);
        XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(sink, "UTF-8");
        w.writeStartDocument("UTF-8", "1.0");
        w.writeStartElement("GetRecordsResponse");
        for (int i = 0; i < n; i++) {
            item.getDrugMonitoringDetails().get(0).setDrugTradeName(Seeder.tradeName(tag, i));
            m.marshal(new JAXBElement<>(ITEM, DrugMonitoringItemDetailsType.class, item), w);
        }
        w.writeEndElement();
        w.writeEndDocument();
        w.close();
        return new Result(n, count[0], (System.nanoTime() - t0) / 1e9);
    }
}
