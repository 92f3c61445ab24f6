package eaeu.pmm03.client;

import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** xs:dateTime values of pmm03 documents: dates a person enters are whole seconds with an offset; instants read
 * from or sent back to a node keep their microseconds ({@link eaeu.pmm03.contract.xml.XmlTimes}). */
public final class Dates {

    private static final DateTimeFormatter XS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
    private static final DatatypeFactory FACTORY;

    static {
        try {
            FACTORY = DatatypeFactory.newInstance();
        } catch (DatatypeConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    private Dates() {}

    public static XMLGregorianCalendar xml(OffsetDateTime t) {
        return t == null ? null : FACTORY.newXMLGregorianCalendar(XS.format(t.truncatedTo(ChronoUnit.SECONDS)));
    }

    /** An instant as sent back to a node (e.g. a "since" point): exact to the microsecond, never truncated. */
    public static XMLGregorianCalendar xml(Instant t) {
        return eaeu.pmm03.contract.xml.XmlTimes.xml(t);
    }

    public static XMLGregorianCalendar now() {
        return xml(OffsetDateTime.now());
    }

    public static Instant instant(XMLGregorianCalendar c) {
        return eaeu.pmm03.contract.xml.XmlTimes.instant(c);
    }

    /** Accepts 2026-11-20T10:15:00+03:00, 2026-11-20T10:15:00Z or a date 2026-11-20 (midnight UTC). */
    public static OffsetDateTime parse(String s) {
        if (s.length() == 10) {
            return java.time.LocalDate.parse(s).atStartOfDay().atOffset(ZoneOffset.UTC);
        }
        return OffsetDateTime.parse(s);
    }
}
