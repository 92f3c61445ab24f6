package eaeu.pmm03.server.portal;

import eaeu.pmm03.security.xml.HardenedXml;
import eaeu.pmm03.server.config.Pmm03Properties;
import eaeu.pmm03.server.journal.JournalEntry;
import eaeu.pmm03.server.journal.MessageJournal;
import eaeu.pmm03.server.registry.Utc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One record for people: every field of its item with Russian and English labels (from the glossary), the signs
 * of falsification with their pictures, the official documents with their PDFs, every version with what changed,
 * and where each version came from (authority, message, signature, journal).
 */
@Service
public class RecordView {

    /** Elements whose content is base64 binary: served as files, never inlined into the page. */
    static final Set<String> BINARY = Set.of("DocBinaryText", "FalsificationSignPicture", "PdfBinaryText");
    /** Media types shown inline; anything else is offered as a download (no SVG: it can carry script). */
    static final Set<String> INLINE_IMAGES = Set.of("image/png", "image/jpeg", "image/gif", "image/webp");

    public record Node_(String xml, String ru, String en, String value, List<Node_> attrs, List<Node_> children,
                        Binary binary) {}

    public record Binary(String url, String mediaType, int bytes, boolean image) {}

    public record Party(String id, String name, String edocId, String message, boolean signed, List<Journal> journal) {}

    public record Journal(String direction, String message, String edocId, Instant at, String result, boolean signed) {}

    public record Change(String path, String ru, String en, String before, String after) {}

    public record Version(long versionId, int versionNo, boolean active, Instant startDateTime, Instant endDateTime,
                         Instant storedAt, Instant closedAt, String closedReason, Party createdBy, Party closedBy,
                         List<Change> changes) {}

    public record Sign(String text, List<Binary> pictures) {}

    public record OfficialDoc(String docId, String docName, String date, String validity, String authorityId,
                              String authorityName, String action, Binary pdf) {}

    public record Record(String recordId, boolean active, Instant asOf, PortalSearch.Hit summary, Version shown,
                         List<Node_> fields, List<Sign> signs, List<OfficialDoc> documents, List<Version> history) {}

    public record File(byte[] bytes, String mediaType, String name) {}

    private final JdbcTemplate jdbc;
    private final HardenedXml xml;
    private final Labels labels;
    private final MessageJournal journal;
    private final Map<String, String> participantNames = new HashMap<>();

    public RecordView(JdbcTemplate jdbc, HardenedXml xml, Labels labels, MessageJournal journal, Pmm03Properties props) {
        this.jdbc = jdbc;
        this.xml = xml;
        this.labels = labels;
        this.journal = journal;
        if (props.participants() != null) {
            props.participants().forEach(p -> participantNames.put(p.id(), p.name()));
        }
        participantNames.put(DemoData.PARTICIPANT, "Демонстрационные данные портала / portal demo data");
    }

    private record Row(long id, int versionNo, Instant start, Instant end, Instant createdAt, Instant closedAt,
                       String closedReason, String itemXml, String createdBy, String createdByEdocId,
                       String createdByMessage, String closedBy, String closedByEdocId, String closedByMessage,
                       boolean signed) {}

