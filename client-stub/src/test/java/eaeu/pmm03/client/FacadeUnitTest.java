package eaeu.pmm03.client;

import eaeu.pmm03.client.cli.ExitCodes;
import eaeu.pmm03.client.cli.Pmm03Cli;
import eaeu.pmm03.contract.ccdo.EDocHeaderType;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import javax.xml.datatype.XMLGregorianCalendar;
import java.lang.reflect.Method;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The facade's pieces that need no server: headers, result reading, dates, the CLI's usage errors. */
class FacadeUnitTest {

    @Test
    void headersCarryTheMessageItsStructureANewIdAndNow() {
        EDocHeaderType a = EDocHeaders.of("MSG.014").language("en").refId("x").build();
        EDocHeaderType b = EDocHeaders.of("P.MM.03.MSG.014").build();
        assertThat(a.getInfEnvelopeCode()).isEqualTo("P.MM.03.MSG.014");
        assertThat(a.getEDocCode()).isEqualTo("R.HC.MM.03.002");
        assertThat(EDocHeaders.of("MSG.005").build().getEDocCode()).isEqualTo("R.007");
        assertThat(a.getEDocId()).matches("[0-9a-f-]{36}").isNotEqualTo(b.getEDocId());
        assertThat(a.getLanguageCode()).isEqualTo("en");
        assertThat(b.getLanguageCode()).isEqualTo("ru");
        assertThat(a.getEDocRefId()).isEqualTo("x");
        assertThat(Dates.instant(a.getEDocDateTime())).isBetween(java.time.Instant.now().minusSeconds(5),
                java.time.Instant.now().plusSeconds(1));
        assertThatThrownBy(() -> EDocHeaders.of("MSG.099")).isInstanceOf(RuntimeException.class);
    }

    @Test
    void resultsNameTheRuleThePathAndTheMeaning() {
        String d = "Table 12, rule 4: the unified database must not hold ... [/DrugMonitoringDetails/DrugMonitoringItemDetails[1]] / Таблица 12";
        assertThat(Results.rule(d)).isEqualTo("table 12, rule 4");
        assertThat(Results.path(d)).isEqualTo("/DrugMonitoringDetails/DrugMonitoringItemDetails[1]");
        assertThat(Results.rule("decision D-50: the new StartDateTime")).isEqualTo("decision D-50");
        assertThat(Results.rule("no rule here")).isNull();
        assertThat(Results.success("INCLUDED")).isTrue();
        assertThat(Results.success("NO_DATA")).isTrue();
        assertThat(Results.success("ERR_RULE")).isFalse();
        assertThat(Results.meaning("ERR_RULE", "ru")).isEqualTo("нарушено требование к заполнению реквизитов");
        assertThat(Results.meaning("ERR_RULE", "en")).isEqualTo("a fill rule of the regulation is violated");
    }

    @Test
    void datesAreWholeSecondsWithAnOffset() {
        assertThat(Dates.xml(OffsetDateTime.parse("2026-11-20T10:15:00.123+03:00")).toXMLFormat())
                .isEqualTo("2026-11-20T10:15:00+03:00");
        assertThat(Dates.parse("2026-11-20").toString()).isEqualTo("2026-11-20T00:00Z");
    }

    @Test
    void javaTimeConvertsBothWaysForEveryKindOfField() {
        // xs:date (DocCreationDate, ManufacturingDate, ...)
        assertThat(Dates.xml(LocalDate.of(2026, 11, 20)).toXMLFormat()).isEqualTo("2026-11-20");
        assertThat(Dates.localDate(Dates.xml(LocalDate.of(2026, 11, 20)))).isEqualTo(LocalDate.of(2026, 11, 20));
        // an answer's xs:dateTime keeps its offset and microseconds
        var answer = eaeu.pmm03.contract.xml.XmlTimes.xml(Instant.parse("2026-11-20T07:15:00.123456Z"));
        assertThat(Dates.instant(answer)).isEqualTo(Instant.parse("2026-11-20T07:15:00.123456Z"));
        assertThat(Dates.offsetDateTime(Dates.xml(OffsetDateTime.parse("2026-11-20T10:15:00+03:00"))))
                .isEqualTo(OffsetDateTime.parse("2026-11-20T10:15:00+03:00"));
        assertThat(Dates.xml(Instant.parse("2026-11-20T07:15:00.123456Z")).toXMLFormat())
                .isEqualTo("2026-11-20T07:15:00.123456Z");
        assertThat(Dates.offsetDateTime(null)).isNull();
        assertThat(Dates.localDate(null)).isNull();
        assertThat(Dates.xml((LocalDate) null)).isNull();
    }

    /** D-202: the facade's own methods speak java.time; only Dates, the bridge to generated fields, names XMLGregorianCalendar. */
    @Test
    void theFacadeTakesAndGivesJavaTimeNotXmlGregorianCalendar() {
        List<String> leaks = new ArrayList<>();
        for (Class<?> c : List.of(Pmm03Client.class, Pmm03Client.Builder.class, CommissionClient.class,
                CommissionClient.Records.class, AuthorityClient.class, EDocHeaders.class, Results.class,
                Documents.class, Pmm03Fault.class, ClientSecurityConfigurer.class, RawSoap.class)) {
            for (Method m : c.getMethods()) {
                List<Class<?>> types = new ArrayList<>(List.of(m.getParameterTypes()));
                types.add(m.getReturnType());
                if (types.contains(XMLGregorianCalendar.class)) {
                    leaks.add(c.getSimpleName() + "." + m.getName());
                }
            }
        }
        assertThat(leaks).isEmpty();
    }

    @Test
    void theVersionIsTheBuildsNotACopy() {
        assertThat(eaeu.pmm03.client.cli.BuildVersion.version()).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        assertThat(Pmm03Cli.run(new String[]{"--version"}, o, o)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).trim())
                .isEqualTo("pmm03 " + eaeu.pmm03.client.cli.BuildVersion.version());
    }

    @Test
    void theCliRefusesAWrongCommandLineWithExitCode2() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        PrintStream o = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThat(Pmm03Cli.run(new String[]{"records", "--as-of"}, o, e)).isEqualTo(ExitCodes.USAGE);
        assertThat(Pmm03Cli.run(new String[]{"conformance"}, o, e)).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Missing required option: '--role");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(Pmm03Cli.run(new String[]{"--help"}, new PrintStream(out, true, StandardCharsets.UTF_8), e)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("answer-info").contains("Exit codes:");
    }
}
