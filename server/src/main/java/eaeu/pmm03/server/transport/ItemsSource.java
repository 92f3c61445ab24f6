package eaeu.pmm03.server.transport;

import eaeu.pmm03.contract.ccdo.EDocHeaderType;
import eaeu.pmm03.contract.ccdo.PeriodDetailsType;
import eaeu.pmm03.contract.ccdo.ResourceItemStatusDetailsType;
import eaeu.pmm03.contract.hccdo.DrugMonitoringItemDetailsType;
import eaeu.pmm03.contract.process.ProcessTable;
import eaeu.pmm03.contract.xml.ContractJaxb;
import eaeu.pmm03.server.commission.CommissionService;
import eaeu.pmm03.server.commission.Times;
import eaeu.pmm03.server.registry.StoredVersion;
import jakarta.xml.bind.JAXBElement;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import jakarta.xml.bind.Unmarshaller;
import org.xml.sax.ContentHandler;
import org.xml.sax.DTDHandler;
import org.xml.sax.EntityResolver;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.AttributesImpl;

import javax.xml.namespace.QName;
import javax.xml.transform.sax.SAXSource;
import javax.xml.transform.stream.StreamSource;
import java.io.StringReader;

/**
 * A MSG.008/MSG.011 answer written as it is read: the rows come from a database cursor and each item is marshalled
 * straight to the SOAP output, so memory stays flat however large the unified database is. The stored item is
 * republished as received, with its ResourceItemStatusDetails set from the database (start, end, update time).
 */
final class ItemsSource extends SAXSource {

    static final String HCCDO = ns("hccdo");
    static final String CCDO = ns("ccdo");

    ItemsSource(CommissionService.Items items, QName wrapper) {
        super(new Writer(items, wrapper), new InputSource());
    }

    private static String ns(String prefix) {
        return ProcessTable.get().namespaces().stream().filter(n -> n.prefix().equals(prefix)).findFirst()
                .orElseThrow().namespace();
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
                QName itemName = new QName(HCCDO, "DrugMonitoringItemDetails");
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
            st.setValidiatyPeriodDetails(p);
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
