package eaeu.pmm03.client.conformance;

import eaeu.pmm03.client.AuthorityClient;
import eaeu.pmm03.client.ClientSecurityConfigurer;
import eaeu.pmm03.client.CommissionClient;
import eaeu.pmm03.client.Dates;
import eaeu.pmm03.client.EDocHeaders;
import eaeu.pmm03.client.Pmm03Client;
import eaeu.pmm03.client.Pmm03Fault;
import eaeu.pmm03.client.RawSoap;
import eaeu.pmm03.client.Results;
import eaeu.pmm03.contract.ccdo.PeriodDetailsType;
import eaeu.pmm03.contract.counterfeitdrug.CounterfeitDrugCorrespondenceDetails;
import eaeu.pmm03.contract.drugmonitoring.DrugMonitoringDetails;
import eaeu.pmm03.contract.hccdo.DrugMonitoringItemDetailsType;
import eaeu.pmm03.contract.processingresult.ProcessingResultDetails;
import eaeu.pmm03.contract.resourcestatus.ResourceStatusDetails;
import eaeu.pmm03.contract.samples.Samples;
import eaeu.pmm03.contract.xml.ContractJaxb;
import eaeu.pmm03.client.Documents;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Runs every transaction of a role against an endpoint, with negative cases (rule violations, a record of another
 * country, a reused EDocId, a schema-invalid document, a wrong password), and reports PASS/FAIL per message code and
 * rule. The documents are the project's samples ({@link Samples}) with a unique trade name per run.
 */
public final class ConformanceRunner {

    public enum Role { COMMISSION, AUTHORITY }

    /** What a case expects: the answer message ("MSG.004"), the result code and, for ERR_RULE, the rule. */
    public record Expect(String message, String code, String rule) {
        @Override
        public String toString() {
            return (message == null ? "" : message + " ") + code;
        }
    }

    /** What came back: the answer message (or "fault"), the result code, the rule named, the text. */
    public record Observed(String message, String code, String rule, String text) {
        static Observed of(ProcessingResultDetails r) {
            String m = r.getEDocHeader() == null ? "?" : shortCode(r.getEDocHeader().getInfEnvelopeCode());
            return new Observed(m, r.getProcessingResultV2Code(), Results.rule(r.getDescriptionText()),
                    r.getDescriptionText());
        }

        static Observed of(Pmm03Fault f) {
            // a refused UsernameToken: a WS-Security fault, or (SOAP 1.2) the subcode pmm:ERR_NOT_AUTHENTICATED
            String code = "ERR_NOT_AUTHENTICATED".equals(f.resultCode()) || f.resultCode() == null && f.security()
                    ? "SECURITY" : f.resultCode() != null ? f.resultCode() : "no pmm03 code";
            return new Observed("fault", code, f.rule(), f.getMessage());
        }

        @Override
        public String toString() {
            return (message == null || message.isEmpty() ? "" : message + " ") + code;
        }
    }

    /** One row of the table. */
    public record Result(int n, String message, String title, Expect expected, Observed observed, boolean pass,
                         String detail) {}

    public record Report(Role role, String endpoint, String user, List<Result> results, List<String> notes) {
        public boolean passed() {
            return !results.isEmpty() && results.stream().allMatch(Result::pass);
        }

        public long failures() {
            return results.stream().filter(r -> !r.pass()).count();
        }

        /** The PASS/FAIL table by message code and rule number. */
        public String table() {
            StringBuilder sb = new StringBuilder();
            sb.append("Conformance of ").append(endpoint).append(", role ")
                    .append(role == Role.COMMISSION ? "Commission" : "Authority").append(", as ").append(user)
                    .append('\n');
            String fmt = "%-3s %-8s %-52s %-17s %-25s %-25s %s%n";
            sb.append(String.format(fmt, "#", "message", "case", "rule", "expected", "got", "result"));
            for (Result r : results) {
                sb.append(String.format(fmt, r.n(), r.message(), cut(r.title(), 52),
                        r.expected().rule() == null ? "-" : r.expected().rule(), cut(r.expected().toString(), 25),
                        r.observed() == null ? "-" : cut(r.observed().toString(), 25), r.pass() ? "PASS" : "FAIL"));
                if (!r.pass() && r.detail() != null) {
                    sb.append("      ").append(cut(r.detail().replace('\n', ' '), 200)).append('\n');
                }
            }
            for (String n : notes) {
                sb.append("note: ").append(n).append('\n');
            }
            long fail = failures();
            sb.append(results.size()).append(" cases: ").append(results.size() - fail).append(" PASS, ")
                    .append(fail).append(" FAIL\n");
            return sb.toString();
        }
    }

