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

    public static Instant instant(XMLGregorianCalendar c) {
        if (c == null) {
            return null;
        }
        XMLGregorianCalendar x = (XMLGregorianCalendar) c.clone();
        if (x.getTimezone() == DatatypeConstants.FIELD_UNDEFINED) {
            x.setTimezone(0);
        }
        // GregorianCalendar keeps milliseconds only: take the fraction separately so microseconds survive
        java.math.BigDecimal fraction = x.getFractionalSecond();
        x.setFractionalSecond(null);
        Instant seconds = x.toGregorianCalendar().toInstant();
        return fraction == null ? seconds
                : seconds.plusNanos(fraction.movePointRight(9).setScale(0, java.math.RoundingMode.DOWN).longValueExact());
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
