package eaeu.pmm03.server.pipeline;

import eaeu.pmm03.contract.ccdo.PeriodDetailsType;
import eaeu.pmm03.contract.drugmonitoring.DrugMonitoringDetails;
import eaeu.pmm03.contract.hccdo.DrugMonitoringItemDetailsType;
import eaeu.pmm03.contract.xml.XmlTimes;
import eaeu.pmm03.server.registry.Utc;

import javax.xml.datatype.XMLGregorianCalendar;
import java.time.DateTimeException;
import java.time.Instant;

/**
 * Decision D-101: the date-times a submission asks the node to store (StartDateTime, EndDateTime of each item)
 * must lie in {@link Utc#RANGE} and carry at most microseconds; anything else is refused naming the field and the
 * range, so that every stored value comes back as the same instant.
 */
public final class DateRange {

    public static final String RULE = "decision D-101";
    private static final String PERIOD = "/DrugMonitoringDetails/DrugMonitoringItemDetails[%d]/ResourceItemStatusDetails"
            + "/ValidityPeriodDetails/%s";

    private DateRange() {}

    public static void check(DrugMonitoringDetails doc) {
        int i = 0;
        for (DrugMonitoringItemDetailsType item : doc.getDrugMonitoringItemDetails()) {
            i++;
            var s = item.getResourceItemStatusDetails();
            PeriodDetailsType p = s == null ? null : s.getValidityPeriodDetails();
            if (p != null) {
                check(p.getStartDateTime(), String.format(PERIOD, i, "StartDateTime"));
                check(p.getEndDateTime(), String.format(PERIOD, i, "EndDateTime"));
            }
        }
    }

    static void check(XMLGregorianCalendar value, String path) {
        if (value == null) {
            return;
        }
        Instant at;
        try {
            at = XmlTimes.instant(value);
        } catch (DateTimeException e) {
            at = null;
        }
        String field = path.substring(path.lastIndexOf('/') + 1);
        if (at == null || !Utc.inRange(at)) {
            throw new Rejection("ERR_RULE", RULE, path,
                    field + " " + value.toXMLFormat() + " вне поддерживаемого узлом диапазона " + Utc.RANGE + " (UTC)",
                    field + " " + value.toXMLFormat() + " is outside the range the node supports, " + Utc.RANGE + " (UTC)");
        }
        if (!Utc.microseconds(at)) {
            throw new Rejection("ERR_RULE", RULE, path,
                    field + " " + value.toXMLFormat() + ": доли секунды точнее микросекунды не хранятся",
                    field + " " + value.toXMLFormat() + ": fractions of a second below the microsecond are not stored");
        }
    }
}