    @FunctionalInterface
    private interface Body {
        Observed run() throws Exception;
    }

    private final String endpoint;
    private final String user;
    private final String password;
    private final String country;
    private final boolean soap12;
    private final ClientSecurityConfigurer security;
    private final Duration timeout;
    private final List<Result> results = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private String answerTo;
    private String otherUser;
    private String otherPassword;

    /** How many copies / writes the concurrency cases send at once (issue #13, D-130, D-131). */
    public static final int CONCURRENT = 8;

    /**
     * @param endpoint the service of the role (…/ws/commission or an authority's …/ws/authority)
     * @param country  the country of the authority the user acts for (records are made for it)
     */
    public ConformanceRunner(String endpoint, String user, String password, String country, boolean soap12,
                             Duration timeout) {
        this.endpoint = endpoint;
        this.user = user;
        this.password = password;
        this.country = country.toUpperCase(Locale.ROOT);
        this.soap12 = soap12;
        this.security = ClientSecurityConfigurer.usernameToken(user, password);
        this.timeout = timeout;
    }

    /**
     * Authority role: the EDocId of a MSG.014 that the endpoint's authority sent to this user; the MSG.016 cases
     * then answer it and expect PROCESSED (without it they are left out: a MSG.016 must answer such a request).
     */
    public ConformanceRunner answering(String requestEDocId) {
        this.answerTo = requestEDocId == null || requestEDocId.isBlank() ? null : requestEDocId.trim();
        return this;
    }

    /**
     * Commission role: the credentials of another authority (of another country); the authorization case then
     * re-sends this user's document as that participant and expects ERR_NOT_AUTHORIZED, not the stored answer
     * (D-51). Without them the case is left out.
     */
    public ConformanceRunner otherParticipant(String user, String password) {
        this.otherUser = user == null || user.isBlank() ? null : user;
        this.otherPassword = password;
        return this;
    }

    public Report run(Role role) {
        results.clear();
        notes.clear();
        if (role == Role.COMMISSION) {
            commission();
        } else {
            authority();
        }
        return new Report(role, endpoint, user, List.copyOf(results), List.copyOf(notes));
    }

    private Pmm03Client client(ClientSecurityConfigurer s) {
        Pmm03Client.Builder b = Pmm03Client.builder().soap12(soap12).security(s).timeout(timeout);
        return b.commission(endpoint).authority(endpoint).build();
    }

    // ---- Commission --------------------------------------------------------------------------------------------

