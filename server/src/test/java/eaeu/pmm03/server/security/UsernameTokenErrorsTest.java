package eaeu.pmm03.server.security;

import eaeu.pmm03.contract.commission.CommissionPortType;
import eaeu.pmm03.security.wss.ClientCredentials;
import eaeu.pmm03.server.NodeTestBase;
import eaeu.pmm03.server.TestDocuments;
import jakarta.xml.ws.soap.SOAPFaultException;
import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import org.apache.cxf.ws.security.wss4j.WSS4JOutInterceptor;
import org.apache.wss4j.dom.handler.WSHandlerConstants;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** D-162: an authentication refusal says what was wrong where that is safe to say. */
class UsernameTokenErrorsTest extends NodeTestBase {

    private CommissionPortType client(String user, String password, String type) {
        JaxWsProxyFactoryBean f = new JaxWsProxyFactoryBean();
        f.setServiceClass(CommissionPortType.class);
        f.setAddress(url("/commission"));
        Map<String, Object> props = ClientCredentials.usernameToken(user, password);
        props.put(WSHandlerConstants.PASSWORD_TYPE, type);
        f.getOutInterceptors().add(new WSS4JOutInterceptor(props));
        return (CommissionPortType) f.create();
    }

    private String fault(CommissionPortType c) {
        eaeu.pmm03.contract.commission.GetUpdateTime q = new eaeu.pmm03.contract.commission.GetUpdateTime();
        q.setResourceStatusDetails(TestDocuments.query("MSG.005", null, "KZ"));
        SOAPFaultException f = catchThrowableOfType(SOAPFaultException.class, () -> c.getUpdateTime(q));
        assertThat(f).as("a SOAP fault").isNotNull();
        assertThat(f.getFault().getFaultCode()).endsWith("Client");
        return f.getFault().getFaultString();
    }

    @Test
    void aPasswordTextIsNamedAsSuchNotAsAWrongPassword() {
        String text = fault(client("kz", "kz-dev-password", "PasswordText"));
        assertThat(text).contains("ERR_NOT_AUTHENTICATED", "must be a PasswordDigest", "PasswordText",
                "открытым текстом").doesNotContain("wrong password");
    }

    @Test
    void aWrongPasswordAndAnUnknownUserGetTheSameAnswer() {
        String wrong = fault(client("kz", "not-it", "PasswordDigest"));
        String unknown = fault(client("nobody", "not-it", "PasswordDigest"));
        assertThat(wrong).contains("unknown user or wrong password", "неизвестный пользователь или неверный пароль")
                .isEqualTo(unknown);
    }
}
