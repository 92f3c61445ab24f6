package eaeu.pmm03.server.authority;

import eaeu.pmm03.contract.authority.AuthorityPortType;
import eaeu.pmm03.contract.authority.NotifyInclusion;
import eaeu.pmm03.contract.authority.RequestAdditionalInfo;
import eaeu.pmm03.contract.authority.SendAdditionalInfo;
import eaeu.pmm03.contract.counterfeitdrug.CounterfeitDrugCorrespondenceDetails;
import eaeu.pmm03.contract.drugmonitoring.DrugMonitoringDetails;
import eaeu.pmm03.contract.processingresult.ProcessingResultDetails;
import eaeu.pmm03.contract.samples.Samples;
import eaeu.pmm03.contract.xml.ContractJaxb;
import eaeu.pmm03.security.wss.ClientCredentials;
import eaeu.pmm03.server.TestDocuments;
import eaeu.pmm03.server.commission.Times;
import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import org.apache.cxf.ws.security.wss4j.WSS4JOutInterceptor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #13 item 1 on the authority side (D-130): concurrent copies of one MSG.013, MSG.014 or MSG.016 (a peer
 * retrying while its first request still runs), sent by real concurrent SOAP clients to an authority node on
 * MariaDB, are processed once and every copy gets the first copy's answer.
 */
class AuthorityRaceTest {

    static final int THREADS = 12;
    static final int ROUNDS = 3;
    static Nodes nodes;
    private static final Map<String, Map<String, Integer>> OUTCOMES = new TreeMap<>();

    @BeforeAll
    static void start() throws Exception {
        nodes = new Nodes(Nodes.testProperties("0.002", "PT5S"));
        nodes.define("commission", null, "eec"); // configured, never started
        nodes.define("kz", "KZ-MOH", "kz");
        nodes.define("by", "BY-MOH", "by");      // configured as a peer, never started: KZ's own sends stay queued
        nodes.start("kz");
    }

    @AfterAll
    static void stop() {
        System.out.println("AuthorityRaceTest outcomes (" + THREADS + " threads x " + ROUNDS + " rounds):");
        OUTCOMES.forEach((scenario, counts) -> System.out.println("  " + scenario + ": " + counts));
        if (nodes != null) {
            nodes.close();
        }
    }

    private static synchronized void count(String scenario, String outcome) {
        OUTCOMES.computeIfAbsent(scenario, k -> new TreeMap<>()).merge(outcome, 1, Integer::sum);
    }

    private static AuthorityPortType client(String user) {
        JaxWsProxyFactoryBean f = new JaxWsProxyFactoryBean();
        f.setServiceClass(AuthorityPortType.class);
        f.setAddress(nodes.spec("kz").url("/authority"));
        f.getOutInterceptors().add(new WSS4JOutInterceptor(ClientCredentials.usernameToken(user, user + "-dev-password")));
        return (AuthorityPortType) f.create();
    }

    private static JdbcTemplate jdbc() {
        return nodes.context("kz").getBean(JdbcTemplate.class);
    }

