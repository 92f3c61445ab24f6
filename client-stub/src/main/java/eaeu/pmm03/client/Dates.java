package eaeu.pmm03.client;

import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeConstants;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The facade's bridge between java.time and the generated documents' {@code XMLGregorianCalendar} fields (D-202):
 * the client's own methods take and give {@link Instant}, {@link OffsetDateTime} and {@link LocalDate}; a caller
 * that reads or fills a field of a generated document converts here. xs:dateTime values: dates a person enters are
 * whole seconds with an offset; instants read from or sent back to a node keep their microseconds
 * ({@link eaeu.pmm03.contract.xml.XmlTimes}). xs:date values (e.g. DocCreationDate, ManufacturingDate) are
 * {@link LocalDate}s.
 */
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

    /** An xs:dateTime with the offset it was written with (UTC when it has none, D-26); null for null. */
    public static OffsetDateTime offsetDateTime(XMLGregorianCalendar c) {
        if (c == null) {
            return null;
        }
        int tz = c.getTimezone() == DatatypeConstants.FIELD_UNDEFINED ? 0 : c.getTimezone();
        return instant(c).atOffset(ZoneOffset.ofTotalSeconds(tz * 60));
    }

    /** An xs:date (2026-11-20), or the date part of an xs:dateTime as written; null for null. */
    public static LocalDate localDate(XMLGregorianCalendar c) {
        return c == null ? null : LocalDate.of(c.getYear(), c.getMonth(), c.getDay());
    }

    /** A date as xs:date (2026-11-20, no offset); null for null. */
    public static XMLGregorianCalendar xml(LocalDate d) {
        return d == null ? null : FACTORY.newXMLGregorianCalendar(d.toString());
    }

    /** Accepts 2026-11-20T10:15:00+03:00, 2026-11-20T10:15:00Z or a date 2026-11-20 (midnight UTC). */
    public static OffsetDateTime parse(String s) {
        if (s.length() == 10) {
            return LocalDate.parse(s).atStartOfDay().atOffset(ZoneOffset.UTC);
        }
        return OffsetDateTime.parse(s);
    }
}
