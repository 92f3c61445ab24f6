package eaeu.pmm03.server.commission;

import eaeu.pmm03.contract.csdo.UnifiedCountryCodeType;
import eaeu.pmm03.contract.drugmonitoring.DrugMonitoringDetails;
import eaeu.pmm03.contract.hccdo.DrugMonitoringItemDetailsType;
import eaeu.pmm03.contract.process.ProcessTable;
import eaeu.pmm03.contract.processingresult.ProcessingResultDetails;
import eaeu.pmm03.contract.resourcestatus.ResourceStatusDetails;
import eaeu.pmm03.contract.xml.ContractJaxb;
import eaeu.pmm03.server.journal.JournalEntry;
import eaeu.pmm03.server.journal.MessageJournal;
import eaeu.pmm03.server.pipeline.HeaderStage;
import eaeu.pmm03.server.pipeline.Idempotency;
import eaeu.pmm03.server.pipeline.Inbound;
import eaeu.pmm03.server.pipeline.Rejection;
import eaeu.pmm03.server.pipeline.RulesStage;
import eaeu.pmm03.server.pipeline.SchemaStage;
import eaeu.pmm03.server.pipeline.XmlText;
import eaeu.pmm03.server.registry.Provenance;
import eaeu.pmm03.server.registry.RecordData;
import eaeu.pmm03.server.registry.RecordKeyLocks;
import eaeu.pmm03.server.registry.StoredVersion;
import eaeu.pmm03.server.registry.Utc;
import eaeu.pmm03.server.registry.UnifiedDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The Commission's side of TRN.001–006: the inbound pipeline (schema → header → idempotency → authorization →
 * fill rules) and the unified database operations OPR.002/006/010/014/017/020.
 */
@Service
public class CommissionService {

    private static final Logger log = LoggerFactory.getLogger(CommissionService.class);
    private static final ProcessTable TABLE = ProcessTable.get();
    static final String MSG_INCLUDE = "P.MM.03.MSG.001";
    static final String MSG_CHANGE = "P.MM.03.MSG.002";
    static final String MSG_EXCLUDE = "P.MM.03.MSG.003";
    static final String MSG_RESULT = "P.MM.03.MSG.004";
    static final String MSG_UPDATE_TIME = "P.MM.03.MSG.006";
    static final String MSG_RECORDS = "P.MM.03.MSG.008";
    static final String MSG_NO_RECORDS = "P.MM.03.MSG.009";
    static final String MSG_CHANGES = "P.MM.03.MSG.011";
    static final String MSG_NO_CHANGES = "P.MM.03.MSG.012";
    /** The code designation of the classifier of countries in section VII of the rules (seed ru 9312). */
    public static final String COUNTRY_CODE_LIST = "P.CLS.019";
    /** Journal result of a stored item left out of a MSG.008/011 answer because it cannot be written (D-103). */
    public static final String ITEM_SKIPPED = "ITEM_SKIPPED";

    private final SchemaStage schema;
    private final HeaderStage header;
    private final RulesStage rules;
    private final UnifiedDatabase db;
    private final MessageJournal journal;
    private final Idempotency idempotency;
    private final RecordKeyLocks locks;
    private final eaeu.pmm03.security.xml.HardenedXml hardenedXml;
    private final io.micrometer.core.instrument.Counter skippedItems;
    private final eaeu.pmm03.server.registry.TestParticipants testParticipants;

    public CommissionService(SchemaStage schema, HeaderStage header, RulesStage rules, UnifiedDatabase db,
                             MessageJournal journal, Idempotency idempotency, RecordKeyLocks locks,
                             eaeu.pmm03.security.xml.HardenedXml hardenedXml,
                             io.micrometer.core.instrument.MeterRegistry meters,
                             eaeu.pmm03.server.registry.TestParticipants testParticipants) {
        this.hardenedXml = hardenedXml;
        this.skippedItems = meters.counter("pmm03.export.items.skipped");
        this.testParticipants = testParticipants;
        this.schema = schema;
        this.header = header;
        this.rules = rules;
        this.db = db;
        this.journal = journal;
        this.idempotency = idempotency;
        this.locks = locks;
    }