    private void commission() {
        try (Pmm03Client pmm03 = client(security); Pmm03Client intruder = client(
                ClientSecurityConfigurer.usernameToken(user, password + "-wrong"))) {
            CommissionClient c = pmm03.commission();
            RawSoap raw = pmm03.rawCommission();
            String name = "Conformance-" + UUID.randomUUID().toString().substring(0, 8);
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
            OffsetDateTime t0 = now.minusDays(2);
            OffsetDateTime t1 = now.minusDays(1);
            OffsetDateTime before = now.minusMinutes(5);
            String other = otherCountry(country);

            DrugMonitoringDetails include = record("MSG.001", name, t0, null);
            check("MSG.001", "include a new record", new Expect("MSG.004", "INCLUDED", null), () -> {
                ProcessingResultDetails r = c.include(include);
                require(Objects.equals(r.getEDocHeader().getEDocRefId(), include.getEDocHeader().getEDocId()),
                        "EDocRefId of the answer is not the EDocId of the request");
                return Observed.of(r);
            });
            check("MSG.001", "the same document again (same EDocId) is idempotent",
                    new Expect("MSG.004", "INCLUDED", null), () -> submit(c, include));
            check("MSG.001", "same EDocId, different content", new Expect("MSG.004", "ERR_DUPLICATE_ID", null), () -> {
                DrugMonitoringDetails d = record("MSG.001", name + "-other", t0, null);
                d.getEDocHeader().setEDocId(include.getEDocHeader().getEDocId());
                return submit(c, d);
            });
            check("MSG.001", "the same record again with a new EDocId",
                    rule("table 12, rule 4"), () -> submit(c, record("MSG.001", name, t0, null)));
            check("MSG.001", "two DrugMonitoringItemDetails", rule("table 12, rule 1"), () -> {
                DrugMonitoringDetails d = record("MSG.001", name + "-2", t0, null);
                d.getDrugMonitoringItemDetails().add(record("MSG.001", name + "-3", t0, null)
                        .getDrugMonitoringItemDetails().get(0));
                return submit(c, d);
            });
            check("MSG.001", "StartDateTime empty", rule("table 12, rule 2"),
                    () -> submit(c, mutate(record("MSG.001", name + "-4", t0, null), d -> period(d).setStartDateTime(null))));
            check("MSG.001", "EndDateTime filled", rule("table 12, rule 3"),
                    () -> submit(c, record("MSG.001", name + "-5", t0, t1)));
            check("MSG.001", "UnifiedCountryCode of another code list", rule("table 12, rule 5"),
                    () -> submit(c, mutate(record("MSG.001", name + "-6", t0, null),
                            d -> item(d).getUnifiedCountryCode().setCodeListId("P.CLS.020"))));
            check("MSG.001", "neither DrugTradeName nor DrugNameDetails", rule("table 12, rule 22"),
                    () -> submit(c, mutate(record("MSG.001", name + "-7", t0, null), d -> {
                        item(d).getDrugMonitoringDetails().get(0).setDrugTradeName(null);
                        item(d).getDrugMonitoringDetails().get(0).getDrugNameDetails().clear();
                    })));
            check("MSG.001", "a record of another country (" + other + ")",
                    new Expect("MSG.004", "ERR_NOT_AUTHORIZED", null), () -> submit(c, mutate(
                            record("MSG.001", name + "-8", t0, null),
                            d -> item(d).setUnifiedCountryCode(CommissionClient.country(other)))));
            check("MSG.001", "schema-invalid document (StatusLowQualityCode 04)",
                    new Expect("MSG.004", "ERR_SCHEMA", null), () -> {
                        String xml = Samples.byFile("invalid-status-code-04.xml").text()
                                .replaceAll("<csdo:EDocId>[^<]*</csdo:EDocId>",
                                        "<csdo:EDocId>" + UUID.randomUUID() + "</csdo:EDocId>");
                        return raw(raw.send("IncludeRecord", raw.wrap("IncludeRecord", xml)));
                    });
            check("MSG.001", "InfEnvelopeCode MSG.002 sent as IncludeRecord",
                    new Expect("MSG.004", "ERR_HEADER", null), () -> {
                        DrugMonitoringDetails d = record("MSG.002", name + "-9", t0, null);
                        return Observed.of(c.include(d));
                    });
            check("MSG.001", "wrong password (WS-Security UsernameToken)", new Expect("fault", "SECURITY", null),
                    () -> submit(intruder.commission(), record("MSG.001", name + "-10", t0, null)));

            check("MSG.002", "change the record", new Expect("MSG.004", "CHANGED", null),
                    () -> submit(c, record("MSG.002", name, t1, null)));
            check("MSG.002", "change a record the database does not hold", rule("table 13, rule 4"),
                    () -> submit(c, record("MSG.002", name + "-absent", t1, null)));

            concurrency(name, t0, now);
            if (otherUser != null) {
                check("MSG.001", "the same document re-sent by " + otherUser + " (another participant)",
                        new Expect("MSG.004", "ERR_NOT_AUTHORIZED", null), () -> {
                            try (Pmm03Client o = client(ClientSecurityConfigurer.usernameToken(otherUser, otherPassword))) {
                                return submit(o.commission(), include);
                            }
                        });
            } else {
                notes.add("authorization before the stored answer not checked: give another participant's credentials"
                        + " (--other-user, --other-password)");
            }

            check("MSG.005", "update time", new Expect("MSG.006", "UpdateDateTime", null), () -> {
                ResourceStatusDetails r = c.updateTime(country);
                require(r.getUpdateDateTime() != null, "MSG.006 without UpdateDateTime");
                require(!Dates.instant(r.getUpdateDateTime()).isBefore(before.toInstant()),
                        "UpdateDateTime " + r.getUpdateDateTime() + " is before the change just made");
                return new Observed(shortCode(r.getEDocHeader().getInfEnvelopeCode()), "UpdateDateTime", null, null);
            });
            check("MSG.007", "records now, of the country", new Expect("MSG.008", "record found", null), () -> {
                CommissionClient.Records r = c.records(country);
                return found(r, name, true);
            });
            check("MSG.007", "records as of 1990", new Expect("MSG.009", "NO_DATA", null),
                    () -> records(c.records(OffsetDateTime.parse("1990-01-01T00:00:00Z"), country)));
            check("MSG.010", "changes since before the include", new Expect("MSG.011", "record found", null),
                    () -> found(c.changes(before, country), name, false));
            check("MSG.010", "changes since tomorrow", new Expect("MSG.012", "NO_DATA", null),
                    () -> records(c.changes(now.plusDays(1), country)));

            check("MSG.003", "exclude without EndDateTime", rule("table 14, rule 3"),
                    () -> submit(c, record("MSG.003", name, t1, null)));
            check("MSG.003", "exclude the record", new Expect("MSG.004", "EXCLUDED", null),
                    () -> submit(c, record("MSG.003", name, t1, t1.plusHours(1))));
            check("MSG.003", "exclude a record the database does not hold", rule("table 14, rule 2"),
                    () -> submit(c, record("MSG.003", name + "-absent", t1, t1.plusHours(1))));
        }
    }

