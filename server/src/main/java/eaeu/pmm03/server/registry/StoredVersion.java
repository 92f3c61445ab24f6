package eaeu.pmm03.server.registry;

import org.springframework.jdbc.core.RowMapper;

import java.time.Instant;

/**
 * A version as read by the streaming queries (no entity, no persistence context: constant memory): the item's
 * export form when it has one (D-220), else its stored XML (one of the two is read, not both).
 */
public record StoredVersion(long id, String recordId, int versionNo, String country, String statusCode,
                            Instant startDateTime, Instant endDateTime, Instant createdAt, Instant closedAt,
                            String itemXml, String exportForm) {

    public StoredVersion(long id, String recordId, int versionNo, String country, String statusCode,
                         Instant startDateTime, Instant endDateTime, Instant createdAt, Instant closedAt,
                         String itemXml) {
        this(id, recordId, versionNo, country, statusCode, startDateTime, endDateTime, createdAt, closedAt, itemXml,
                null);
    }

    static final String COLUMNS = "id, record_id, version_no, country, status_code, start_date_time, end_date_time,"
            + " created_at, closed_at, CASE WHEN item_out IS NULL THEN item_xml END, item_out";

    static final RowMapper<StoredVersion> MAPPER = (rs, n) -> new StoredVersion(rs.getLong(1), rs.getString(2),
            rs.getInt(3), rs.getString(4), rs.getString(5), instant(rs, 6), instant(rs, 7), instant(rs, 8),
            instant(rs, 9), rs.getString(10), rs.getString(11));

    private static Instant instant(java.sql.ResultSet rs, int column) throws java.sql.SQLException {
        return Utc.instant(rs.getObject(column, java.time.LocalDateTime.class));
    }

    /** The update time of this version: when it was closed, or else when it was stored. */
    public Instant updateDateTime() {
        return closedAt != null ? closedAt : createdAt;
    }
}
