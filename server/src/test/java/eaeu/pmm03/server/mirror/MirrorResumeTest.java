package eaeu.pmm03.server.mirror;

import eaeu.pmm03.contract.commission.CommissionPortType;
import eaeu.pmm03.contract.commission.GetChangesResponse;
import eaeu.pmm03.contract.commission.GetUpdateTimeResponse;
import eaeu.pmm03.contract.drugmonitoring.DrugMonitoringDetails;
import eaeu.pmm03.contract.hccdo.DrugMonitoringItemDetailsType;
import eaeu.pmm03.contract.resourcestatus.ResourceStatusDetails;
import eaeu.pmm03.contract.samples.Samples;
import eaeu.pmm03.contract.xml.ContractJaxb;
import eaeu.pmm03.server.TestDocuments;
import eaeu.pmm03.server.commission.Times;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A synchronisation of the mirror that dies part-way (here: the database refuses the third version) leaves
 * neither a partial mirror nor a moved point; the next run applies everything from the old point, and a run after
 * that adds no duplicates. The Commission is a stub answering MSG.006 / MSG.011 with five versions.
 */
class MirrorResumeTest {

    static ConfigurableApplicationContext node;
    static final Instant T0 = Instant.now().minus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

    @BeforeAll
    static void start() throws Exception {
        Path target = Path.of("target");
        Files.createDirectories(target);
        Path data = Files.createTempDirectory(target.toAbsolutePath(), "pmm03-mirror");
        node = SpringApplication.run(eaeu.pmm03.server.Pmm03Application.class,
                "--server.port=0", "--pmm03.db.data-dir=" + data.resolve("mariadb"), "--pmm03.roles=authority",
                "--pmm03.authority.participant=KZ-MOH", "--pmm03.authority.commission.url=http://127.0.0.1:9/ws/commission",
                "--pmm03.authority.commission.username=kz", "--pmm03.authority.commission.password=kz-dev-password",
                "--pmm03.authority.mirror.interval=PT1H", "--pmm03.authority.mirror.initial-delay=PT1H");
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void aSyncThatFailsPartWayLeavesNothingAndTheNextOneResumesFromTheSamePoint() {
        JdbcTemplate jdbc = node.getBean(JdbcTemplate.class);
        TransactionTemplate tx = node.getBean(TransactionTemplate.class);
        List<DrugMonitoringItemDetailsType> items = versions(5);
        List<Instant> asked = new ArrayList<>();
        CommissionPortType commission = stub(items, asked);

        AtomicInteger inserts = new AtomicInteger();
        JdbcTemplate failing = new JdbcTemplate(node.getBean(DataSource.class)) {
            @Override
            public int update(String sql, Object... args) {
                if (sql.startsWith("INSERT INTO mirror_version") && inserts.incrementAndGet() == 3) {
                    throw new org.springframework.dao.DataAccessResourceFailureException("simulated crash");
                }
                return super.update(sql, args);
            }
        };
        assertThatThrownBy(() -> new MirrorSync(() -> MirrorSync.Queries.sync(commission), failing, tx).sync()).hasMessageContaining("simulated crash");
        assertThat(count(jdbc)).isZero();
        assertThat(new MirrorSync(() -> MirrorSync.Queries.sync(commission), jdbc, tx).appliedUntil()).isNull();

        MirrorSync.Result r = new MirrorSync(() -> MirrorSync.Queries.sync(commission), jdbc, tx).sync();
        assertThat(r.versionsApplied()).isEqualTo(5);
        assertThat(count(jdbc)).isEqualTo(5);
        assertThat(r.appliedUntil()).isEqualTo(T0.plus(5, ChronoUnit.MINUTES));
        // both runs asked "since" the same point: the first time, without a date
        assertThat(asked).containsExactly(null, null);

        // the next run learns from MSG.006 that nothing is newer than its point, and adds nothing
        assertThat(new MirrorSync(() -> MirrorSync.Queries.sync(commission), jdbc, tx).sync().note()).isEqualTo("up to date");
        assertThat(count(jdbc)).isEqualTo(5);
    }

    static long count(JdbcTemplate jdbc) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM mirror_version", Long.class);
        return n == null ? 0 : n;
    }

    /** Five versions of different records, updated one minute apart after T0. */
    static List<DrugMonitoringItemDetailsType> versions(int n) {
        String sample = new String(Samples.byFile("dmd-msg011-changes.xml").bytes(), StandardCharsets.UTF_8);
        List<DrugMonitoringItemDetailsType> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            String xml = sample.replace("Ибупрофен-Велфарм<", "Ибупрофен-Велфарм-" + i + "<")
                    .replace("</ccdo:ValidityPeriodDetails>", "</ccdo:ValidityPeriodDetails>\n      <csdo:UpdateDateTime>"
                            + T0.plus(i, ChronoUnit.MINUTES) + "</csdo:UpdateDateTime>");
            DrugMonitoringDetails d = ContractJaxb.fromDom(TestDocuments.parse(xml.getBytes(StandardCharsets.UTF_8)),
                    DrugMonitoringDetails.class);
            out.add(d.getDrugMonitoringItemDetails().get(0));
        }
        return out;
    }

    /** A Commission that knows these versions: MSG.006 with the latest update time, MSG.011 with all of them. */
    static CommissionPortType stub(List<DrugMonitoringItemDetailsType> items, List<Instant> asked) {
        return (CommissionPortType) Proxy.newProxyInstance(MirrorResumeTest.class.getClassLoader(),
                new Class<?>[] {CommissionPortType.class}, (p, m, args) -> switch (m.getName()) {
                    case "getUpdateTime" -> {
                        GetUpdateTimeResponse r = new GetUpdateTimeResponse();
                        ResourceStatusDetails s = new ResourceStatusDetails();
                        s.setUpdateDateTime(Times.xml(T0.plus(items.size(), ChronoUnit.MINUTES)));
                        r.setResourceStatusDetails(s);
                        yield r;
                    }
                    case "getChanges" -> {
                        var q = ((eaeu.pmm03.contract.commission.GetChanges) args[0]).getResourceStatusDetails();
                        asked.add(Times.instant(q.getUpdateDateTime()));
                        DrugMonitoringDetails d = new DrugMonitoringDetails();
                        d.getDrugMonitoringItemDetails().addAll(items);
                        GetChangesResponse r = new GetChangesResponse();
                        r.setDrugMonitoringDetails(d);
                        yield r;
                    }
                    case "toString" -> "stub Commission";
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }
}