    /** The answer of a query that found data: a header and the versions, streamed when written. */
    public record Items(String messageCode, eaeu.pmm03.contract.ccdo.EDocHeaderType header,
                       Iterator<StoredVersion> versions, Runnable close,
                       java.util.function.BiConsumer<StoredVersion, String> skipped) {
        public Items(String messageCode, eaeu.pmm03.contract.ccdo.EDocHeaderType header,
                     Iterator<StoredVersion> versions, Runnable close) {
            this(messageCode, header, versions, close, (v, why) -> { });
        }
    }

    /** MSG.008/011 (items) or MSG.009/012 (none). */
    public record QueryAnswer(Items items, ProcessingResultDetails none) {}

    // ---- TRN.001–003: include, change, exclude → MSG.004 -------------------------------------------------------

    /**
     * Always answers MSG.004: the result, or the specific reason of a refusal. Order of the checks (D-51): schema,
     * header, authorization, idempotency (the EDocId is claimed, D-130), then — holding the record key's lock
     * (D-131) — the fill rules and the unified database, so that the rules on existing records (12.4, 13.4, 14.2)
     * are judged against the state the previous write of the same key left.
     */
    public ProcessingResultDetails submit(Inbound in) {
        String refId = in.edocId();
        Idempotency.Claim claim = null;
        try {
            schema.validate(in.document(), TABLE.message(in.messageCode()).structure());
            DrugMonitoringDetails doc = ContractJaxb.fromDom(in.document(), DrugMonitoringDetails.class);
            header.check(in.messageCode(), in.rootName(), doc.getEDocHeader());
            authorizeWrite(in, doc);
            rules.checkCodes(in.document());
            claim = idempotency.claim(in);
            if (claim.repeated()) {
                return ContractJaxb.fromDom(parse(claim.answer()), ProcessingResultDetails.class);
            }
            ProcessingResultDetails answer = apply(in, doc, claim);
            claim = null;
            return answer;
        } catch (Rejection r) {
            idempotency.release(claim);
            return refuse(in, refId, r);
        } catch (RuntimeException e) {
            idempotency.release(claim);
            throw e;
        }
    }

    private void authorizeWrite(Inbound in, DrugMonitoringDetails doc) {
        if (!in.sender().isAuthority()) {
            throw new Rejection("ERR_NOT_AUTHORIZED", null, null,
                    "только уполномоченный орган государства-члена может изменять единую базу данных",
                    "only an authority of a member state may change the unified database");
        }
        int i = 0;
        for (DrugMonitoringItemDetailsType item : doc.getDrugMonitoringItemDetails()) {
            i++;
            UnifiedCountryCodeType c = item.getUnifiedCountryCode();
            String country = c == null ? null : c.getValue();
            if (!in.sender().mayWriteCountry(country)) {
                throw new Rejection("ERR_NOT_AUTHORIZED", null,
                        "/DrugMonitoringDetails/DrugMonitoringItemDetails[" + i + "]/UnifiedCountryCode",
                        "уполномоченный орган " + in.sender().country() + " не может изменять сведения страны " + country,
                        "the authority of " + in.sender().country() + " may not change records of country " + country);
            }
        }
    }

