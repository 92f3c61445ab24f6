package eaeu.pmm03.server.registry;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.time.Instant;
import java.time.LocalDateTime;

/**
 * An Instant attribute kept in a DATETIME(6) column as its UTC LocalDateTime, handed to the driver as a
 * LocalDateTime (hibernate.type.java_time_use_direct_jdbc): no java.sql.Timestamp on the way, whose Julian
 * calendar before 1582-10-15 moved stored dates by days (decision D-101).
 */
@Converter
public class UtcColumn implements AttributeConverter<Instant, LocalDateTime> {

    @Override
    public LocalDateTime convertToDatabaseColumn(Instant attribute) {
        return Utc.db(attribute);
    }

    @Override
    public Instant convertToEntityAttribute(LocalDateTime column) {
        return Utc.instant(column);
    }
}
