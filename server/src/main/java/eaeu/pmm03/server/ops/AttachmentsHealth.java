package eaeu.pmm03.server.ops;

import eaeu.pmm03.server.attachment.AttachmentStore;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

import java.nio.file.Files;
import java.nio.file.Path;

/** Readiness (D-163): the attachment store's directory accepts a file (MSG.016 PDFs are kept there). */
@Component("attachmentsHealthIndicator")
public class AttachmentsHealth implements HealthIndicator {

    private final AttachmentStore store;

    public AttachmentsHealth(AttachmentStore store) {
        this.store = store;
    }

    @Override
    public Health health() {
        Path dir = store.directory();
        try {
            Path probe = Files.createTempFile(dir, ".ready-", ".probe");
            Files.delete(probe);
            return Health.up().withDetail("free", dir.toFile().getUsableSpace()).build();
        } catch (Exception e) {
            return Health.down().withDetail("error", "attachment directory not writable: " + e.getMessage()).build();
        }
    }
}
