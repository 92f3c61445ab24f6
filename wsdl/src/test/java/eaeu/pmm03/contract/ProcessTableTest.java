package eaeu.pmm03.contract;

import eaeu.pmm03.contract.process.ProcessTable;
import eaeu.pmm03.contract.xml.ContractSchemas;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessTableTest {

    @Test
    void readsTheSeedsTransactionParameters() {
        ProcessTable t = ProcessTable.get();
        assertThat(t.messages()).hasSize(16);
        assertThat(t.transactions()).hasSize(9);
        ProcessTable.Transaction include = t.transaction("TRN.001");
        assertThat(include.parameters().processingConfirmationTime()).isEqualTo(Duration.ofMinutes(20));
        assertThat(include.parameters().responseWaitTime()).isEqualTo(Duration.ofHours(4));
        assertThat(include.parameters().retryCount()).isEqualTo(3);
        assertThat(include.parameters().authorizationRequired()).isTrue();
        assertThat(t.transaction("TRN.007").parameters().responseWaitTime()).isEqualTo(Duration.ofHours(24));
        assertThat(t.transaction("TRN.007").oneWay()).isTrue();
        assertThat(t.action(include, "MSG.001"))
                .isEqualTo("int://CP/P.MM.03/1.0.0/P.MM.03.PRC.001/P.MM.03.TRN.001/P.MM.03.MSG.001");
        assertThat(t.transactionOfRequest("MSG.016").code()).isEqualTo("P.MM.03.TRN.009");
    }

    /** D-141: R.006/R.007 are basis model structures; ru 14197 ties their vY.Y.Y to the basis model version. */
    @Test
    void theBasisModelStructuresCarryTheBasisModelVersion() {
        ProcessTable t = ProcessTable.get();
        String basis = t.namespaces().stream().filter(n -> n.prefix().equals("ccdo")).findFirst().orElseThrow()
                .namespace().replaceAll(".*:v", "");
        assertThat(basis).isEqualTo("0.4.11");
        for (String id : new String[] {"R.006", "R.007"}) {
            assertThat(t.structure(id).namespace()).endsWith(":v" + basis);
            assertThat(t.structure(id).file()).endsWith("_v" + basis + ".xsd");
        }
        assertThat(t.structure("R.HC.MM.03.001").namespace()).endsWith(":v1.0.0");
    }

    @Test
    void compilesTheSchemasFromTheClasspath() {
        assertThat(ContractSchemas.all()).isNotNull();
    }
}
