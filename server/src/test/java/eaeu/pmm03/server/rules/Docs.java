package eaeu.pmm03.server.rules;

import eaeu.pmm03.contract.counterfeitdrug.CounterfeitDrugCorrespondenceDetails;
import eaeu.pmm03.contract.drugmonitoring.DrugMonitoringDetails;
import eaeu.pmm03.contract.xml.ContractSchemas;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import jakarta.xml.bind.Unmarshaller;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXParseException;

import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Validator;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/** Test helper: loads, marshals and schema-validates the rule test documents. */
final class Docs {

    static final String MSG001 = "rules/msg001-base.xml";
    static final String MSG002 = "rules/msg002-base.xml";
    static final String MSG003 = "rules/msg003-base.xml";
    static final String MSG014 = "rules/msg014-base.xml";
    static final String MSG016 = "rules/msg016-base.xml";

    private static final JAXBContext JAXB;
    private static final DatatypeFactory DATATYPES;

    static {
        try {
            JAXB = JAXBContext.newInstance(DrugMonitoringDetails.class, CounterfeitDrugCorrespondenceDetails.class);
            DATATYPES = DatatypeFactory.newInstance();
        } catch (JAXBException | DatatypeConfigurationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Docs() {}

    /** Loads a base document from the test classpath, validating it against the contract schemas. */
    static Object load(String resource) {
        try (InputStream in = Docs.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + resource);
            }
            Unmarshaller u = JAXB.createUnmarshaller();
            u.setSchema(ContractSchemas.all());
            return u.unmarshal(in);
        } catch (Exception e) {
            throw new IllegalStateException("cannot load " + resource + ": " + e, e);
        }
    }

    static DrugMonitoringDetails monitoring(String resource) { return (DrugMonitoringDetails) load(resource); }

    static CounterfeitDrugCorrespondenceDetails correspondence(String resource) {
        return (CounterfeitDrugCorrespondenceDetails) load(resource);
    }

    static String marshal(Object document) {
        try {
            Marshaller m = JAXB.createMarshaller();
            m.setProperty(Marshaller.JAXB_FORMATTED_OUTPUT, true);
            StringWriter w = new StringWriter();
            m.marshal(document, w);
            return w.toString();
        } catch (JAXBException e) {
            throw new IllegalStateException(e);
        }
    }

    static Object unmarshal(String xml) {
        try {
            return JAXB.createUnmarshaller().unmarshal(new StringReader(xml));
        } catch (JAXBException e) {
            throw new IllegalStateException(e);
        }
    }

    /** All schema errors of an XML text (empty = valid against ContractSchemas.all()). */
    static List<String> schemaErrors(String xml) {
        List<String> errors = new ArrayList<>();
        Validator v = ContractSchemas.all().newValidator();
        v.setErrorHandler(new ErrorHandler() {
            @Override public void warning(SAXParseException e) {}
            @Override public void error(SAXParseException e) { errors.add(e.getMessage()); }
            @Override public void fatalError(SAXParseException e) { errors.add(e.getMessage()); }
        });
        try {
            v.validate(new StreamSource(new StringReader(xml)));
        } catch (Exception e) {
            if (errors.isEmpty()) {
                errors.add(String.valueOf(e.getMessage()));
            }
        }
        return errors;
    }

    static XMLGregorianCalendar dateTime(String lexical) { return DATATYPES.newXMLGregorianCalendar(lexical); }
}
