package eaeu.pmm03.client.cli;

import eaeu.pmm03.client.Dates;
import picocli.CommandLine;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Date-time options of the tool: a wrong value is a command-line error (exit 2) naming the formats accepted. */
final class DateTimeConverter implements CommandLine.ITypeConverter<OffsetDateTime> {

    static final String FORMATS = "2026-11-20T10:00:00+03:00, 2026-11-20T07:00:00Z or 2026-11-20";

    @Override
    public OffsetDateTime convert(String value) {
        try {
            return Dates.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a date-time; expected " + FORMATS
                    + " / неверная дата-время; ожидается " + FORMATS);
        }
    }
}
