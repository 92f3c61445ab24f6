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

    public static XMLGregorianCalendar xml(Instant i) {
        return XmlTimes.xml(i);
    }

    public static XMLGregorianCalendar now() {
        return XmlTimes.now();
    }
}
