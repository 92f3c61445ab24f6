package eaeu.pmm03.contract.xml;

import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeConstants;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.GregorianCalendar;
import java.util.TimeZone;

/**
 * xs:dateTime ↔ Instant for every module (server, client stub, tests): the one place of this conversion. A date-time without an offset is read as UTC (decision D-26); answers always carry
 * an explicit offset (UTC) with microseconds, the precision of the update clock.
 */
public final class XmlTimes {

    private static final DatatypeFactory FACTORY;

    static {
        try {
            FACTORY = DatatypeFactory.newInstance();
        } catch (DatatypeConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final java.time.format.DateTimeFormatter MICROS =
            java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSXXX");

    private XmlTimes() {}

    /**
     * The instant of an xs:dateTime in the proleptic Gregorian calendar of ISO 8601 (java.time), as XML Schema
     * defines it. {@code XMLGregorianCalendar.toGregorianCalendar()} is not used: GregorianCalendar switches to the
     * Julian calendar before 1582-10-15 and moved 0001-01-01 to 0001-01-03. Every fractional digit down to the
     * nanosecond is kept (callers decide what precision they accept).
     *
     * @throws java.time.DateTimeException if the year is beyond what java.time represents (±999,999,999)
     */
    public static Instant instant(XMLGregorianCalendar c) {
        if (c == null) {
            return null;
        }
        java.math.BigInteger eonAndYear = c.getEonAndYear();
        if (eonAndYear == null || eonAndYear.abs().compareTo(java.math.BigInteger.valueOf(java.time.Year.MAX_VALUE)) > 0) {
            throw new java.time.DateTimeException("year out of range: " + eonAndYear);
        }
        int tz = c.getTimezone() == DatatypeConstants.FIELD_UNDEFINED ? 0 : c.getTimezone();
        java.time.LocalDateTime local = java.time.LocalDateTime.of(eonAndYear.intValue(), c.getMonth(), c.getDay(), 0, 0)
                .plusHours(field(c.getHour())) // 24:00:00 is the start of the next day
                .plusMinutes(field(c.getMinute()))
                .plusSeconds(field(c.getSecond()));
        java.math.BigDecimal fraction = c.getFractionalSecond();
        if (fraction != null) {
            local = local.plusNanos(fraction.movePointRight(9).setScale(0, java.math.RoundingMode.DOWN).longValueExact());
        }
        return local.toInstant(ZoneOffset.ofTotalSeconds(tz * 60));
    }

    private static int field(int v) {
        return v == DatatypeConstants.FIELD_UNDEFINED ? 0 : v;
    }

    public static XMLGregorianCalendar xml(Instant i) {
        if (i == null) {
            return null;
        }
        return FACTORY.newXMLGregorianCalendar(MICROS.format(OffsetDateTime.ofInstant(i, ZoneOffset.UTC)));
    }

    public static XMLGregorianCalendar now() {
        GregorianCalendar g = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
        return FACTORY.newXMLGregorianCalendar(g);
    }
}
