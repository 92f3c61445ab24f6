package eaeu.pmm03.client;

import eaeu.pmm03.contract.commission.ChangeRecord;
import eaeu.pmm03.contract.commission.CommissionPortType;
import eaeu.pmm03.contract.commission.ExcludeRecord;
import eaeu.pmm03.contract.commission.GetChanges;
import eaeu.pmm03.contract.commission.GetChangesResponse;
import eaeu.pmm03.contract.commission.GetRecords;
import eaeu.pmm03.contract.commission.GetRecordsResponse;
import eaeu.pmm03.contract.commission.GetUpdateTime;
import eaeu.pmm03.contract.commission.IncludeRecord;
import eaeu.pmm03.contract.csdo.UnifiedCountryCodeType;
import eaeu.pmm03.contract.drugmonitoring.DrugMonitoringDetails;
import eaeu.pmm03.contract.processingresult.ProcessingResultDetails;
import eaeu.pmm03.contract.resourcestatus.ResourceStatusDetails;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * Typed calls of the Commission's service, one per transaction. Submissions (MSG.001/002/003) answer the R.006
 * MSG.004 whatever the outcome; queries answer their document or throw {@link Pmm03Fault}. A document whose
 * EDocHeader is null gets a new one ({@link EDocHeaders}); every call has an asynchronous twin.
 */
public final class CommissionClient {

    /** Country code list of section VII of the rules. */
    public static final String COUNTRY_CODE_LIST = "P.CLS.019";

    private final CommissionPortType port;
    private final String language;
    private final ExecutorService async;
    private final String address;
    private final ClientSecurityConfigurer security;
    private final boolean soap12;

    CommissionClient(CommissionPortType port, String language, ExecutorService async, String address,
                     ClientSecurityConfigurer security, boolean soap12) {
        this.port = port;
        this.language = language;
        this.async = async;
        this.address = address;
        this.security = security;
        this.soap12 = soap12;
    }

    /** The generated JAX-WS port behind this facade. */
    public CommissionPortType port() {
        return port;
    }

    public String address() {
        return address;
    }

    /** The answer of GetRecords / GetChanges: the records (MSG.008 / MSG.011) or a "no data" R.006 (MSG.009 / MSG.012). */
    public record Records(DrugMonitoringDetails records, ProcessingResultDetails noData) {
        public boolean empty() {
            return records == null || records.getDrugMonitoringItemDetails().isEmpty();
        }

        public int size() {
            return records == null ? 0 : records.getDrugMonitoringItemDetails().size();
        }

        public String messageCode() {
            return records != null ? records.getEDocHeader().getInfEnvelopeCode()
                    : noData.getEDocHeader().getInfEnvelopeCode();
        }
    }

    // ---- TRN.001–003 -------------------------------------------------------------------------------------------

    /** P.MM.03.TRN.001: MSG.001 → MSG.004. */
    public ProcessingResultDetails include(DrugMonitoringDetails doc) {
        IncludeRecord r = new IncludeRecord();
        r.setDrugMonitoringDetails(header(doc, "P.MM.03.MSG.001"));
        return Faults.call(() -> port.includeRecord(r).getProcessingResultDetails());
    }

    /** P.MM.03.TRN.002: MSG.002 → MSG.004. */
    public ProcessingResultDetails change(DrugMonitoringDetails doc) {
        ChangeRecord r = new ChangeRecord();
        r.setDrugMonitoringDetails(header(doc, "P.MM.03.MSG.002"));
        return Faults.call(() -> port.changeRecord(r).getProcessingResultDetails());
    }

    /** P.MM.03.TRN.003: MSG.003 → MSG.004. */
    public ProcessingResultDetails exclude(DrugMonitoringDetails doc) {
        ExcludeRecord r = new ExcludeRecord();
        r.setDrugMonitoringDetails(header(doc, "P.MM.03.MSG.003"));
        return Faults.call(() -> port.excludeRecord(r).getProcessingResultDetails());
    }

    /** Sends MSG.001, 002 or 003 by the InfEnvelopeCode of the document's header. */
    public ProcessingResultDetails submit(DrugMonitoringDetails doc) {
        String code = doc.getEDocHeader().getInfEnvelopeCode();
        return switch (code) {
            case "P.MM.03.MSG.001" -> include(doc);
            case "P.MM.03.MSG.002" -> change(doc);
            case "P.MM.03.MSG.003" -> exclude(doc);
            default -> throw new IllegalArgumentException(code + " is not MSG.001, MSG.002 or MSG.003");
        };
    }

    // ---- TRN.004–006 -------------------------------------------------------------------------------------------

    /** P.MM.03.TRN.004: MSG.005 → MSG.006 (the date and time of the last update, for the countries or all). */
    public ResourceStatusDetails updateTime(String... countries) {
        GetUpdateTime r = new GetUpdateTime();
        r.setResourceStatusDetails(query("P.MM.03.MSG.005", null, countries));
        return Faults.call(() -> port.getUpdateTime(r).getResourceStatusDetails());
    }

