package eaeu.pmm03.server.ops;

import eaeu.pmm03.server.transport.Endpoints;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.stereotype.Component;

import java.util.Map;

/** /actuator/info: the contract this node speaks (the build's version comes from build-info, D-163). */
@Component
public class ContractInfo implements InfoContributor {

    @Override
    public void contribute(Info.Builder builder) {
        builder.withDetail("contract", Map.of(
                "process", "P.MM.03 (EEC Collegium Decision No. 124 of 25 October 2016)",
                "commission", Endpoints.COMMISSION.namespace(),
                "authority", Endpoints.AUTHORITY.namespace()));
    }
}
