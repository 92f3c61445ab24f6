package eaeu.pmm03.bench;

import eaeu.pmm03.bench.client.Load;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Fast checks of the harness itself (the benchmark never runs in the build). */
class LoadTest {

    /** Records are counted across read boundaries, and the head is kept across small chunks. */
    @Test
    void drainCountsRecordsAcrossChunks() throws Exception {
        StringBuilder sb = new StringBuilder("<r>");
        for (int i = 0; i < 1000; i++) {
            sb.append("<hccdo:DrugMonitoringItemDetails><x>").append(i).append("</x></hccdo:DrugMonitoringItemDetails>");
        }
        byte[] doc = sb.append("</r>").toString().getBytes(StandardCharsets.UTF_8);
        InputStream trickle = new ByteArrayInputStream(doc) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 7));
            }
        };
        Method drain = Load.class.getDeclaredMethod("drain", InputStream.class, long[].class);
        drain.setAccessible(true);
        long[] counted = new long[2];
        byte[] head = (byte[]) drain.invoke(null, trickle, counted);
        assertEquals(doc.length, counted[0]);
        assertEquals(1000, counted[1] / 2);
        assertEquals(2048, head.length);
    }
}
