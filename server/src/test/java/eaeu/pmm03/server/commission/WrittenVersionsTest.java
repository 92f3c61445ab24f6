package eaeu.pmm03.server.commission;

import eaeu.pmm03.server.journal.JournalEntry;
import eaeu.pmm03.server.registry.StoredVersion;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/** D-249: what the answer line of a MSG.008/011 says about the versions written (no database needed). */
class WrittenVersionsTest {

    private static StoredVersion v(long id) {
        return new StoredVersion(id, "r" + id, 1, "KZ", "01", Instant.EPOCH, null, Instant.EPOCH, null, "<x/>");
    }

    private static CommissionService.Written of(long... ids) {
        return new CommissionService.Written(LongStream.of(ids).mapToObj(WrittenVersionsTest::v).iterator());
    }

    /** Writes everything as ItemsSource does, skipping the versions named. */
    private static void writeAll(CommissionService.Written w, long... skipped) {
        while (w.hasNext()) {
            StoredVersion v = w.next();
            if (LongStream.of(skipped).anyMatch(s -> s == v.id())) {
                w.skipped(v);
            }
        }
    }

    @Test
    void runsOfIdsInTheAnswersOrderCountAndHash() {
        CommissionService.Written w = of(5, 6, 7, 3, 10, 11, 2);
        writeAll(w);
        assertThat(w.complete()).isTrue();
        assertThat(w.summary()).isEqualTo("7 version(s) written: ids 5-7,3,10-11,2; SHA-256 of the ids "
                + CommissionTransactionsTest.sha256("5\n6\n7\n3\n10\n11\n2\n"));
    }

    @Test
    void aSkippedVersionIsNotCounted() {
        CommissionService.Written w = of(1, 2, 3, 4);
        writeAll(w, 2, 4);
        assertThat(w.summary()).startsWith("2 version(s) written: ids 1,3; SHA-256 of the ids "
                + CommissionTransactionsTest.sha256("1\n3\n"));
    }

    @Test
    void anAnswerThatBrokeOffSaysSoAndLeavesOutTheVersionBeingWritten() {
        CommissionService.Written w = of(1, 2, 3);
        w.hasNext();
        w.next();
        w.hasNext();
        w.next(); // 2 is being written when the connection breaks
        assertThat(w.complete()).isFalse();
        assertThat(w.summary()).startsWith("1 version(s) written before the answer broke off: ids 1;");
    }

    @Test
    void aLongListIsCutAtTheTextLimitAndTheHashCoversAll() {
        long[] ids = LongStream.range(0, 5000).map(i -> i * 2).toArray(); // no two consecutive: 5000 runs
        CommissionService.Written w = of(ids);
        writeAll(w);
        String s = w.summary();
        assertThat(s.length()).isLessThanOrEqualTo(JournalEntry.RESULT_TEXT_MAX);
        assertThat(s).startsWith("5000 version(s) written: ids 0,2,4,").containsPattern(", and \\d+ more; SHA-256");
        StringBuilder all = new StringBuilder();
        for (long id : ids) {
            all.append(id).append('\n');
        }
        assertThat(s).endsWith(CommissionTransactionsTest.sha256(all.toString()));
    }

    @Test
    void nothingWrittenNoIds() {
        Iterator<StoredVersion> none = List.<StoredVersion>of().iterator();
        CommissionService.Written w = new CommissionService.Written(none);
        writeAll(w);
        assertThat(w.summary()).isEqualTo("0 version(s) written");
    }
}