    /**
     * The concurrency cases of issue #13 (D-130, D-131, D-132): copies of one document in flight, one EDocId with
     * several contents, and concurrent changes of one record, each sent by {@link #CONCURRENT} clients at once.
     */
    private void concurrency(String name, OffsetDateTime t0, OffsetDateTime now) {
        DrugMonitoringDetails inc = record("MSG.001", name + "-race", t0, null);
        check("MSG.001", CONCURRENT + " copies of one document at once: one answer", new Expect("MSG.004", "INCLUDED", null),
                () -> {
                    List<ProcessingResultDetails> all = atOnce(java.util.Collections.nCopies(CONCURRENT, inc));
                    require(all.stream().allMatch(r -> "INCLUDED".equals(r.getProcessingResultV2Code())),
                            "not every copy got INCLUDED: " + codes(all));
                    require(all.stream().map(r -> r.getEDocHeader().getEDocId()).distinct().count() == 1,
                            "the copies got different answers (EDocIds of the MSG.004)");
                    return Observed.of(all.get(0));
                });
        check("MSG.001", "one EDocId, " + CONCURRENT + " contents at once", new Expect("MSG.004", "ERR_DUPLICATE_ID", null),
                () -> {
                    String id = UUID.randomUUID().toString();
                    List<DrugMonitoringDetails> docs = new ArrayList<>();
                    for (int i = 0; i < CONCURRENT; i++) {
                        DrugMonitoringDetails d = record("MSG.001", name + "-dup-" + i, t0, null);
                        d.getEDocHeader().setEDocId(id);
                        docs.add(d);
                    }
                    List<ProcessingResultDetails> all = atOnce(docs);
                    long included = all.stream().filter(r -> "INCLUDED".equals(r.getProcessingResultV2Code())).count();
                    long dup = all.stream().filter(r -> "ERR_DUPLICATE_ID".equals(r.getProcessingResultV2Code())).count();
                    require(included == 1 && dup == CONCURRENT - 1, "expected 1 INCLUDED and " + (CONCURRENT - 1)
                            + " ERR_DUPLICATE_ID, got " + codes(all));
                    return all.stream().filter(r -> "ERR_DUPLICATE_ID".equals(r.getProcessingResultV2Code()))
                            .findFirst().map(Observed::of).orElseThrow();
                });
        check("MSG.002", CONCURRENT + " changes of one record at once (later starts)", new Expect("MSG.004", "CHANGED", null),
                () -> {
                    List<DrugMonitoringDetails> docs = new ArrayList<>();
                    for (int i = 1; i <= CONCURRENT; i++) {
                        docs.add(record("MSG.002", name + "-race", t0.plusHours(i), null));
                    }
                    List<ProcessingResultDetails> all = atOnce(docs);
                    // a later start applied first makes an earlier one a rule refusal (D-50/D-132): never anything else
                    for (ProcessingResultDetails r : all) {
                        boolean ok = "CHANGED".equals(r.getProcessingResultV2Code())
                                || "ERR_RULE".equals(r.getProcessingResultV2Code())
                                && "decision D-50".equalsIgnoreCase(Objects.toString(Results.rule(r.getDescriptionText()), ""));
                        require(ok, "a change was refused because of timing: " + r.getProcessingResultV2Code() + " "
                                + r.getDescriptionText());
                    }
                    long changed = all.stream().filter(r -> "CHANGED".equals(r.getProcessingResultV2Code())).count();
                    require(changed >= 1, "no change applied: " + codes(all));
                    return new Observed("MSG.004", "CHANGED", null, changed + " of " + CONCURRENT + " CHANGED");
                });
    }

