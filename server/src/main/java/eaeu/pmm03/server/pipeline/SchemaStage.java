package eaeu.pmm03.server.pipeline;

import eaeu.pmm03.contract.xml.ContractSchemas;
import eaeu.pmm03.contract.xml.PerThread;
import org.springframework.stereotype.Component;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import javax.xml.transform.dom.DOMSource;
import javax.xml.validation.Validator;
import java.io.IOException;

/**
 * Stage 1: the EEC document must be valid against the XSD of its structure. The first error is reported with
 * the element where the validator stood, so the sender learns exactly which field is wrong.
 */
@Component
public class SchemaStage {

    private static final String CURRENT_NODE = "http://apache.org/xml/properties/dom/current-element-node";
    /** A Validator per thread (not thread-safe; its creation builds a Xerces configuration, too dear per request). */
    private static final PerThread<Validator> VALIDATORS = new PerThread<>(() -> ContractSchemas.all().newValidator(),
            v -> {
                v.reset();
                v.setErrorHandler(null);
            });

    /** Validates the document, which must be the root element of the given structure (R.006, R.HC.MM.03.001…). */
    public void validate(Document document, String structureId) {
        eaeu.pmm03.contract.process.ProcessTable.Structure s =
                eaeu.pmm03.contract.process.ProcessTable.get().structure(structureId);
        org.w3c.dom.Element root = document.getDocumentElement();
        if (!s.rootElement().equals(root.getLocalName()) || !s.namespace().equals(root.getNamespaceURI())) {
            throw new Rejection("ERR_SCHEMA", null, "/" + root.getLocalName(),
                    "ожидается документ {" + s.namespace() + "}" + s.rootElement() + " (" + structureId + ")",
                    "expected the document {" + s.namespace() + "}" + s.rootElement() + " (" + structureId
                            + "), got {" + root.getNamespaceURI() + "}" + root.getLocalName());
        }
        Node[] where = new Node[1];
        SAXParseException[] first = new SAXParseException[1];
        try {
            // the XOP form (attachments in the store) is validated as if each xop:Include were empty base64 content
            VALIDATORS.with(v -> {
                v.setErrorHandler(firstError(v, where, first));
                try {
                    v.validate(new DOMSource(eaeu.pmm03.server.attachment.XopForm.resolvedView(document)));
                } catch (IOException e) {
                    throw new IllegalStateException(e); // a DOM source reads nothing
                }
                return null;
            });
        } catch (SAXException e) {
            String msg = first[0] != null ? first[0].getMessage() : e.getMessage();
            throw new Rejection("ERR_SCHEMA", null, DomPaths.of(where[0]),
                    "документ не соответствует XML-схеме: " + msg,
                    "the document does not conform to its XML schema: " + msg);
        }
    }

    /** Stops at the first error, keeping it and the element where the validator stood. */
    private static ErrorHandler firstError(Validator v, Node[] where, SAXParseException[] first) {
        return new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {}

            @Override
            public void error(SAXParseException e) throws SAXException {
                if (first[0] == null) {
                    first[0] = e;
                    try {
                        where[0] = (Node) v.getProperty(CURRENT_NODE);
                    } catch (SAXException ignored) {
                        // the path is optional; the message itself names the element
                    }
                }
                throw e;
            }

            @Override
            public void fatalError(SAXParseException e) throws SAXException {
                error(e);
            }
        };
    }
}
