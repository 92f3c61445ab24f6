package eaeu.pmm03.bench.server;

import jakarta.xml.ws.Provider;
import jakarta.xml.ws.Service;
import jakarta.xml.ws.ServiceMode;
import jakarta.xml.ws.WebServiceProvider;

import javax.xml.transform.Source;
import javax.xml.transform.stream.StreamSource;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

/**
 * The bare echo of the MSG.016 scenario: {@link EchoProvider}'s work (read the payload, answer a fixed small
 * document) on the Authority service's SOAP 1.1 port, whose contract has SendAdditionalInfo. The Commission-port
 * echo refuses MSG.016 since the node checks a request's operation against its port's contract (ERR_ENVELOPE).
 */
@WebServiceProvider(serviceName = "AuthorityService", portName = "AuthoritySoap11",
        targetNamespace = "urn:pmm03:ws:Authority:v1.0.0",
        wsdlLocation = "classpath:eaeu/pmm03/contract/wsdl/pmm03-authority.wsdl")
@ServiceMode(Service.Mode.PAYLOAD)
public class AuthorityEchoProvider implements Provider<Source> {

    private static final byte[] ANSWER = ("<SendAdditionalInfoResponse xmlns=\"urn:pmm03:ws:Authority:v1.0.0\">"
            + "<echo>ok</echo></SendAdditionalInfoResponse>").getBytes(StandardCharsets.UTF_8);

    @Override
    public Source invoke(Source request) {
        EchoProvider.consume(request);
        return new StreamSource(new ByteArrayInputStream(ANSWER));
    }
}
