package eaeu.pmm03.server.authority;

import eaeu.pmm03.security.identity.Participant;
import eaeu.pmm03.security.identity.ParticipantRegistry;
import eaeu.pmm03.security.identity.Role;
import eaeu.pmm03.server.config.Pmm03Properties;

import java.util.List;
import java.util.NoSuchElementException;

/** Whom this authority node talks to: the Commission and its peers, with endpoints and credentials. */
public class Partners {

    private final Pmm03Properties.Authority config;
    private final ParticipantRegistry registry;

    public Partners(Pmm03Properties.Authority config, ParticipantRegistry registry) {
        this.config = config;
        this.registry = registry;
        if (config.participant() == null || registry.byId(config.participant()).filter(Participant::isAuthority).isEmpty()) {
            throw new IllegalStateException("pmm03.authority.participant must name an authority of pmm03.participants,"
                    + " got " + config.participant());
        }
        if (config.commission() == null || config.commission().url() == null) {
            throw new IllegalStateException("pmm03.authority.commission.url is required in the authority role");
        }
    }

    public Participant self() {
        return registry.byId(config.participant()).orElseThrow();
    }

    public String commissionId() {
        return registry.all().stream().filter(p -> p.role() == Role.COMMISSION).map(Participant::id).findFirst()
                .orElse("EEC");
    }

    public Pmm03Properties.Endpoint commission() {
        return config.commission();
    }

    public List<Pmm03Properties.Peer> peers() {
        return config.peersOrEmpty().stream().filter(p -> !p.participant().equals(config.participant())).toList();
    }

    public Pmm03Properties.Peer peer(String participantId) {
        return peers().stream().filter(p -> p.participant().equals(participantId)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no endpoint configured for peer " + participantId));
    }

    /** The endpoint and credentials for an outbox target (the Commission or a peer). */
    public Pmm03Properties.Endpoint endpointOf(String target) {
        return target.equals(commissionId()) ? config.commission() : peer(target).endpoint();
    }
}