    private ProcessingResultDetails apply(Inbound in, DrugMonitoringDetails doc, Idempotency.Claim claim) {
        Provenance by = new Provenance(in.sender().id(), in.edocId(), in.messageCode(), in.envelope().signed(),
                testParticipants.audienceOf(in.sender().id()));
        List<Element> itemElements = itemElements(in);
        List<String> keys = new ArrayList<>();
        for (DrugMonitoringItemDetailsType item : doc.getDrugMonitoringItemDetails()) {
            keys.add(RecordMapper.key(item).hash());
        }
        try {
            // every item made ready before the transaction: its first write takes the update clock's lock, which
            // every writer waits for until it commits (D-236), and the record keys are locked until then too
            List<RecordData> items = new ArrayList<>();
            for (int i = 0; i < doc.getDrugMonitoringItemDetails().size(); i++) {
                Element element = itemElements.get(i);
                items.add(RecordMapper.data(doc.getDrugMonitoringItemDetails().get(i), XmlText.serialize(element),
                        element));
            }
            return locks.write(keys, () -> {
                rules.check(in.messageCode(), doc, db);
                Instant at = null;
                String code = null;
                for (RecordData data : items) {
                    switch (in.messageCode()) {
                        case MSG_INCLUDE -> { at = db.include(data, by).createdAt(); code = "INCLUDED"; }
                        case MSG_CHANGE -> { at = db.change(data, by).createdAt(); code = "CHANGED"; }
                        case MSG_EXCLUDE -> {
                            at = db.exclude(data.key(), data.endDateTime(), by).closedAt();
                            code = "EXCLUDED";
                        }
                        default -> throw new IllegalArgumentException("not a submission: " + in.messageCode());
                    }
                }
                ProcessingResultDetails answer = Documents.result(MSG_RESULT, in.edocId(), at, code, Documents.describe(code));
                String answerXml = ContractJaxb.toXml(answer, false);
                idempotency.complete(claim, MSG_RESULT, answerXml);
                // the message and its answer: one batch in the transaction that applies the message
                journal.record(in.journalLine().result(code, null).build(),
                        outLine(in, MSG_RESULT, answer.getEDocHeader().getEDocId(), code, answerXml).build());
                return answer;
            });
        } catch (UnifiedDatabase.ConflictException e) {
            throw new Rejection("ERR_RULE", e.rule(), e.path(), e.textRu(), e.textEn());
        } catch (UnifiedDatabase.SandboxException e) {
            // D-157: test records and the unified database proper never touch each other
            throw new Rejection("ERR_NOT_AUTHORIZED", null, "/DrugMonitoringDetails/DrugMonitoringItemDetails",
                    in.sender().id() + (testParticipants.isTest(in.sender().id())
                            ? ": тестовый участник может изменять и исключать только тестовые записи"
                            : ": тестовую запись изменяет и исключает только тестовый участник"),
                    in.sender().id() + ": " + e.getMessage() + " (decision D-157)");
        }
    }

    private ProcessingResultDetails refuse(Inbound in, String refId, Rejection r) {
        ProcessingResultDetails answer = Documents.refusal(MSG_RESULT, refId, r.resultCode(), r.description());
        String xml = ContractJaxb.toXml(answer, false);
        journal.recordAlone(in.journalLine().result(r.resultCode(), r.description()).build(),
                outLine(in, MSG_RESULT, answer.getEDocHeader().getEDocId(), r.resultCode(), xml).build());
        log.info("refused {} {} from {}: {}", in.messageCode(), refId, in.sender().id(), r.getMessage());
        return answer;
    }

    // ---- TRN.004–006: queries ----------------------------------------------------------------------------------

    /** MSG.005 → MSG.006. */
    public ResourceStatusDetails updateTime(Inbound in) {
        ResourceStatusDetails req = readQuery(in);
        List<String> countries = countries(req);
        Optional<Instant> t = db.updateTime(countries);
        ResourceStatusDetails answer = Documents.status(MSG_UPDATE_TIME, in.edocId(), t.orElse(null), countries,
                COUNTRY_CODE_LIST);
        // D-249: the answer line says what the answer says (its EDocId is on the line), not a copy of it
        journal.recordAlone(in.journalLine().result("OK", null).build(),
                answerLine(in, MSG_UPDATE_TIME, answer.getEDocHeader().getEDocId(), "OK", "UpdateDateTime "
                        + t.map(Instant::toString).orElse("none (never updated)") + "; countries "
                        + (countries.isEmpty() ? "all" : String.join(",", countries))).build());
        return answer;
    }

    /** MSG.007 → MSG.008 (records valid at the date, now when none is given) or MSG.009. */
    public QueryAnswer records(Inbound in) {
        ResourceStatusDetails req = readQuery(in);
        Instant at = req.getUpdateDateTime() == null ? Instant.now() : Times.query(req.getUpdateDateTime());
        // D-102: before the stored range nothing was valid; after it, what is valid at its end
        Stream<StoredVersion> rows = at.isBefore(Utc.MIN) ? Stream.empty()
                : db.asOf(at.isAfter(Utc.MAX) ? Utc.MAX : at, countries(req));
        return answer(in, rows, MSG_RECORDS, MSG_NO_RECORDS);
    }

    /** MSG.010 → MSG.011 (every version created or closed from the date on, D-135; all without a date) or MSG.012. */
    public QueryAnswer changes(Inbound in) {
        ResourceStatusDetails req = readQuery(in);
        Instant after = req.getUpdateDateTime() == null ? null : Times.query(req.getUpdateDateTime());
        // D-102: nothing changed after the end of the stored range; everything changed after a moment before it
        Stream<StoredVersion> rows = after != null && !after.isBefore(Utc.MAX) ? Stream.empty()
                : db.since(after != null && after.isBefore(Utc.MIN) ? null : after, countries(req));
        return answer(in, rows, MSG_CHANGES, MSG_NO_CHANGES);
    }

