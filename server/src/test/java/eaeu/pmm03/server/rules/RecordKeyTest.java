package eaeu.pmm03.server.rules;

import eaeu.pmm03.contract.drugmonitoring.DrugMonitoringDetails;
import eaeu.pmm03.contract.hccdo.DrugMonitoringDetailsType;
import eaeu.pmm03.contract.hccdo.DrugNameDetailsType;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RecordKeyTest {

    @Test
    void canonicalFormOfTheBaseDocument() {
        RecordKey k = RecordKey.of(Docs.monitoring(Docs.MSG001).getDrugMonitoringItemDetails().get(0));
        assertThat(k.canonical()).isEqualTo(
                "k1|KZ|01|аспирин кардио|0001234@P.CLS.038:ацетилсалициловая кислота|12-34/567|2024-02-28"
                        + "|комитет медицинского и фармацевтического контроля");
        assertThat(k.hash()).hasSize(64).matches("[0-9a-f]{64}");
    }

    @Test
    void namesAreNormalizedAndNonKeyContentIgnored() {
        DrugMonitoringDetails a = Docs.monitoring(Docs.MSG001);
        DrugMonitoringDetails b = Docs.monitoring(Docs.MSG001);
        DrugMonitoringDetailsType det = b.getDrugMonitoringItemDetails().get(0).getDrugMonitoringDetails().get(0);
        det.setDrugTradeName("  АСПИРИН   кардио ");
        det.getDrugNameDetails().add(new DrugNameDetailsType());               // empty names are no part of the key
        det.getPackageFormDetails().get(0).setMiddlePackageText("changed");   // content, not key
        b.getDrugMonitoringItemDetails().get(0).getDrugMonitoringDetails().add(Docs.monitoring(Docs.MSG001)
                .getDrugMonitoringItemDetails().get(0).getDrugMonitoringDetails().get(0));  // only the first counts (D-31)
        assertThat(RecordKey.of(b.getDrugMonitoringItemDetails().get(0)))
                .isEqualTo(RecordKey.of(a.getDrugMonitoringItemDetails().get(0)));
    }

    @Test
    void keyAttributesChangeTheKey() {
        DrugMonitoringDetails a = Docs.monitoring(Docs.MSG001);
        RecordKey before = RecordKey.of(a.getDrugMonitoringItemDetails().get(0));
        a.getDrugMonitoringItemDetails().get(0).getAuthorityActionDetails().get(0).getOfficialDocDetails().setDocId("other");
        assertThat(RecordKey.of(a.getDrugMonitoringItemDetails().get(0))).isNotEqualTo(before);
    }

    @Test
    void separatorsAreEscaped() {
        RecordKey k = new RecordKey("kz", "01", "a|b", List.of("x;y"), "d\\1", "", "auth");
        assertThat(k.canonical()).isEqualTo("k1|KZ|01|a\\|b|x\\;y|d\\\\1||auth");
    }

    @Test
    void registryViewOfKeys() {
        RecordKey k = RecordKey.of(Docs.monitoring(Docs.MSG001).getDrugMonitoringItemDetails().get(0));
        OffsetDateTime start = OffsetDateTime.parse("2024-03-01T10:00:00+06:00");
        RegistryView r = RegistryView.of(Map.of(k, start));
        assertThat(r.hasActiveRecord(k)).isTrue();
        assertThat(r.activeStart(k)).contains(start);
        assertThat(RegistryView.EMPTY.hasActiveRecord(k)).isFalse();
        assertThat(RegistryView.EMPTY.activeStart(k)).isEmpty();
    }
}
