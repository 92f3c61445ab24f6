package eaeu.pmm03.server.commission;

import eaeu.pmm03.contract.xml.XmlTimes;

import javax.xml.datatype.XMLGregorianCalendar;
import java.time.Instant;

/** The server's short name for {@link XmlTimes} (xs:dateTime ↔ Instant, UTC, microseconds; decision D-26). */
public final class Times {

    private Times() {}

    public static Instant instant(XMLGregorianCalendar c) {
        return XmlTimes.instant(c);
    }

    /**
     * A query date (MSG.007 as-of, MSG.010 since) as an instant; a year beyond what java.time holds becomes an
     * instant just outside the stored range on its side, which the query answers as decision D-102 says.
     */
    public static Instant query(XMLGregorianCalendar c) {
        try {
            return XmlTimes.instant(c);
        } catch (java.time.DateTimeException e) {
            return c.getEonAndYear().signum() < 0 ? eaeu.pmm03.server.registry.Utc.MIN.minusSeconds(1)
                    : eaeu.pmm03.server.registry.Utc.MAX.plusSeconds(1);
        }
    }

    public static XMLGregorianCalendar xml(Instant i) {
        return XmlTimes.xml(i);
    }

    public static XMLGregorianCalendar now() {
        return XmlTimes.now();
    }
}
