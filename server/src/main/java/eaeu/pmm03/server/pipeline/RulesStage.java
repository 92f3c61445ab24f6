package eaeu.pmm03.server.pipeline;

import eaeu.pmm03.server.registry.UnifiedDatabase;
import org.springframework.stereotype.Component;

/**
 * Stage 3: the fill rules of the regulation (tables 12, 13, 14 for MSG.001/002/003; tables 8, 9 for
 * MSG.014/016), each under its number. The first violation becomes the answer.
 */
@Component
public class RulesStage {

    public void check(String messageCode, Object document, UnifiedDatabase db) {
        // wired to the fill-rule engine (eaeu.pmm03.server.rules) when it lands
    }
}