    private List<Row> rows(String recordId) {
        return jdbc.query("SELECT id, version_no, start_date_time, end_date_time, created_at, closed_at, closed_reason,"
                + " item_xml, created_by, created_by_edoc_id, created_by_message, closed_by, closed_by_edoc_id,"
                + " closed_by_message, signed FROM record_version WHERE record_id = ? AND audience <> 'TEST' ORDER BY version_no", (rs, n) ->
                new Row(rs.getLong(1), rs.getInt(2), t(rs, 3), t(rs, 4), t(rs, 5), t(rs, 6), rs.getString(7),
                        rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12),
                        rs.getString(13), rs.getString(14), rs.getBoolean(15)), recordId);
    }

    private static Instant t(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return Utc.instant(rs.getObject(i, LocalDateTime.class));
    }

    /** The record with its full history; shown is the version active at asOf (or now), else the last one. */
    public Optional<Record> record(String recordId, Instant asOf) {
        List<Row> rows = rows(recordId);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Row shown = null;
        for (Row r : rows) {
            boolean existed = asOf == null ? r.closedAt == null
                    : !r.createdAt.isAfter(asOf) && (r.closedAt == null || r.closedAt.isAfter(asOf));
            if (existed) {
                shown = r;
            }
        }
        boolean activeShown = shown != null;
        if (shown == null) {
            if (asOf != null && rows.get(0).createdAt.isAfter(asOf)) {
                return Optional.empty(); // did not exist yet at that time
            }
            shown = rows.get(rows.size() - 1);
        }
        List<Version> history = new ArrayList<>();
        Map<String, String> before = null;
        Map<String, String[]> labelsOfPrevious = Map.of();
        for (Row r : rows) {
            List<Node_> tree = tree(r);
            Map<String, String> flat = new LinkedHashMap<>();
            Map<String, String[]> labelsOf = new HashMap<>();
            flatten(tree, "", "", "", flat, labelsOf);
            List<Change> changes = new ArrayList<>();
            if (before != null) {
                for (var e : flat.entrySet()) {
                    if (!e.getValue().equals(before.get(e.getKey()))) {
                        changes.add(change(e.getKey(), labelsOf, before.get(e.getKey()), e.getValue()));
                    }
                }
                for (var e : before.entrySet()) {
                    if (!flat.containsKey(e.getKey())) {
                        changes.add(change(e.getKey(), labelsOfPrevious, e.getValue(), null));
                    }
                }
            }
            history.add(version(r, changes));
            before = flat;
            labelsOfPrevious = labelsOf;
        }
        Row s = shown;
        List<Node_> fields = tree(s);
        PortalSearch.Hit summary = jdbc.query("SELECT " + PortalSearch.COLUMNS + " FROM record_version v JOIN record_search s"
                + " ON s.version_id = v.id WHERE v.id = ?", PortalSearch.HIT, s.id).stream().findFirst().orElse(null);
        Version shownVersion = history.stream().filter(v -> v.versionId() == s.id).findFirst().orElseThrow();
        return Optional.of(new Record(recordId, activeShown && s.closedAt == null, asOf, summary, shownVersion, fields,
                signs(fields), documents(fields), history));
    }

    private static Change change(String path, Map<String, String[]> labelsOf, String before, String after) {
        String[] l = labelsOf.getOrDefault(path, new String[] {path, path});
        return new Change(path, l[0], l[1], before, after);
    }

    private Version version(Row r, List<Change> changes) {
        Party created = party(r.createdBy, r.createdByEdocId, r.createdByMessage, r.signed);
        Party closed = r.closedBy == null ? null : party(r.closedBy, r.closedByEdocId, r.closedByMessage, false);
        return new Version(r.id, r.versionNo, r.closedAt == null, r.start, r.end, r.createdAt, r.closedAt, r.closedReason,
                created, closed, changes);
    }

    private Party party(String id, String edocId, String message, boolean signed) {
        List<Journal> lines = new ArrayList<>();
        boolean signedIn = signed;
        if (edocId != null) {
            for (JournalEntry e : journal.about(edocId)) {
                lines.add(new Journal(e.direction().name(), e.messageCode(), e.edocId(), e.at(), e.resultCode(), e.signed()));
                if (e.direction() == JournalEntry.Direction.IN && edocId.equals(e.edocId()) && e.signed()) {
                    signedIn = true;
                }
            }
        }
        return new Party(id, participantNames.getOrDefault(id, id), edocId, message, signedIn, lines);
    }

    // ---- the item as a labelled tree -------------------------------------------------------------------------

    private List<Node_> tree(Row r) {
        Element item = ItemFacts.parse(r.itemXml, xml).getDocumentElement();
        int[] ordinal = {0};
        return children(item, r.id, ordinal);
    }

    private List<Node_> children(Element e, long versionId, int[] ordinal) {
        List<Node_> out = new ArrayList<>();
        for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element ce) {
                out.add(node(ce, versionId, ordinal));
            }
        }
        return out;
    }

    private Node_ node(Element e, long versionId, int[] ordinal) {
        String local = local(e);
        Labels.Label l = labels.of(local);
        List<Node_> attrs = new ArrayList<>();
        NamedNodeMap map = e.getAttributes();
        for (int i = 0; i < map.getLength(); i++) {
            Attr a = (Attr) map.item(i);
            if (a.getName().startsWith("xmlns")) {
                continue;
            }
            Labels.Label al = labels.of(local(a));
            attrs.add(new Node_(local(a), al.ru(), al.en(), a.getValue(), List.of(), List.of(), null));
        }
        String name = e.getPrefix() == null ? local : e.getPrefix() + ":" + local;
        if (BINARY.contains(local)) {
            int n = ordinal[0]++;
            String media = e.hasAttribute("mediaTypeCode") ? e.getAttribute("mediaTypeCode") : "application/pdf";
            int bytes = (int) (e.getTextContent().replaceAll("\\s", "").length() * 3L / 4);
            Binary b = new Binary("/api/v1/versions/" + versionId + "/files/" + n, media, bytes, INLINE_IMAGES.contains(media));
            return new Node_(name, l.ru(), l.en(), null, attrs, List.of(), b);
        }
        List<Node_> kids = children(e, versionId, ordinal);
        String value = kids.isEmpty() ? e.getTextContent().strip() : null;
        return new Node_(name, l.ru(), l.en(), value, attrs, kids, null);
    }

    private static String local(Node n) {
        return n.getLocalName() != null ? n.getLocalName() : n.getNodeName().replaceFirst("^.*:", "");
    }

    private static void flatten(List<Node_> nodes, String path, String ru, String en, Map<String, String> flat,
                                Map<String, String[]> labelsOf) {
        Map<String, Integer> seen = new HashMap<>();
        for (Node_ n : nodes) {
            int i = seen.merge(n.xml(), 1, Integer::sum);
            String p = path + "/" + n.xml() + "[" + i + "]";
            String r = ru.isEmpty() ? n.ru() : ru + " › " + n.ru();
            String e = en.isEmpty() ? n.en() : en + " › " + n.en();
            labelsOf.put(p, new String[] {r, e});
            if (n.value() != null) {
                flat.put(p, n.value());
            }
            if (n.binary() != null) {
                flat.put(p, "[" + n.binary().mediaType() + ", " + n.binary().bytes() + " B]");
            }
            for (Node_ a : n.attrs()) {
                flat.put(p + "/@" + a.xml(), a.value());
                labelsOf.put(p + "/@" + a.xml(), new String[] {r + " › " + a.ru(), e + " › " + a.en()});
            }
            flatten(n.children(), p, r, e, flat, labelsOf);
        }
    }

    private static List<Sign> signs(List<Node_> fields) {
        List<Sign> out = new ArrayList<>();
        walk(fields, n -> {
            if (n.xml().endsWith("FalsificationSignDetails")) {
                String text = n.children().stream().filter(c -> c.xml().endsWith("DescriptionText")).map(Node_::value)
                        .findFirst().orElse(null);
                List<Binary> pics = n.children().stream().map(Node_::binary).filter(java.util.Objects::nonNull).toList();
                out.add(new Sign(text, pics));
            }
        });
        return out;
    }

    private static List<OfficialDoc> documents(List<Node_> fields) {
        List<OfficialDoc> out = new ArrayList<>();
        for (Node_ action : fields) {
            if (!action.xml().endsWith("AuthorityActionDetails")) {
                continue;
            }
            String description = child(action, "DescriptionText").map(Node_::value).orElse(null);
            Optional<Node_> doc = child(action, "OfficialDocDetails");
            if (doc.isEmpty()) {
                continue;
            }
            Node_ d = doc.get();
            out.add(new OfficialDoc(val(d, "DocId"), val(d, "DocName"), val(d, "DocCreationDate"), val(d, "DocValidityDate"),
                    val(d, "AuthorityId"), val(d, "AuthorityName"), description,
                    child(d, "DocBinaryText").map(Node_::binary).orElse(null)));
        }
        return out;
    }

    private static Optional<Node_> child(Node_ n, String local) {
        return n.children().stream().filter(c -> c.xml().endsWith(":" + local) || c.xml().equals(local)).findFirst();
    }

    private static String val(Node_ n, String local) {
        return child(n, local).map(Node_::value).orElse(null);
    }

    private static void walk(List<Node_> nodes, java.util.function.Consumer<Node_> f) {
        for (Node_ n : nodes) {
            f.accept(n);
            walk(n.children(), f);
        }
    }

    // ---- files -------------------------------------------------------------------------------------------------

    /** The n-th binary element (document order) of a version: a falsification picture or an official document. */
    public Optional<File> file(long versionId, int n) {
        List<String> items = jdbc.queryForList("SELECT item_xml FROM record_version WHERE id = ? AND audience <> 'TEST'", String.class, versionId);
        if (items.isEmpty()) {
            return Optional.empty();
        }
        Element item = ItemFacts.parse(items.get(0), xml).getDocumentElement();
        List<Element> found = new ArrayList<>();
        binaries(item, found);
        if (n < 0 || n >= found.size()) {
            return Optional.empty();
        }
        Element e = found.get(n);
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(e.getTextContent().strip());
        } catch (IllegalArgumentException ex) {
            return Optional.empty();
        }
        String local = local(e);
        String media = e.hasAttribute("mediaTypeCode") ? e.getAttribute("mediaTypeCode").strip().toLowerCase()
                : "application/pdf";
        if (!INLINE_IMAGES.contains(media) && !media.equals("application/pdf")) {
            media = "application/octet-stream";
        }
        if (media.equals("application/pdf") && !(bytes.length > 4 && bytes[0] == '%' && bytes[1] == 'P' && bytes[2] == 'D' && bytes[3] == 'F')) {
            media = "application/octet-stream";
        }
        String ext = switch (media) {
            case "application/pdf" -> ".pdf";
            case "image/png" -> ".png";
            case "image/jpeg" -> ".jpg";
            case "image/gif" -> ".gif";
            case "image/webp" -> ".webp";
            default -> ".bin";
        };
        String name = (local.equals("FalsificationSignPicture") ? "sign-" : "document-") + versionId + "-" + n + ext;
        return Optional.of(new File(bytes, media, name));
    }

    private static void binaries(Element e, List<Element> out) {
        for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element ce) {
                if (BINARY.contains(local(ce))) {
                    out.add(ce);
                } else {
                    binaries(ce, out);
                }
            }
        }
    }
}
