package eaeu.pmm03.server.config;

import eaeu.pmm03.security.identity.Participant;
import eaeu.pmm03.security.identity.ParticipantRegistry;
import eaeu.pmm03.security.wss.WsSecuritySettings;
import eaeu.pmm03.security.xml.HardenedXml;
import eaeu.pmm03.security.xml.XmlLimits;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

@Configuration
public class IdentityConfig {

    @Bean
    public ParticipantRegistry participantRegistry(Pmm03Properties props, WsSecuritySettings security) {
        ParticipantRegistry r = new ParticipantRegistry();
        List<Pmm03Properties.ParticipantConfig> list = props.participants() == null ? List.of() : props.participants();
        for (Pmm03Properties.ParticipantConfig p : list) {
            r.add(new Participant(p.id(), p.country(), p.role(), p.name()));
            if (p.users() != null) {
                for (Pmm03Properties.UserConfig u : p.users()) {
                    r.addUser(new ParticipantRegistry.User(u.username(), u.password(), p.id()));
                }
            }
        }
        security.certificates().forEach(r::addCertificate);
        return r;
    }

    @Bean
    public XmlLimits xmlLimits(eaeu.pmm03.server.transport.RequestLimits limits) {
        return limits.xml();
    }

    @Bean
    public HardenedXml hardenedXml(XmlLimits limits) {
        return new HardenedXml(limits);
    }
}
