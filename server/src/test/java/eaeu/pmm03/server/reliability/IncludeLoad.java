package eaeu.pmm03.server.reliability;

import eaeu.pmm03.contract.commission.CommissionPortType;
import eaeu.pmm03.contract.commission.IncludeRecord;
import eaeu.pmm03.contract.drugmonitoring.DrugMonitoringDetails;
import eaeu.pmm03.contract.processingresult.ProcessingResultDetails;
import eaeu.pmm03.server.TestDocuments;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Several client threads including records as fast as the node answers. Every document is one of: acknowledged
 * (INCLUDED), lost (no answer: connection refused or reset, a timeout, a Receiver fault) — to be sent again with
 * the same EDocId — or wrong (any other answer: a test failure).
 */
final class IncludeLoad {

    record Failure(String edocId, long millis, String what) {}

    final Map<String, DrugMonitoringDetails> acknowledged = new ConcurrentHashMap<>();
    final Queue<DrugMonitoringDetails> lost = new ConcurrentLinkedQueue<>();
    final List<Failure> failures = new CopyOnWriteArrayList<>();
    /** Documents that got no answer at their first sending, and the further attempts made for them. */
    final java.util.concurrent.atomic.AtomicInteger lostCount = new java.util.concurrent.atomic.AtomicInteger();
    final java.util.concurrent.atomic.AtomicInteger resends = new java.util.concurrent.atomic.AtomicInteger();
    final List<String> wrong = new CopyOnWriteArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final String run = UUID.randomUUID().toString().substring(0, 6);

    IncludeLoad start(ForkedNode node, int clients) {
        for (int i = 0; i < clients; i++) {
            int n = i;
            Thread t = new Thread(() -> loop(node.client("kz"), n), "include-load-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        return this;
    }

    /**
     * As a real client: a document left without an answer is sent again, same EDocId, until it is answered; it
     * counts once as lost, each further attempt as a re-send.
     */
    private void loop(CommissionPortType kz, int client) {
        int seq = 0;
        DrugMonitoringDetails d = null;
        boolean retrying = false;
        while (running.get()) {
            if (d == null) {
                d = TestDocuments.record("MSG.001", "KZ", "Сбой-" + run + "-" + client + "-" + seq++,
                        "Приказ-сбой", Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS), null);
            }
            long t0 = System.nanoTime();
            String outcome = send(kz, d);
            long ms = Duration.ofNanos(System.nanoTime() - t0).toMillis();
            if ("INCLUDED".equals(outcome)) {
                acknowledged.put(edocId(d), d);
                d = null;
                retrying = false;
            } else if (outcome.startsWith("lost:")) {
                if (!retrying) {
                    lostCount.incrementAndGet();
                    retrying = true;
                } else {
                    resends.incrementAndGet();
                }
                failures.add(new Failure(edocId(d), ms, outcome.substring(5)));
                pause(500);
            } else {
                wrong.add(edocId(d) + ": " + outcome);
                d = null;
                retrying = false;
            }
        }
        if (d != null && retrying) {
            lost.add(d); // still unanswered when the load stopped: resendLost
        }
    }

    /** INCLUDED, another result code, or "lost: …" when no answer came. */
    static String send(CommissionPortType kz, DrugMonitoringDetails d) {
        IncludeRecord r = new IncludeRecord();
        r.setDrugMonitoringDetails(d);
        try {
            ProcessingResultDetails p = kz.includeRecord(r).getProcessingResultDetails();
            return p.getProcessingResultV2Code();
        } catch (jakarta.xml.ws.soap.SOAPFaultException f) {
            String code = f.getFault().getFaultCodeAsQName().getLocalPart();
            // a Receiver fault: the node could not apply it now; to be retried
            return (code.equals("Receiver") || code.equals("Server") ? "lost:fault " : "fault ") + f.getMessage();
        } catch (jakarta.xml.ws.WebServiceException e) {
            return "lost:" + e.getClass().getSimpleName() + " " + e.getMessage();
        }
    }

    /** Sends every lost document again, same EDocId, until it is answered; returns how many were re-sent. */
    int resendLost(ForkedNode node, Duration within) {
        CommissionPortType kz = node.client("kz");
        long deadline = System.nanoTime() + within.toNanos();
        int resent = 0;
        for (DrugMonitoringDetails d; (d = lost.poll()) != null; ) {
            while (true) {
                resent++;
                resends.incrementAndGet();
                String outcome = send(kz, d);
                if ("INCLUDED".equals(outcome)) {
                    acknowledged.put(edocId(d), d);
                    break;
                }
                if (!outcome.startsWith("lost:") || System.nanoTime() > deadline) {
                    wrong.add("re-sent " + edocId(d) + ": " + outcome);
                    break;
                }
                pause(500);
            }
        }
        return resent;
    }

    void stop() throws InterruptedException {
        running.set(false);
        for (Thread t : threads) {
            t.join(60_000);
        }
    }

    /** Records stored per acknowledged EDocId, and records of this run whose EDocId was never acknowledged. */
    record Stored(int exactlyOnce, int missing, int duplicated, int unacknowledged) {}

    Stored verify(Connection db) throws Exception {
        int once = 0, missing = 0, dup = 0;
        try (PreparedStatement s = db.prepareStatement("SELECT COUNT(*) FROM record_version WHERE created_by_edoc_id = ?")) {
            for (String id : acknowledged.keySet()) {
                s.setString(1, id);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    int n = r.getInt(1);
                    if (n == 1) once++; else if (n == 0) missing++; else dup++;
                }
            }
        }
        int unack = 0;
        try (PreparedStatement s = db.prepareStatement("SELECT created_by_edoc_id FROM record_version WHERE trade_name LIKE ?")) {
            s.setString(1, "Сбой-" + run + "-%");
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    if (!acknowledged.containsKey(r.getString(1))) unack++;
                }
            }
        }
        return new Stored(once, missing, dup, unack);
    }

    static String edocId(DrugMonitoringDetails d) {
        return d.getEDocHeader().getEDocId();
    }

    /**
     * Pauses the whole time even if the thread is interrupted (the load threads stop by {@code running}, not by
     * interruption): a flag left set by a client library once made a thread re-send without pausing (11,063 re-sends).
     */
    static void pause(long ms) {
        long end = System.nanoTime() + ms * 1_000_000;
        for (long left = ms; left > 0; left = (end - System.nanoTime()) / 1_000_000) {
            try {
                Thread.sleep(left);
            } catch (InterruptedException e) {
                // keep pausing: see above
            }
        }
    }
}
