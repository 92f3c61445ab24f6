package eaeu.pmm03.server.pipeline;

import eaeu.pmm03.server.journal.MessageJournal;
import eaeu.pmm03.server.journal.ProcessedDocuments;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Stage between authorization and the fill rules (D-51, D-130): a document is processed once per EDocId and
 * sender. The EDocId is claimed first, in its own committed transaction; a concurrent copy waits until the claim
 * ends and then gets the first copy's answer (same content) or {@code ERR_DUPLICATE_ID} (other content). A claim
 * whose holder died (older than {@code pmm03.idempotency.claim-timeout}) is taken over, so nothing blocks forever.
 * A claim of this node whose request has ended without giving it up — its release failed because the database was
 * unavailable — is taken over at once: a resend after a database outage is processed, not kept waiting for the
 * timeout (the claim token starts with this node's prefix, and the node knows which of its claims are in progress).
 */
@Component
public class Idempotency {

    /** Held by the copy that processes the document; {@link #answer} is set when the document was processed before. */
    public record Claim(String edocId, String participant, String token, String answer) {
        public boolean repeated() {
            return answer != null;
        }
    }

    /** The node gave up waiting for another copy of the document; the sender should retry later (Receiver fault). */
    public static class Busy extends RuntimeException {
        public Busy(String edocId) {
            super("document " + edocId + " is still being processed by another request; retry later"
                    + " / документ ещё обрабатывается по другому запросу, повторите позднее");
        }
    }

    /** The first 8 characters of every claim token this node issues (a random prefix per process). */
    private static final String NODE_PREFIX = UUID.randomUUID().toString().substring(0, 8);

    /** Tokens of this node's claims whose requests are in progress. */
    private final java.util.Set<String> inProgress = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final ProcessedDocuments processed;
    private final MessageJournal journal;
    private final Duration claimTimeout;

    public Idempotency(ProcessedDocuments processed, MessageJournal journal,
                       @Value("${pmm03.idempotency.claim-timeout:PT1M}") Duration claimTimeout) {
        this.processed = processed;
        this.journal = journal;
        this.claimTimeout = claimTimeout;
    }

    /**
     * Claims the document for processing, or returns the answer it got before (empty string for a one-way
     * message). Must be called after authorization, so that only the original sender ever sees a stored answer.
     */
    public Claim claim(Inbound in) {
        String token = NODE_PREFIX + UUID.randomUUID().toString().substring(NODE_PREFIX.length());
        String sender = in.sender().id();
        long deadline = System.nanoTime() + 2 * claimTimeout.toNanos();
        inProgress.add(token); // before the row exists: a waiter of this node never sees it as an orphan
        boolean held = false;
        try {
            Claim c = claim(in, token, sender, deadline);
            held = c.token() != null;
            return c;
        } finally {
            if (!held) {
                inProgress.remove(token);
            }
        }
    }

    private Claim claim(Inbound in, String token, String sender, long deadline) {
        while (true) {
            if (processed.claim(in.edocId(), in.messageCode(), sender, in.sha256(), token, Instant.now())) {
                return new Claim(in.edocId(), sender, token, null);
            }
            Optional<ProcessedDocuments.Processed> row = processed.find(in.edocId(), sender);
            if (row.isPresent()) {
                ProcessedDocuments.Processed p = row.get();
                if (p.done()) {
                    return new Claim(in.edocId(), sender, null, storedAnswer(in, p));
                }
                boolean orphanOfThisNode = p.claimToken() != null && p.claimToken().startsWith(NODE_PREFIX)
                        && !inProgress.contains(p.claimToken());
                if (orphanOfThisNode || p.processedAt().isBefore(Instant.now().minus(claimTimeout))) {
                    Instant staleBefore = orphanOfThisNode ? Instant.now().plusSeconds(1) : Instant.now().minus(claimTimeout);
                    if (processed.takeOver(in.edocId(), sender, p.claimToken(), in.messageCode(), in.sha256(), token,
                            Instant.now(), staleBefore)) {
                        return new Claim(in.edocId(), sender, token, null);
                    }
                    continue;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new Busy(in.edocId());
            }
            pause();
        }
    }

    private String storedAnswer(Inbound in, ProcessedDocuments.Processed p) {
        if (!p.contentSha256().equals(in.sha256()) || !p.messageCode().equals(in.messageCode())) {
            throw new Rejection("ERR_DUPLICATE_ID", null, "/" + in.rootName() + "/EDocHeader/EDocId",
                    "документ с EDocId " + in.edocId() + " уже обработан и имеет другое содержание",
                    "a document with EDocId " + in.edocId() + " was already processed with different content");
        }
        journal.recordAlone(in.journalLine().result("REPEATED", "repeated document: the original answer is given again")
                .content(in.sha256(), null).build());
        return p.responseXml();
    }

    /** Records the answer of the claimed document; must run in the transaction that applies the document. */
    public void complete(Claim c, String answerMessageCode, String answerXml) {
        processed.complete(c.edocId(), c.participant(), c.token(), answerMessageCode == null ? "" : answerMessageCode,
                answerXml == null ? "" : answerXml, Instant.now());
        // the row is locked by this transaction until it commits: a copy taking over meanwhile waits, then finds DONE
        inProgress.remove(c.token());
        AnswerInTransaction.answered(answerXml); // D-123: its signals and answer in this same transaction
    }

    /** Gives the claim up (the document was refused or its processing failed): a resend is processed afresh. */
    public void release(Claim c) {
        if (c != null && !c.repeated()) {
            inProgress.remove(c.token());
            processed.release(c.edocId(), c.participant(), c.token());
        }
    }

    private static void pause() {
        try {
            Thread.sleep(20 + ThreadLocalRandom.current().nextInt(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for another copy of a document", e);
        }
    }
}
