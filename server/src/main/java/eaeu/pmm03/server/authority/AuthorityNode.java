package eaeu.pmm03.server.authority;

import eaeu.pmm03.contract.commission.CommissionPortType;
import eaeu.pmm03.security.identity.ParticipantRegistry;
import eaeu.pmm03.security.wss.ClientSecurity;
import eaeu.pmm03.security.wss.WsSecuritySettings;
import eaeu.pmm03.security.xml.HardenedXml;
import eaeu.pmm03.security.xml.XmlLimits;
import eaeu.pmm03.server.config.Pmm03Properties;
import eaeu.pmm03.server.attachment.AttachmentStore;
import eaeu.pmm03.server.journal.MessageJournal;
import eaeu.pmm03.server.mirror.MirrorSync;
import eaeu.pmm03.server.outbox.Delivery;
import eaeu.pmm03.server.outbox.Outbox;
import eaeu.pmm03.server.outbox.OutboxWorker;
import eaeu.pmm03.server.pipeline.HeaderStage;
import eaeu.pmm03.server.pipeline.Idempotency;
import eaeu.pmm03.server.pipeline.RulesStage;
import eaeu.pmm03.server.pipeline.SchemaStage;
import eaeu.pmm03.server.eec.EecDelivery;
import eaeu.pmm03.server.eec.EecDirectory;
import eaeu.pmm03.server.eec.EecNode;
import eaeu.pmm03.server.eec.EecQueries;
import eaeu.pmm03.server.eec.EecReplies;
import eaeu.pmm03.server.transport.AuthoritySyncProvider;
import eaeu.pmm03.server.transport.EecProvider;
import eaeu.pmm03.server.transport.EecReplyProvider;
import eaeu.pmm03.server.transport.EndpointSecurity;
import eaeu.pmm03.server.transport.Endpoints;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.cxf.Bus;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.frontend.ClientProxy;
import org.apache.cxf.jaxws.EndpointImpl;
import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import org.apache.cxf.transport.http.HTTPConduit;
import org.apache.cxf.transports.http.configuration.HTTPClientPolicy;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;

/**
 * The authority role ({@code pmm03.roles} contains "authority"): the Authority service for the peers, the outbox
 * worker, the mirror of the unified database and the operator API.
 */
@Configuration
@EnableScheduling
@ConditionalOnExpression("'${pmm03.roles}'.contains('authority')")
public class AuthorityNode {

    @Bean
    public Partners partners(Pmm03Properties props, ParticipantRegistry registry) {
        return new Partners(props.authority(), registry);
    }

    @Bean
    public AuthorityService authorityService(Partners partners, Outbox outbox, Conversations conversations,
                                             SchemaStage schema, HeaderStage header, RulesStage rules,
                                             Idempotency idempotency, MessageJournal journal, TransactionTemplate tx,
                                             JdbcTemplate jdbc, HardenedXml xml, AttachmentStore attachments) {
        return new AuthorityService(partners, outbox, conversations, schema, header, rules, idempotency, journal, tx,
                jdbc, xml, attachments);
    }

    @Bean
    public OutboxWorker outboxWorker(Outbox outbox, Delivery delivery, AuthorityService authority, Partners partners,
                                     Pmm03Properties props, TransactionTemplate tx, MeterRegistry meters,
                                     EecDirectory directory, EecDelivery eec) {
        OutboxWorker w = new OutboxWorker(outbox, delivery, List.of(authority), partners::endpointOf, props.outbox(), tx,
                meters);
        w.useEec(EecNode.channel(directory, eec));
        return w;
    }

    @Bean
    public MirrorSync mirrorSync(Partners partners, Pmm03Properties props, JdbcTemplate jdbc, TransactionTemplate tx,
                                 WsSecuritySettings settings, EecQueries eecQueries, EecDirectory directory) {
        return new MirrorSync(() -> directory.eecMode(partners.commissionId()) ? eecQueries
                : MirrorSync.Queries.sync(commissionClient(partners.commission(), props, settings)), jdbc, tx);
    }

