package eaeu.pmm03.server.eec;

import eaeu.pmm03.security.identity.Participant;
import eaeu.pmm03.security.identity.ParticipantRegistry;
import eaeu.pmm03.security.identity.Role;
import eaeu.pmm03.security.wss.WsSecuritySettings;
import eaeu.pmm03.security.xml.HardenedXml;
import eaeu.pmm03.server.config.Pmm03Properties;
import eaeu.pmm03.server.outbox.Delivery;
import eaeu.pmm03.server.outbox.Outbox;
import eaeu.pmm03.server.outbox.OutboxWorker;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;

/**
 * The integrated-system exchange on every node: addresses, the Eec channel of the outbox, the respondent's queue
 * of signals and answers. A Commission-only node gets an outbox worker of its own here (an authority node has one
 * in AuthorityNode): as respondent it delivers signals and answers to the authorities' reply ports.
 */
@Configuration
@EnableScheduling
public class EecNode {

    @Bean
    public EecDirectory eecDirectory(Pmm03Properties props, ParticipantRegistry registry) {
        return new EecDirectory(props.eec(), registry);
    }

    @Bean
    public EecDelivery eecDelivery(EecDirectory directory, Pmm03Properties props, HardenedXml xml,
                                   WsSecuritySettings settings, ParticipantRegistry registry,
                                   eaeu.pmm03.server.attachment.AttachmentStore attachments) {
        return new EecDelivery(directory, props, xml, settings, selfId(props, registry), attachments);
    }

    @Bean
    public EecReplies eecReplies(Outbox outbox, EecDirectory directory, TransactionTemplate tx, HardenedXml xml,
                                 eaeu.pmm03.server.journal.MessageJournal journal) {
        return new EecReplies(outbox, directory, tx, xml, journal);
    }

    /** The respondent-only worker of a Commission node: signals and answers, no answer handlers. */
    @Bean
    @ConditionalOnExpression("'${pmm03.roles}'.contains('commission') and !'${pmm03.roles}'.contains('authority')")
    public OutboxWorker commissionOutboxWorker(Outbox outbox, Delivery delivery, EecDirectory directory,
                                               EecDelivery eec, Pmm03Properties props, TransactionTemplate tx,
                                               MeterRegistry meters) {
        OutboxWorker w = new OutboxWorker(outbox, delivery, List.of(),
                target -> directory.replyCredentials().orElseThrow(() -> new IllegalStateException(
                        "pmm03.eec.username/password are needed to send Eec answers")), props.outbox(), tx, meters);
        w.useEec(channel(directory, eec));
        return w;
    }

    /** The Eec channel of an outbox worker. */
    public static OutboxWorker.EecChannel channel(EecDirectory directory, EecDelivery eec) {
        return new OutboxWorker.EecChannel() {
            @Override
            public boolean eecMode(String target) {
                return directory.eecMode(target);
            }

            @Override
            public Delivery.Answer send(eaeu.pmm03.server.outbox.OutboxMessage m, Pmm03Properties.Endpoint credentials)
                    throws Delivery.DeliveryException {
                return eec.send(m, credentials);
            }
        };
    }

    /** This node as the sender of Eec messages: its authority, or else the Commission. */
    public static String selfId(Pmm03Properties props, ParticipantRegistry registry) {
        if (props.runs("authority") && props.authority().participant() != null) {
            return props.authority().participant();
        }
        return registry.all().stream().filter(p -> p.role() == Role.COMMISSION).map(Participant::id).findFirst()
                .orElse("EEC");
    }
}
