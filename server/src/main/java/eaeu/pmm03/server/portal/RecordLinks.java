package eaeu.pmm03.server.portal;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A record's permalink {@code /r/{recordId}} (short enough to print and type) and its QR code as SVG, drawn with
 * ZXing (issue #14.3, D-191). Only published records get either: a test record is a 404 like everywhere else.
 */
@RestController
public class RecordLinks {

    /** Record ids are UUIDs or similar tokens; anything else never reaches the database. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    private final RecordView records;

    public RecordLinks(RecordView records) {
        this.records = records;
    }

    private String published(String recordId) {
        if (!ID.matcher(recordId).matches() || records.record(recordId, null).isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no record " + recordId);
        }
        return recordId;
    }

    @GetMapping("/r/{recordId}")
    public ResponseEntity<Void> permalink(@PathVariable String recordId) {
        return ResponseEntity.status(HttpStatus.FOUND)
                .location(URI.create("/portal/record.html?id=" + published(recordId))).build();
    }

    @GetMapping(path = "/api/v1/records/{recordId}/qr.svg", produces = "image/svg+xml")
    public ResponseEntity<String> qr(@PathVariable String recordId) {
        String url = ServletUriComponentsBuilder.fromCurrentContextPath().path("/r/").path(published(recordId))
                .toUriString();
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofDays(1)).cachePublic())
                .header("X-Content-Type-Options", "nosniff").body(svg(url));
    }

    /** The QR code of a text as one SVG path (a square per dark module), with the quiet zone ZXing adds. */
    static String svg(String text) {
        BitMatrix m;
        try {
            m = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4));
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode a QR code: " + e.getMessage(), e);
        }
        StringBuilder d = new StringBuilder();
        for (int y = 0; y < m.getHeight(); y++) {
            for (int x = 0; x < m.getWidth(); x++) {
                if (m.get(x, y)) {
                    d.append('M').append(x).append(' ').append(y).append("h1v1h-1z");
                }
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + m.getWidth() + " " + m.getHeight()
                + "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>"
                + "<path fill=\"#000\" d=\"" + d + "\"/></svg>";
    }
}
