package eaeu.pmm03.server.registry;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Set;

/**
 * The participants whose records are test data (D-156): {@code pmm03.portal.test-participants}, by default the
 * AM-TEST … RU-TEST authorities of application.yml (users am-test … ru-test), which conformance runs and connection
 * tests use. What they write is marked {@link Audience#TEST} and never published.
 */
@Component
public class TestParticipants {

    private final Set<String> ids;

    public TestParticipants(@Value("${pmm03.portal.test-participants:}") List<String> ids) {
        this.ids = Set.copyOf(ids.stream().map(String::strip).filter(s -> !s.isEmpty()).toList());
    }

    public boolean isTest(String participantId) {
        return ids.contains(participantId);
    }

    public Audience audienceOf(String participantId) {
        return isTest(participantId) ? Audience.TEST : Audience.PUBLIC;
    }
}
