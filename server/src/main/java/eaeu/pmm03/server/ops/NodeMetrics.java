package eaeu.pmm03.server.ops;

import eaeu.pmm03.security.wss.WsSecuritySettings;
import eaeu.pmm03.server.attachment.AttachmentStore;
import eaeu.pmm03.server.outbox.Outbox;
import eaeu.pmm03.server.outbox.OutboxMessage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.stream.Stream;

/**
 * The node's own metrics (D-163), scraped at /actuator/prometheus:
 * <ul>
 *   <li>{@code pmm03_messages_total{direction,code,result}} — every journaled message by message code and result
 *       code (the journal is the one place every inbound and outbound message passes);</li>
 *   <li>{@code pmm03_soap_requests_seconds} — latency histogram of SOAP requests by endpoint (see
 *       {@link SoapRequestTimer});</li>
 *   <li>{@code pmm03_outbox_messages{status}} — outbox rows by status, P.EXC.002 and P.EXC.004 included;
 *       {@code pmm03_outbox_backlog} — rows still waiting for delivery or an answer;</li>
 *   <li>{@code pmm03_certificate_expiry_days{store,alias}} — days until each certificate of the keystore and the
 *       truststore expires (negative: expired);</li>
 *   <li>{@code pmm03_attachments_bytes}, {@code pmm03_attachments_files}, {@code pmm03_attachments_free_bytes}.</li>
 * </ul>
 */
@Component
public class NodeMetrics {

    private final MeterRegistry registry;

    public NodeMetrics(MeterRegistry registry, ObjectProvider<Outbox> outbox, ObjectProvider<AttachmentStore> attachments,
                       ObjectProvider<WsSecuritySettings> security) {
        this.registry = registry;
        outbox.ifAvailable(o -> {
            for (OutboxMessage.Status s : OutboxMessage.Status.values()) {
                Gauge.builder("pmm03.outbox.messages", o, x -> x.count(s)).tag("status", s.name())
                        .description("outbox rows by status (EXC_002, EXC_004: abnormal situations P.EXC.002/004)")
                        .register(registry);
            }
            Gauge.builder("pmm03.outbox.backlog", o, OutboxHealth::backlog)
                    .description("outbox rows waiting for delivery or an answer").register(registry);
        });
        attachments.ifAvailable(a -> {
            Gauge.builder("pmm03.attachments.bytes", a, x -> usage(x.directory())[0]).baseUnit("bytes")
                    .description("size of the stored attachments").register(registry);
            Gauge.builder("pmm03.attachments.files", a, x -> usage(x.directory())[1])
                    .description("number of stored attachments").register(registry);
            Gauge.builder("pmm03.attachments.free", a, x -> x.directory().toFile().getUsableSpace()).baseUnit("bytes")
                    .description("free space where the attachments are kept").register(registry);
        });
        security.ifAvailable(s -> {
            certificates("keystore", s.keystore());
            certificates("truststore", s.truststore());
        });
    }

    /** Counts one journaled message. */
    public void message(String direction, String code, String result) {
        Counter.builder("pmm03.messages").description("journaled messages by message code and result code")
                .tag("direction", direction == null ? "" : direction).tag("code", code == null ? "" : code)
                .tag("result", result == null ? "" : result).register(registry).increment();
    }

    private void certificates(String store, WsSecuritySettings.KeyStoreRef ref) {
        if (ref == null || ref.file() == null) {
            return;
        }
        try {
            KeyStore ks = ref.load();
            for (String alias : Collections.list(ks.aliases())) {
                if (ks.getCertificate(alias) instanceof X509Certificate c) {
                    Gauge.builder("pmm03.certificate.expiry.days", c,
                                    x -> Duration.between(Instant.now(), x.getNotAfter().toInstant()).toHours() / 24.0)
                            .tag("store", store).tag("alias", alias)
                            .description("days until the certificate expires (negative: expired)").register(registry);
                }
            }
        } catch (Exception e) {
            // the security configuration reports an unreadable keystore itself
        }
    }

    private static long[] usage(Path dir) {
        long bytes = 0;
        long files = 0;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
                bytes += Files.size(p);
                files++;
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            return new long[]{-1, -1};
        }
        return new long[]{bytes, files};
    }
}
