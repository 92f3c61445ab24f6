package eaeu.pmm03.server.registry;

import org.springframework.jdbc.core.RowMapper;

import java.time.Instant;

/**
 * A version as read by the streaming queries (no entity, no persistence context: constant memory): the item's
 * export form when it has one (D-220), else its stored XML (one of the two is read, not both).
 *
 * <p>Read from the database, the export form comes as the UTF-8 bytes MariaDB sends ({@link #formBytes}, D-244):
 * the answer copies them to its output stream without decoding them into a String and encoding them again.
 * {@link #exportForm} is the form as text where a version is made in memory (tests, the SAX path).
 */
public record StoredVersion(long id, String recordId, int versionNo, String country, String statusCode,
                            Instant startDateTime, Instant endDateTime, Instant createdAt, Instant closedAt,
                            String itemXml, String exportForm, byte[] formBytes) {

    public StoredVersion(long id, String recordId, int versionNo, String country, String statusCode,
                         Instant startDateTime, Instant endDateTime, Instant createdAt, Instant closedAt,
                         String itemXml) {
        this(id, recordId, versionNo, country, statusCode, startDateTime, endDateTime, createdAt, closedAt, itemXml,
                null, null);
    }

    public StoredVersion(long id, String recordId, int versionNo, String country, String statusCode,
                         Instant startDateTime, Instant endDateTime, Instant createdAt, Instant closedAt,
                         String itemXml, String exportForm) {
        this(id, recordId, versionNo, country, statusCode, startDateTime, endDateTime, createdAt, closedAt, itemXml,
                exportForm, null);
    }

    /**
     * D-245: the stored XML is read only for a version without an export form, by its primary key in a subquery
     * that only runs for such a row. Named in the select list as {@code CASE WHEN item_out IS NULL THEN item_xml
     * END}, item_xml was read from InnoDB for every row (a column the statement uses is fetched from its off-page
     * storage whether the CASE needs it or not): twice the bytes the export sends, read from disk once the table
     * outgrows the buffer pool.
     */
    static final String COLUMNS = "v.id, v.record_id, v.version_no, v.country, v.status_code, v.start_date_time,"
            + " v.end_date_time, v.created_at, v.closed_at,"
            + " CASE WHEN v.item_out IS NULL THEN (SELECT x.item_xml FROM record_version x WHERE x.id = v.id) END,"
            + " v.item_out";

    /** The table as {@link #COLUMNS} names it. */
    static final String FROM = " FROM record_version v";

    static final RowMapper<StoredVersion> MAPPER = (rs, n) -> new StoredVersion(rs.getLong(1), rs.getString(2),
            rs.getInt(3), rs.getString(4), rs.getString(5), instant(rs, 6), instant(rs, 7), instant(rs, 8),
            instant(rs, 9), rs.getString(10), null, rs.getBytes(11));

    private static Instant instant(java.sql.ResultSet rs, int column) throws java.sql.SQLException {
        return Utc.instant(rs.getObject(column, java.time.LocalDateTime.class));
    }

    /** The update time of this version: when it was closed, or else when it was stored. */
    public Instant updateDateTime() {
        return closedAt != null ? closedAt : createdAt;
    }
}
