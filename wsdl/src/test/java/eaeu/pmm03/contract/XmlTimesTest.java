package eaeu.pmm03.contract;

import eaeu.pmm03.contract.xml.XmlTimes;

import org.junit.jupiter.api.Test;

import javax.xml.datatype.DatatypeFactory;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class XmlTimesTest {

    @Test
    void microsecondsSurviveTheRoundTrip() {
        Instant i = Instant.parse("2026-11-22T02:49:15.544504Z");
        assertThat(XmlTimes.instant(XmlTimes.xml(i))).isEqualTo(i);
        assertThat(XmlTimes.xml(i).toXMLFormat()).isEqualTo("2026-11-22T02:49:15.544504Z");
    }

    @Test
    void aDateTimeWithoutOffsetIsUtc() throws Exception {
        var x = DatatypeFactory.newInstance().newXMLGregorianCalendar("2026-11-22T10:00:00.5");
        assertThat(XmlTimes.instant(x)).isEqualTo(Instant.parse("2026-11-22T10:00:00.500Z"));
        var k = DatatypeFactory.newInstance().newXMLGregorianCalendar("2026-11-22T10:00:00+06:00");
        assertThat(XmlTimes.instant(k)).isEqualTo(Instant.parse("2026-11-22T04:00:00Z"));
    }
}