    private static <T> List<T> race(List<AuthorityPortType> clients, Function<AuthorityPortType, T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients.size());
        try {
            CountDownLatch ready = new CountDownLatch(clients.size());
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (AuthorityPortType c : clients) {
                futures.add(pool.submit((Callable<T>) () -> {
                    ready.countDown();
                    go.await();
                    return call.apply(c);
                }));
            }
            ready.await();
            go.countDown();
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get(120, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<AuthorityPortType> clients(String user) {
        List<AuthorityPortType> l = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            l.add(client(user));
        }
        return l;
    }

    private static CounterfeitDrugCorrespondenceDetails correspondence(String sample) {
        CounterfeitDrugCorrespondenceDetails d = ContractJaxb.fromDom(TestDocuments.parse(Samples.byFile(sample).bytes()),
                CounterfeitDrugCorrespondenceDetails.class);
        d.getEDocHeader().setEDocId(UUID.randomUUID().toString());
        d.getEDocHeader().setEDocDateTime(Times.now());
        return d;
    }

    @Test
    void copiesOfOneMsg013AreStoredOnce() throws Exception {
        List<AuthorityPortType> by = clients("by");
        for (int round = 0; round < ROUNDS; round++) {
            DrugMonitoringDetails d = TestDocuments.record("MSG.013", "BY", "Уведомление-" + UUID.randomUUID(), "У-1",
                    Instant.now().minusSeconds(3600), null);
            String id = d.getEDocHeader().getEDocId();
            race(by, c -> {
                NotifyInclusion n = new NotifyInclusion();
                n.setDrugMonitoringDetails(d);
                c.notifyInclusion(n);
                return null;
            });
            // one-way: wait until every copy has been journaled, then exactly one notice is stored
            Nodes.await("all copies of MSG.013 processed", Duration.ofSeconds(60), () -> jdbc().queryForObject(
                    "SELECT COUNT(*) FROM message_journal WHERE direction = 'IN' AND edoc_id = ?"
                            + " AND result_code IN ('STORED', 'REPEATED')", Integer.class, id) == THREADS);
            jdbc().query("SELECT result_code FROM message_journal WHERE direction = 'IN' AND edoc_id = ?",
                    rs -> { count("same MSG.013 in flight", rs.getString(1)); }, id);
            assertThat(jdbc().queryForObject("SELECT COUNT(*) FROM inclusion_notice WHERE edoc_id = ?", Integer.class, id))
                    .isEqualTo(1);
        }
    }

    @Test
    void copiesOfOneMsg014AndOneMsg016AllGetTheFirstCopysMsg015() throws Exception {
        List<AuthorityPortType> by = clients("by");
        AuthorityService kz = nodes.context("kz").getBean(AuthorityService.class);
        for (int round = 0; round < ROUNDS; round++) {
            CounterfeitDrugCorrespondenceDetails req = correspondence("cdr-msg014-request.xml");
            List<ProcessingResultDetails> acks = race(by, c -> {
                RequestAdditionalInfo r = new RequestAdditionalInfo();
                r.setCounterfeitDrugCorrespondenceDetails(req);
                return c.requestAdditionalInfo(r).getProcessingResultDetails();
            });
            acks.forEach(a -> count("same MSG.014 in flight", a.getProcessingResultV2Code()));
            assertThat(acks).allSatisfy(a -> assertThat(a.getProcessingResultV2Code()).isEqualTo(AuthorityService.RECEIVED));
            assertThat(acks.stream().map(a -> a.getEDocHeader().getEDocId()).distinct()).hasSize(1);
            assertThat(jdbc().queryForObject("SELECT COUNT(*) FROM conversation WHERE id = ?", Integer.class,
                    req.getEDocHeader().getEDocId())).isEqualTo(1);

            // KZ asks BY (queued: BY's node is down), then BY's answer arrives in several copies at once
            CounterfeitDrugCorrespondenceDetails own = correspondence("cdr-msg014-request.xml");
            String asked = kz.requestInfo("BY-MOH", ContractJaxb.toXml(own, false).getBytes(StandardCharsets.UTF_8)).edocId();
            CounterfeitDrugCorrespondenceDetails ans = correspondence("cdr-msg016-note.xml");
            ans.getEDocHeader().setEDocRefId(asked);
            List<ProcessingResultDetails> processed = race(by, c -> {
                SendAdditionalInfo s = new SendAdditionalInfo();
                s.setCounterfeitDrugCorrespondenceDetails(ans);
                return c.sendAdditionalInfo(s).getProcessingResultDetails();
            });
            processed.forEach(a -> count("same MSG.016 in flight", a.getProcessingResultV2Code()));
            assertThat(processed).allSatisfy(a -> assertThat(a.getProcessingResultV2Code()).isEqualTo(AuthorityService.RECEIVED));
            assertThat(processed.stream().map(a -> a.getEDocHeader().getEDocId()).distinct()).hasSize(1);
            assertThat(jdbc().queryForObject("SELECT COUNT(*) FROM message_journal WHERE direction = 'IN' AND edoc_id = ?"
                    + " AND result_code = 'RECEIVED'", Integer.class, ans.getEDocHeader().getEDocId())).isEqualTo(1);
        }
    }
}