    /**
     * P.MM.03.TRN.004 read as a time: the date and time of the last update of the countries' records (or of all),
     * empty when the node holds none.
     */
    public Optional<Instant> lastUpdate(String... countries) {
        return Optional.ofNullable(Dates.instant(updateTime(countries).getUpdateDateTime()));
    }

    /** P.MM.03.TRN.005: MSG.007 → MSG.008 or MSG.009, the records valid now. */
    public Records records(String... countries) {
        return records((Instant) null, countries);
    }

    /** P.MM.03.TRN.005: MSG.007 → MSG.008 or MSG.009; asOf (whole seconds, as a person enters it) null: now. */
    public Records records(OffsetDateTime asOf, String... countries) {
        return records(query("P.MM.03.MSG.007", asOf, countries));
    }

    /** P.MM.03.TRN.005 at an instant, sent to the microsecond; null: now. */
    public Records records(Instant asOf, String... countries) {
        return records(newQuery("P.MM.03.MSG.007", Dates.xml(asOf), countries));
    }

    private Records records(ResourceStatusDetails q) {
        GetRecords r = new GetRecords();
        r.setResourceStatusDetails(q);
        GetRecordsResponse a = Faults.call(() -> port.getRecords(r));
        return new Records(a.getDrugMonitoringDetails(), a.getProcessingResultDetails());
    }

    /** P.MM.03.TRN.006: MSG.010 → MSG.011 or MSG.012: the versions changed since the moment (whole seconds). */
    public Records changes(OffsetDateTime since, String... countries) {
        return changes(query("P.MM.03.MSG.010", since, countries));
    }

    /**
     * P.MM.03.TRN.006 since an instant read from a node (e.g. {@link #lastUpdate}), sent to the microsecond so that
     * no version of that same second is skipped or repeated.
     */
    public Records changes(Instant since, String... countries) {
        return changes(newQuery("P.MM.03.MSG.010", Dates.xml(since), countries));
    }

    private Records changes(ResourceStatusDetails q) {
        GetChanges r = new GetChanges();
        r.setResourceStatusDetails(q);
        GetChangesResponse a = Faults.call(() -> port.getChanges(r));
        return new Records(a.getDrugMonitoringDetails(), a.getProcessingResultDetails());
    }

    // ---- asynchronous twins ------------------------------------------------------------------------------------

    public CompletableFuture<ProcessingResultDetails> includeAsync(DrugMonitoringDetails doc) {
        return run(() -> include(doc));
    }

    public CompletableFuture<ProcessingResultDetails> changeAsync(DrugMonitoringDetails doc) {
        return run(() -> change(doc));
    }

    public CompletableFuture<ProcessingResultDetails> excludeAsync(DrugMonitoringDetails doc) {
        return run(() -> exclude(doc));
    }

    public CompletableFuture<ResourceStatusDetails> updateTimeAsync(String... countries) {
        return run(() -> updateTime(countries));
    }

    public CompletableFuture<Records> recordsAsync(OffsetDateTime asOf, String... countries) {
        return run(() -> records(asOf, countries));
    }

    public CompletableFuture<Records> changesAsync(OffsetDateTime since, String... countries) {
        return run(() -> changes(since, countries));
    }

    public CompletableFuture<Records> recordsAsync(String... countries) {
        return run(() -> records(countries));
    }

    public CompletableFuture<Records> recordsAsync(Instant asOf, String... countries) {
        return run(() -> records(asOf, countries));
    }

    public CompletableFuture<Records> changesAsync(Instant since, String... countries) {
        return run(() -> changes(since, countries));
    }

    public CompletableFuture<Optional<Instant>> lastUpdateAsync(String... countries) {
        return run(() -> lastUpdate(countries));
    }

    private <T> CompletableFuture<T> run(Supplier<T> s) {
        return CompletableFuture.supplyAsync(s, async);
    }

    // ---- documents ---------------------------------------------------------------------------------------------

    private DrugMonitoringDetails header(DrugMonitoringDetails doc, String msg) {
        if (doc.getEDocHeader() == null) {
            doc.setEDocHeader(EDocHeaders.of(msg).language(language).build());
        }
        return doc;
    }

    /** An R.007 query document with a new header, an optional moment (whole seconds) and countries. */
    public ResourceStatusDetails query(String msg, OffsetDateTime at, String... countries) {
        return newQuery(msg, Dates.xml(at), countries);
    }

    private ResourceStatusDetails newQuery(String msg, javax.xml.datatype.XMLGregorianCalendar at, String... countries) {
        ResourceStatusDetails q = new ResourceStatusDetails();
        q.setEDocHeader(EDocHeaders.of(msg).language(language).build());
        q.setUpdateDateTime(at);
        for (String c : countries == null ? new String[0] : countries) {
            q.getUnifiedCountryCode().add(country(c));
        }
        return q;
    }

    public static UnifiedCountryCodeType country(String code) {
        UnifiedCountryCodeType c = new UnifiedCountryCodeType();
        c.setValue(code.toUpperCase());
        c.setCodeListId(COUNTRY_CODE_LIST);
        return c;
    }

    static List<String> list(String... s) {
        return s == null ? List.of() : List.of(s);
    }
}