    /** Sends the documents at the same moment, each from its own client; the answers in the order given. */
    private List<ProcessingResultDetails> atOnce(List<DrugMonitoringDetails> docs) throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(docs.size());
        List<Pmm03Client> clients = new ArrayList<>();
        try {
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<ProcessingResultDetails>> futures = new ArrayList<>();
            for (DrugMonitoringDetails d : docs) {
                Pmm03Client c = client(security);
                clients.add(c);
                futures.add(pool.submit(() -> {
                    go.await();
                    return c.commission().submit(d);
                }));
            }
            go.countDown();
            List<ProcessingResultDetails> out = new ArrayList<>();
            for (var f : futures) {
                try {
                    out.add(f.get(timeout.toSeconds() + 30, java.util.concurrent.TimeUnit.SECONDS));
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof Exception x) {
                        throw x;
                    }
                    throw e;
                }
            }
            return out;
        } finally {
            pool.shutdownNow();
            clients.forEach(Pmm03Client::close);
        }
    }

    private static String codes(List<ProcessingResultDetails> all) {
        java.util.Map<String, Long> m = new java.util.TreeMap<>();
        all.forEach(r -> m.merge(r.getProcessingResultV2Code(), 1L, Long::sum));
        return m.toString();
    }

    private static Expect rule(String rule) {
        return new Expect("MSG.004", "ERR_RULE", rule);
    }

    private static Observed submit(CommissionClient c, DrugMonitoringDetails d) {
        return Observed.of(c.submit(d));
    }

    private static Observed records(CommissionClient.Records r) {
        if (r.noData() != null) {
            return Observed.of(r.noData());
        }
        return new Observed(shortCode(r.messageCode()), r.size() + " records", null, null);
    }

    private static Observed found(CommissionClient.Records r, String name, boolean unique) {
        if (r.records() == null) {
            return records(r);
        }
        long n = r.records().getDrugMonitoringItemDetails().stream()
                .filter(i -> name.equals(i.getDrugMonitoringDetails().get(0).getDrugTradeName())).count();
        require(n > 0, "the record " + name + " is not in the answer (" + r.size() + " records)");
        require(!unique || n == 1, n + " versions of " + name + " valid at one moment");
        return new Observed(shortCode(r.messageCode()), "record found", null, null);
    }

    private static Observed raw(RawSoap.Answer a) {
        if (a.isFault()) {
            return Observed.of(a.fault());
        }
        if (a.xml() == null) {
            return new Observed("none", "no answer", null, null);
        }
        org.w3c.dom.Document d = Documents.parse(a.xml().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        org.w3c.dom.NodeList l = d.getElementsByTagNameNS("*", "ProcessingResultDetails");
        require(l.getLength() == 1, "the answer holds no ProcessingResultDetails");
        org.w3c.dom.Document prd = Documents.parse(RawSoapText.of(l.item(0)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return Observed.of(ContractJaxb.fromDom(prd, ProcessingResultDetails.class));
    }

    // ---- Authority ---------------------------------------------------------------------------------------------

    /**
     * The Authority service of another authority, as that authority's node behaves (issue #4, D-142): a refused
     * MSG.014/016 is answered with a MSG.015 carrying the error code (P.EXC.004 is an error notification, not a
     * fault); a one-way MSG.013 can only be refused by a SOAP fault with the subcode pmm:&lt;result code&gt;. Both
     * positive MSG.015 say RECEIVED. A MSG.016 must answer a MSG.014 that the receiving authority itself sent to this
     * user ({@link #answering(String)}), a repeated document (same EDocId, same content) gets the same answer again.
     */
    private void authority() {
        try (Pmm03Client pmm03 = client(security); Pmm03Client intruder = client(
                ClientSecurityConfigurer.usernameToken(user, password + "-wrong"))) {
            AuthorityClient a = pmm03.authority();
            String name = "Conformance-" + UUID.randomUUID().toString().substring(0, 8);
            String other = otherCountry(country);
            DrugMonitoringDetails notice = notice(name, country);
            check("MSG.013", "notify inclusion of an own record (one-way)", new Expect(null, "delivered", null),
                    () -> notify(a, notice));
            check("MSG.013", "the same notice again (same EDocId) is acknowledged", new Expect(null, "delivered", null),
                    () -> notify(a, notice));
            check("MSG.013", "a record of another country (" + other + ")", new Expect("fault", "ERR_NOT_AUTHORIZED", null),
                    () -> notify(a, notice(name + "-2", other)));
            check("MSG.013", "InfEnvelopeCode MSG.001 sent as NotifyInclusion", new Expect("fault", "ERR_HEADER", null),
                    () -> notify(a, mutate(notice(name + "-3", country),
                            d -> d.setEDocHeader(EDocHeaders.of("MSG.001").build()))));

            CounterfeitDrugCorrespondenceDetails request = correspondence("cdr-msg014-request.xml", "MSG.014", null);
            ProcessingResultDetails[] first = new ProcessingResultDetails[1];
            check("MSG.014", "request additional information", new Expect("MSG.015", "RECEIVED", null), () -> {
                ProcessingResultDetails r = a.requestAdditionalInfo(request);
                require(Objects.equals(r.getEDocHeader().getEDocRefId(), request.getEDocHeader().getEDocId()),
                        "EDocRefId of the answer is not the EDocId of the request");
                first[0] = r;
                return Observed.of(r);
            });
            check("MSG.014", "the same request again (same EDocId): the same answer", new Expect("MSG.015", "RECEIVED", null), () -> {
                ProcessingResultDetails r = a.requestAdditionalInfo(request);
                require(first[0] != null, "the first request was not accepted");
                require(Objects.equals(r.getEDocHeader().getEDocId(), first[0].getEDocHeader().getEDocId())
                                && Objects.equals(r.getProcessingResultV2Code(), first[0].getProcessingResultV2Code()),
                        "a different answer: MSG.015 " + r.getEDocHeader().getEDocId() + " " + r.getProcessingResultV2Code()
                                + ", first MSG.015 " + first[0].getEDocHeader().getEDocId());
                return Observed.of(r);
            });
            check("MSG.014", "same EDocId, different content", new Expect("MSG.015", "ERR_DUPLICATE_ID", null), () -> {
                CounterfeitDrugCorrespondenceDetails d = correspondence("cdr-msg014-request.xml", "MSG.014", null);
                d.getEDocHeader().setEDocId(request.getEDocHeader().getEDocId());
                d.getNoteText().clear();
                d.getNoteText().add("Другое содержание / different content");
                return answer(() -> a.requestAdditionalInfo(d));
            });
            check("MSG.014", "OfficialDocDetails missing", new Expect("MSG.015", "ERR_RULE", "table 8, rule 1"), () -> {
                CounterfeitDrugCorrespondenceDetails d = correspondence("cdr-msg014-request.xml", "MSG.014", null);
                d.setOfficialDocDetails(null);
                return answer(() -> a.requestAdditionalInfo(d));
            });

            // the request this user sent is not one the endpoint sent: answering it is a header error
            String own = request.getEDocHeader().getEDocId();
            check("MSG.016", "answers a MSG.014 the endpoint did not send", new Expect("MSG.015", "ERR_HEADER", null),
                    () -> answer(() -> a.sendAdditionalInfo(correspondence("cdr-msg016-note.xml", "MSG.016", own))));
            String ref = answerTo != null ? answerTo : own;
            check("MSG.016", "CounterfeitDrugAnswerDetails missing", new Expect("MSG.015", "ERR_RULE", "table 9, rule 1"), () -> {
                CounterfeitDrugCorrespondenceDetails d = correspondence("cdr-msg016-note.xml", "MSG.016", ref);
                d.getCounterfeitDrugAnswerDetails().clear();
                return answer(() -> a.sendAdditionalInfo(d));
            });
            check("MSG.016", "no NoteText, PdfBinaryText or AnyDetails", new Expect("MSG.015", "ERR_RULE", "table 9, rule 2"), () -> {
                CounterfeitDrugCorrespondenceDetails d = correspondence("cdr-msg016-note.xml", "MSG.016", ref);
                d.getNoteText().clear();
                d.getPdfBinaryText().clear();
                d.getAnyDetails().clear();
                return answer(() -> a.sendAdditionalInfo(d));
            });
            if (answerTo != null) {
                for (String f : List.of("cdr-msg016-note.xml", "cdr-msg016-pdf.xml", "cdr-msg016-xml.xml")) {
                    check("MSG.016", "answer " + shortId(answerTo) + ": " + f.replace("cdr-msg016-", "").replace(".xml", ""),
                            new Expect("MSG.015", "RECEIVED", null), () -> {
                                CounterfeitDrugCorrespondenceDetails d = correspondence(f, "MSG.016", answerTo);
                                ProcessingResultDetails r = a.sendAdditionalInfo(d);
                                require(Objects.equals(r.getEDocHeader().getEDocRefId(), d.getEDocHeader().getEDocId()),
                                        "EDocRefId of the answer is not the EDocId of the MSG.016");
                                return Observed.of(r);
                            });
                }
            } else {
                notes.add("MSG.016 RECEIVED not checked: give the EDocId of a MSG.014 the endpoint sent to " + user
                        + " (--answer-to)");
            }
            check("MSG.014", "wrong password (WS-Security UsernameToken)", new Expect("fault", "SECURITY", null),
                    () -> answer(() -> intruder.authority().requestAdditionalInfo(
                            correspondence("cdr-msg014-request.xml", "MSG.014", null))));
        }
    }

    private static String shortId(String id) {
        return id.length() > 8 ? id.substring(0, 8) + "…" : id;
    }

    private static Observed notify(AuthorityClient a, DrugMonitoringDetails d) {
        a.notifyInclusion(d);
        return new Observed("", "delivered", null, null);
    }

    /** The MSG.013 sample as a notice of a record of the country, with a name and a new EDocId. */
    private static DrugMonitoringDetails notice(String name, String country) {
        DrugMonitoringDetails d = sample("dmd-msg013-notify-inclusion.xml", DrugMonitoringDetails.class);
        d.setEDocHeader(EDocHeaders.of("MSG.013").build());
        for (DrugMonitoringItemDetailsType i : d.getDrugMonitoringItemDetails()) {
            i.setUnifiedCountryCode(CommissionClient.country(country));
            i.getDrugMonitoringDetails().get(0).setDrugTradeName(name);
        }
        return d;
    }

    private static Observed answer(java.util.function.Supplier<ProcessingResultDetails> s) {
        return Observed.of(s.get());
    }

    // ---- running a case ----------------------------------------------------------------------------------------

    private void check(String message, String title, Expect expect, Body body) {
        Observed o = null;
        String detail = null;
        boolean pass;
        try {
            o = body.run();
            pass = matches(expect, o);
            if (!pass) {
                detail = "got " + o + (o.rule() == null ? "" : " (" + o.rule() + ")")
                        + (o.text() == null ? "" : ": " + o.text());
            }
        } catch (Pmm03Fault f) {
            o = Observed.of(f);
            pass = matches(expect, o);
            detail = pass ? null : "fault " + f.faultCode() + ": " + f.getMessage();
        } catch (AssertionError e) {
            pass = false;
            detail = e.getMessage();
            o = new Observed("?", "check failed", null, e.getMessage());
        } catch (Exception e) {
            pass = false;
            detail = e.getClass().getSimpleName() + ": " + e.getMessage();
            o = new Observed("error", e.getClass().getSimpleName(), null, e.getMessage());
        }
        results.add(new Result(results.size() + 1, message, title, expect, o, pass, detail));
    }

    static boolean matches(Expect e, Observed o) {
        if (o == null || !Objects.equals(e.code(), o.code())) {
            return false;
        }
        if (e.rule() != null && !e.rule().equalsIgnoreCase(Objects.toString(o.rule(), ""))) {
            return false;
        }
        if (e.message() == null) {
            return true;
        }
        // a refusal may come as the answer document or as a SOAP fault carrying the same code; a one-way message
        // (expected "fault" with no answer message) can only be refused by a fault
        // (a MSG.015 refusal must be the document: P.EXC.004 is an error notification, D-142)
        return e.message().equals(o.message())
                || e.code().startsWith("ERR_") && ("fault".equals(o.message()) && !"MSG.015".equals(e.message())
                || "fault".equals(e.message()) && o.message() != null && o.message().startsWith("MSG."));
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new AssertionError(message);
        }
    }

    // ---- documents ---------------------------------------------------------------------------------------------

    static String shortCode(String code) {
        return code == null ? "?" : code.replace("P.MM.03.", "");
    }

    static String otherCountry(String country) {
        for (String c : List.of("AM", "BY", "KZ", "KG", "RU")) {
            if (!c.equals(country)) {
                return c;
            }
        }
        return "AM";
    }

    private static <T> T sample(String file, Class<T> type) {
        return Documents.read(Samples.byFile(file).bytes(), type);
    }

    /** The include sample as MSG.001/002/003 of this country with a name and a validity period. */
    private DrugMonitoringDetails record(String msg, String name, OffsetDateTime start, OffsetDateTime end) {
        DrugMonitoringDetails d = sample("dmd-msg001-include.xml", DrugMonitoringDetails.class);
        d.setEDocHeader(EDocHeaders.of(msg).build());
        DrugMonitoringItemDetailsType item = d.getDrugMonitoringItemDetails().get(0);
        item.setUnifiedCountryCode(CommissionClient.country(country));
        item.getDrugMonitoringDetails().get(0).setDrugTradeName(name);
        PeriodDetailsType p = item.getResourceItemStatusDetails().getValidityPeriodDetails();
        p.setStartDateTime(Dates.xml(start));
        p.setEndDateTime(Dates.xml(end));
        return d;
    }

    private static CounterfeitDrugCorrespondenceDetails correspondence(String file, String msg, String ref) {
        CounterfeitDrugCorrespondenceDetails d = sample(file, CounterfeitDrugCorrespondenceDetails.class);
        d.setEDocHeader(EDocHeaders.of(msg).refId(ref).build());
        return d;
    }

    private static DrugMonitoringDetails mutate(DrugMonitoringDetails d, Consumer<DrugMonitoringDetails> m) {
        m.accept(d);
        return d;
    }

    private static DrugMonitoringItemDetailsType item(DrugMonitoringDetails d) {
        return d.getDrugMonitoringItemDetails().get(0);
    }

    private static PeriodDetailsType period(DrugMonitoringDetails d) {
        return item(d).getResourceItemStatusDetails().getValidityPeriodDetails();
    }

    private static String cut(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }

    /** Serialises a DOM node. */
    static final class RawSoapText {
        static String of(org.w3c.dom.Node n) {
            try {
                javax.xml.transform.Transformer t = javax.xml.transform.TransformerFactory.newInstance().newTransformer();
                t.setOutputProperty(javax.xml.transform.OutputKeys.OMIT_XML_DECLARATION, "yes");
                java.io.StringWriter w = new java.io.StringWriter();
                t.transform(new javax.xml.transform.dom.DOMSource(n), new javax.xml.transform.stream.StreamResult(w));
                return w.toString();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