    @Bean
    public EecQueries eecQueries(Outbox outbox, Partners partners, Pmm03Properties props, TransactionTemplate tx) {
        return new EecQueries(outbox, partners.commissionId(), partners.commission().url(), props.outbox(), tx);
    }

    @Bean
    public EndpointImpl authoritySoap11(Bus bus, AuthorityService authority, ParticipantRegistry registry,
                                        HardenedXml xml, MessageJournal journal, XmlLimits limits,
                                        EndpointSecurity security, AttachmentStore attachments) {
        return Endpoints.publish(bus, new AuthoritySyncProvider(authority, registry, xml, journal, attachments),
                Endpoints.AUTHORITY, limits, security, "AuthoritySoap11", "/authority");
    }

    @Bean
    public EndpointImpl authoritySoap12(Bus bus, AuthorityService authority, ParticipantRegistry registry,
                                        HardenedXml xml, MessageJournal journal, XmlLimits limits,
                                        EndpointSecurity security, AttachmentStore attachments) {
        return Endpoints.publish(bus, new AuthoritySyncProvider(authority, registry, xml, journal, attachments),
                Endpoints.AUTHORITY, limits, security, "AuthoritySoap12", "/authority12");
    }

    /** The integrated-system port AuthorityEec (SOAP 1.2, bare document, by wsa:Action; D-65). */
    @Bean
    public EndpointImpl authorityEec(Bus bus, AuthorityService authority, ParticipantRegistry registry,
                                     HardenedXml xml, MessageJournal journal, XmlLimits limits,
                                     EndpointSecurity security, EecReplies replies, Partners partners,
                                     AttachmentStore attachments) {
        return Endpoints.publish(bus, EecProvider.authority(authority, partners.self().id(), replies, registry, xml,
                journal, attachments), Endpoints.AUTHORITY, limits, security, "AuthorityEec", "/eec/authority");
    }

    /** The reply port of the Commission transactions this node initiates in the eec mode (D-68). */
    @Bean
    public EndpointImpl commissionEecReply(Bus bus, OutboxWorker worker, ParticipantRegistry registry,
                                           HardenedXml xml, MessageJournal journal, XmlLimits limits,
                                           EndpointSecurity security) {
        return Endpoints.publish(bus, new EecReplyProvider("Commission", worker, registry, xml, journal),
                Endpoints.COMMISSION_REPLY, limits, security, "CommissionEecReply", "/eec/commission-reply");
    }

    /** The reply port of the Authority transactions (TRN.008/009) this node initiates in the eec mode. */
    @Bean
    public EndpointImpl authorityEecReply(Bus bus, OutboxWorker worker, ParticipantRegistry registry,
                                          HardenedXml xml, MessageJournal journal, XmlLimits limits,
                                          EndpointSecurity security) {
        return Endpoints.publish(bus, new EecReplyProvider("Authority", worker, registry, xml, journal),
                Endpoints.AUTHORITY_REPLY, limits, security, "AuthorityEecReply", "/eec/authority-reply");
    }

    /** A client of the Commission's synchronous SOAP 1.1 port with this node's credentials. */
    static CommissionPortType commissionClient(Pmm03Properties.Endpoint e, Pmm03Properties props,
                                               WsSecuritySettings settings) {
        JaxWsProxyFactoryBean f = new JaxWsProxyFactoryBean();
        f.setServiceClass(CommissionPortType.class);
        f.setAddress(e.url());
        CommissionPortType port = (CommissionPortType) f.create();
        Client client = ClientProxy.getClient(port);
        ClientSecurity.apply(client, settings, e.username(), e.password(), null, null);
        HTTPClientPolicy p = new HTTPClientPolicy();
        p.setConnectionTimeout(10_000);
        p.setReceiveTimeout(props.outbox().requestTimeout().toMillis() * 10);
        ((HTTPConduit) client.getConduit()).setClient(p);
        return port;
    }
}