    private QueryAnswer answer(Inbound in, Stream<StoredVersion> rows, String itemsMessage, String noneMessage) {
        Iterator<StoredVersion> it = rows.iterator();
        boolean any;
        try {
            any = it.hasNext();
        } catch (RuntimeException e) {
            rows.close();
            throw e;
        }
        // D-249: the lines of a query say what its answer holds, never a copy of the answer
        if (!any) {
            rows.close();
            ProcessingResultDetails none = Documents.result(noneMessage, in.edocId(), null, "NO_DATA",
                    Documents.describe("NO_DATA"));
            // the query and its answer: one statement
            journal.recordAlone(in.journalLine().result("OK", null).build(),
                    answerLine(in, noneMessage, none.getEDocHeader().getEDocId(), "NO_DATA", null).build());
            return new QueryAnswer(null, none);
        }
        var h = Documents.header(itemsMessage, in.edocId());
        // the query's line (stamped now) and the answer's go as one statement when the answer has been written: only
        // then are its versions known, and a query costs one journal write as before (D-217)
        JournalEntry query = in.journalLine().result("OK", null).build();
        Written written = new Written(it);
        Runnable close = () -> {
            try {
                rows.close();
            } finally {
                journalAnswer(in, query, itemsMessage, h.getEDocId(), written);
            }
        };
        return new QueryAnswer(new Items(itemsMessage, h, written, close, (v, why) -> {
            written.skipped(v);
            skipped(in, itemsMessage, v, why);
        }), null);
    }

    /**
     * The lines of a MSG.007/010 and its MSG.008/011 (D-249): the query, and how many versions the answer got, which
     * ones, whether it completed. Written once the answer has been; if that fails, the answer has gone out: the
     * failure is logged (ERROR) with what the lines say.
     */
    private void journalAnswer(Inbound in, JournalEntry query, String message, String edocId, Written w) {
        String summary = w.summary();
        try {
            journal.recordAlone(query, answerLine(in, message, edocId, w.complete() ? "OK" : "INCOMPLETE", summary).build());
        } catch (RuntimeException e) {
            log.error("{} {} answered to {} ({}), but its journal lines could not be written: {}", message, edocId,
                    in.sender().id(), summary, e.toString(), e);
        }
    }

    /**
     * The versions of a MSG.008/011 answer as it is written, in constant memory (D-249): their number, their ids
     * in the answer's order as runs of consecutive ids ("101-120,7,9"; cut at the journal's text limit) and the
     * SHA-256 of all of them (each id in decimal followed by a line feed), which identifies the list however long.
     * A version is counted when the writer asks for the next one (or for the end) without having skipped it.
     */
    static final class Written implements Iterator<StoredVersion> {
        private final Iterator<StoredVersion> rows;
        private final java.security.MessageDigest sha;
        private final StringBuilder runs = new StringBuilder();
        private StoredVersion pending;
        private long count;
        private long runStart = -1;
        private long runEnd = -1;
        private long cut;
        private boolean complete;

