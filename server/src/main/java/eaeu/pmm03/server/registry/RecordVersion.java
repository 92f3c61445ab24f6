package eaeu.pmm03.server.registry;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * One version of one record of the unified database. Versions are only ever added and closed, never deleted:
 * a change closes the active version (EndDateTime = the new version's StartDateTime) and adds the next one; an
 * exclusion closes the active version with the message's EndDateTime.
 */
@Entity
@Table(name = "record_version")
public class RecordVersion {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "record_id", nullable = false, length = 36)
    private String recordId;
    @Column(name = "version_no", nullable = false)
    private int versionNo;
    @Column(name = "record_key", nullable = false, columnDefinition = "TEXT")
    private String recordKey;
    @Column(name = "record_key_hash", nullable = false, length = 64)
    private String recordKeyHash;
    @Column(nullable = false, length = 2)
    private String country;
    @Column(name = "status_code", nullable = false, length = 2)
    private String statusCode;
    @Column(name = "trade_name", length = 300)
    private String tradeName;
    @Column(name = "drug_names", length = 1000)
    private String drugNames;
    @Convert(converter = UtcColumn.class)
    @Column(name = "start_date_time", nullable = false)
    private Instant startDateTime;
    @Convert(converter = UtcColumn.class)
    @Column(name = "end_date_time")
    private Instant endDateTime;
    @Convert(converter = UtcColumn.class)
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Convert(converter = UtcColumn.class)
    @Column(name = "closed_at")
    private Instant closedAt;
    @Column(name = "closed_reason", length = 16)
    private String closedReason;
    @Column(name = "item_xml", nullable = false, columnDefinition = "MEDIUMTEXT")
    private String itemXml;

    @jakarta.persistence.Transient
    private transient org.w3c.dom.Element itemElement;
    /** D-220: the item as MSG.008/MSG.011 answers write it, without its status; null: exported from item_xml. */
    @Column(name = "item_out", columnDefinition = "MEDIUMTEXT")
    private String itemOut;
    @Column(name = "created_by", nullable = false, length = 64)
    private String createdBy;
    @Column(name = "created_by_edoc_id", nullable = false, length = 36)
    private String createdByEdocId;
    @Column(name = "created_by_message", nullable = false, length = 20)
    private String createdByMessage;
    @Column(name = "closed_by", length = 64)
    private String closedBy;
    @Column(name = "closed_by_edoc_id", length = 36)
    private String closedByEdocId;
    @Column(name = "closed_by_message", length = 20)
    private String closedByMessage;
    @Column(nullable = false)
    private boolean signed;
    @Column(name = "active_key_hash", length = 64)
    private String activeKeyHash;
    @Convert(converter = UtcColumn.class)
    @Column(name = "last_change_at", nullable = false)
    private Instant lastChangeAt;
    @Column(nullable = false, length = 8)
    private String audience = Audience.PUBLIC.name();

    protected RecordVersion() {}

    RecordVersion(String recordId, int versionNo, RecordData data, Instant createdAt, Provenance by) {
        this.recordId = recordId;
        this.versionNo = versionNo;
        this.recordKey = data.key().canonical();
        this.recordKeyHash = data.key().hash();
        this.country = data.country();
        this.statusCode = data.statusCode();
        this.tradeName = data.tradeName();
        this.drugNames = data.drugNames();
        this.startDateTime = data.startDateTime();
        this.endDateTime = null;
        this.createdAt = createdAt;
        this.itemXml = data.itemXml();
        this.itemOut = data.exportForm();
        this.itemElement = data.element();
        this.createdBy = by.participantId();
        this.createdByEdocId = by.edocId();
        this.createdByMessage = by.messageCode();
        this.signed = by.signed();
        this.audience = by.audience().name();
        this.activeKeyHash = recordKeyHash;
        this.lastChangeAt = createdAt;
    }

    /** D-156: who may see it; a later version keeps the audience of the record. */
    public Audience audience() {
        return Audience.valueOf(audience);
    }

    /** Every column of a new version, for the plain JDBC insert of {@link UnifiedDatabase} (decision D-236). */
    static final String INSERT = "INSERT INTO record_version (record_id, version_no, record_key, record_key_hash,"
            + " country, status_code, trade_name, drug_names, start_date_time, end_date_time, created_at, closed_at,"
            + " closed_reason, item_xml, item_out, created_by, created_by_edoc_id, created_by_message, closed_by,"
            + " closed_by_edoc_id, closed_by_message, signed, active_key_hash, last_change_at, audience)"
            + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";

    /** The values of {@link #INSERT}, in its order (instants as UTC, as {@link UtcColumn} stores them). */
    Object[] insertValues() {
        return new Object[] {recordId, versionNo, recordKey, recordKeyHash, country, statusCode, tradeName, drugNames,
                Utc.db(startDateTime), Utc.db(endDateTime), Utc.db(createdAt), Utc.db(closedAt), closedReason, itemXml,
                itemOut, createdBy, createdByEdocId, createdByMessage, closedBy, closedByEdocId, closedByMessage, signed,
                activeKeyHash, Utc.db(lastChangeAt), audience};
    }

    /** The id the database gave the version inserted by {@link #INSERT}. */
    void inserted(long id) {
        this.id = id;
    }

    void inheritAudience(RecordVersion previous) {
        this.audience = previous.audience;
    }

    void close(Instant endDateTime, Instant at, String reason, Provenance by) {
        this.endDateTime = endDateTime;
        this.closedAt = at;
        this.closedReason = reason;
        this.closedBy = by.participantId();
        this.closedByEdocId = by.edocId();
        this.closedByMessage = by.messageCode();
        this.activeKeyHash = null;
        this.lastChangeAt = at;
    }

    public Long id() { return id; }
    public String recordId() { return recordId; }
    public int versionNo() { return versionNo; }
    public String recordKey() { return recordKey; }
    public String country() { return country; }
    public String statusCode() { return statusCode; }
    public String tradeName() { return tradeName; }
    public String drugNames() { return drugNames; }
    public Instant startDateTime() { return startDateTime; }
    public Instant endDateTime() { return endDateTime; }
    public Instant createdAt() { return createdAt; }
    public Instant closedAt() { return closedAt; }
    public String closedReason() { return closedReason; }
    public String itemXml() { return itemXml; }

    /**
     * The item's DOM as the request that made this version was parsed, for the listeners called while it is
     * stored (D-234); null for a version read from the database. Not persisted.
     */
    public org.w3c.dom.Element itemElement() { return itemElement; }
    public String createdBy() { return createdBy; }
    public String createdByEdocId() { return createdByEdocId; }
    public String createdByMessage() { return createdByMessage; }
    public String closedBy() { return closedBy; }
    public String closedByEdocId() { return closedByEdocId; }
    public String closedByMessage() { return closedByMessage; }
    public boolean signed() { return signed; }
    public boolean active() { return closedAt == null; }
}