        Written(Iterator<StoredVersion> rows) {
            this.rows = rows;
            try {
                this.sha = java.security.MessageDigest.getInstance("SHA-256");
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public boolean hasNext() {
            commit();
            boolean more = rows.hasNext();
            if (!more) {
                complete = true;
            }
            return more;
        }

        @Override
        public StoredVersion next() {
            commit();
            pending = rows.next();
            return pending;
        }

        /** The last version handed out is left out of the answer (D-103). */
        void skipped(StoredVersion v) {
            if (pending == v) {
                pending = null;
            }
        }

        boolean complete() {
            return complete;
        }

        private void commit() {
            if (pending == null) {
                return;
            }
            long id = pending.id();
            pending = null;
            count++;
            sha.update((id + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            if (runEnd >= 0 && id == runEnd + 1) {
                runEnd = id;
                return;
            }
            flushRun();
            runStart = id;
            runEnd = id;
        }

        private void flushRun() {
            if (runStart < 0) {
                return;
            }
            String run = runStart == runEnd ? Long.toString(runStart) : runStart + "-" + runEnd;
            if (cut == 0 && runs.length() + run.length() + 1 <= JournalEntry.RESULT_TEXT_MAX - 200) {
                runs.append(runs.isEmpty() ? "" : ",").append(run);
            } else {
                cut += runEnd - runStart + 1;
            }
        }

        /** What was written; a version being written when the answer broke off is not counted. */
        String summary() {
            pending = null;
            flushRun();
            runStart = -1;
            runEnd = -1;
            String ids = runs + (cut == 0 ? "" : ", and " + cut + " more");
            return count + " version(s) written" + (complete ? "" : " before the answer broke off")
                    + (count == 0 ? "" : ": ids " + ids + "; SHA-256 of the ids "
                    + java.util.HexFormat.of().formatHex(sha.digest()));
        }
    }

    /**
     * A stored item that cannot be written into an answer (D-103): left out of this answer, logged, journaled as
     * ITEM_SKIPPED with the version and the reason, and counted; the answer goes on for everyone else.
     */
    private void skipped(Inbound in, String message, StoredVersion v, String why) {
        skippedItems.increment();
        String text = "version " + v.id() + " of record " + v.recordId() + " left out: " + why;
        log.error("{} to {}: stored item skipped, {}", message, in.sender().id(), text);
        try {
            journal.recordAlone(JournalEntry.out().message(message).edocRefId(in.edocId()).peer(in.sender().id())
                    .result(ITEM_SKIPPED, text.length() <= JournalEntry.RESULT_TEXT_MAX ? text
                            : text.substring(0, JournalEntry.RESULT_TEXT_MAX)).build());
        } catch (RuntimeException e) {
            log.error("could not journal the skipped item", e);
        }
    }

    private ResourceStatusDetails readQuery(Inbound in) {
        if (!in.sender().isAuthority()) {
            Rejection r = new Rejection("ERR_NOT_AUTHORIZED", null, null,
                    "запрашивать сведения единой базы данных может только уполномоченный орган",
                    "only an authority of a member state may query the unified database");
            journal.recordAlone(in.journalLine().result(r.resultCode(), r.description()).build());
            throw r;
        }
        try {
            schema.validate(in.document(), TABLE.message(in.messageCode()).structure());
            ResourceStatusDetails req = ContractJaxb.fromDom(in.document(), ResourceStatusDetails.class);
            header.check(in.messageCode(), in.rootName(), req.getEDocHeader());
            return req;
        } catch (Rejection r) {
            journal.recordAlone(in.journalLine().result(r.resultCode(), r.description()).build());
            throw r;
        }
    }

    private static List<String> countries(ResourceStatusDetails req) {
        List<String> l = new ArrayList<>();
        for (UnifiedCountryCodeType c : req.getUnifiedCountryCode()) {
            if (!l.contains(c.getValue())) {
                l.add(c.getValue());
            }
        }
        return l;
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private static List<Element> itemElements(Inbound in) {
        List<Element> l = new ArrayList<>();
        for (Node c = in.document().getDocumentElement().getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element e && "DrugMonitoringItemDetails".equals(e.getLocalName())) {
                l.add(e);
            }
        }
        return l;
    }

    private JournalEntry.Builder outLine(Inbound in, String messageCode, String edocId, String result, String xml) {
        Inbound.Envelope e = in.envelope();
        return JournalEntry.out().message(messageCode).edocId(edocId).edocRefId(in.edocId()).peer(in.sender().id())
                .conversationId(e.conversationId()).procedureId(e.procedureId()).result(result, null)
                .content(xml == null ? null : XmlText.sha256(xml), xml);
    }

    /** The line of a query's answer (D-249): identified by its EDocId and what it holds, without its text. */
    private JournalEntry.Builder answerLine(Inbound in, String messageCode, String edocId, String result, String text) {
        Inbound.Envelope e = in.envelope();
        return JournalEntry.out().message(messageCode).edocId(edocId).edocRefId(in.edocId()).peer(in.sender().id())
                .conversationId(e.conversationId()).procedureId(e.procedureId()).result(result, text);
    }

    private org.w3c.dom.Document parse(String xml) {
        try {
            return hardenedXml.parse(new java.io.ByteArrayInputStream(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (org.xml.sax.SAXException | java.io.IOException e) {
            throw new IllegalStateException("stored answer unreadable", e);
        }
    }
}
