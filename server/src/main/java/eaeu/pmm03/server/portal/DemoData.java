package eaeu.pmm03.server.portal;

import eaeu.pmm03.contract.hccdo.DrugMonitoringItemDetailsType;
import eaeu.pmm03.contract.samples.Samples;
import eaeu.pmm03.contract.xml.ContractJaxb;
import eaeu.pmm03.security.xml.HardenedXml;
import eaeu.pmm03.server.commission.RecordMapper;
import eaeu.pmm03.server.pipeline.XmlText;
import eaeu.pmm03.server.registry.Provenance;
import eaeu.pmm03.server.registry.RecordData;
import eaeu.pmm03.server.registry.RecordVersion;
import eaeu.pmm03.server.registry.UnifiedDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.imageio.ImageIO;
import javax.xml.transform.stream.StreamSource;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * At startup: fills the portal's search rows for versions stored before the portal existed, and — when
 * pmm03.portal.demo-data is true and the unified database is empty — includes a handful of demonstration records
 * (provenance "demo") through the same UnifiedDatabase code path as MSG.001/002/003, built from the project's
 * sample documents, so that a newcomer finds a falsified batch at once.
 */
@Component
@ConditionalOnExpression("'${pmm03.roles}'.contains('commission')")
public class DemoData implements ApplicationRunner {

    public static final String PARTICIPANT = "demo";
    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    /** How a demo record differs from the sample item it is made of. null = keep. */
    public record Variant(String tradeName, String inn, List<String> batches, String country, String status,
                          String docId, String start, String end, String manufacturer) {}

    private final UnifiedDatabase db;
    private final SearchIndex index;
    private final TransactionTemplate tx;
    private final HardenedXml xml;
    private final JdbcTemplate jdbc;
    private final boolean enabled;

    public DemoData(UnifiedDatabase db, SearchIndex index, TransactionTemplate tx, HardenedXml xml, JdbcTemplate jdbc,
                    @Value("${pmm03.portal.demo-data:false}") boolean enabled) {
        this.db = db;
        this.index = index;
        this.tx = tx;
        this.xml = xml;
        this.jdbc = jdbc;
        this.enabled = enabled;
    }

    @Override
    public void run(ApplicationArguments args) {
        index.backfill();
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM record_version", Long.class);
        if (enabled && n != null && n == 0) {
            load();
        }
    }

    /** Loads the demonstration records unless some are there already. Returns the number of versions stored. */
    public int loadIfAbsent() {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM record_version WHERE created_by = ?", Long.class, PARTICIPANT);
        return n != null && n > 0 ? 0 : load();
    }

    public int load() {
        String maximal = Samples.byFile("dmd-msg008-maximal.xml").text();
        List<String> items = items(maximal);
        String falsified = withPicture(items.get(0));
        int count = 0;
        count += include(variant(falsified, new Variant(null, null, List.of("IB40-1125", "IB40-1126"), null, null, null,
                "2026-11-12T16:40:00+03:00", "", null)));
        count += change(variant(falsified, new Variant(null, null, List.of("IB40-1125", "IB40-1126", "IB40-1127"), null,
                null, null, "2026-11-19T09:00:00+03:00", "", null)));
        count += include(variant(items.get(1), new Variant("Цефтриаксон-Норд", "Цефтриаксон", List.of("CF-2610-04"),
                null, null, null, null, "", null)));
        count += include(variant(falsified, new Variant("Амоксициллин-Фармстандарт", "Амоксициллин",
                List.of("AMX-2403-17"), "KZ", "01", "KZ-ФК-7741", "2026-10-02T12:00:00+05:00", "", "ТОО «Фарм-Казахстан»")));
        count += include(variant(falsified, new Variant("Кардиомагнил Плюс", "Ацетилсалициловая кислота + Магния гидроксид",
                List.of("KM-5521"), "BY", "02", "BY-02-118/26", "2026-09-15T10:00:00+03:00", "", "ООО «БелФармТорг»")));
        count += include(variant(falsified, new Variant("Омепразол-Арм", "Омепразол", List.of("OM-0925-B"), "AM", "03",
                "AM-ДЛ-55/26", "2026-08-20T09:30:00+04:00", "", "ЗАО «Арм-Фарма»")));
        count += include(variant(falsified, new Variant("Инсулин Гларгин-Био", "Инсулин гларгин", List.of("GL-7781"), "KG",
                "03", "KG-ДЛО-901", "2026-07-01T08:00:00+06:00", "", "ОсОО «Био-Кыргыз»")));
        String paracetamol = variant(falsified, new Variant("Парацетамол-Экстра", "Парацетамол", List.of("PX-118"), "RU",
                "01", "02И-1711/26", "2026-06-10T11:00:00+03:00", "", null));
        count += include(paracetamol);
        count += exclude(paracetamol, "2026-10-01T12:00:00+03:00");
        log.info("portal demo data: {} versions stored (participant '{}')", count, PARTICIPANT);
        return count;
    }

    /** The hccdo:DrugMonitoringItemDetails elements of a document, each serialized on its own. */
    public List<String> items(String document) {
        Document d = ItemFacts.parse(document, xml);
        NodeList list = d.getDocumentElement().getChildNodes();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) {
            if (list.item(i) instanceof Element e && "DrugMonitoringItemDetails".equals(e.getLocalName())) {
                out.add(XmlText.serialize(e));
            }
        }
        return out;
    }

    /** A copy of the item with the variant's values; the first trade name / drug name / manufacturer is replaced. */
    public String variant(String itemXml, Variant v) {
        Element item = ItemFacts.parse(itemXml, xml).getDocumentElement();
        if (v.tradeName() != null) {
            // another medicine: keep one DrugMonitoringDetails and one AuthorityActionDetails, reword the texts
            removeAllButFirst(all(item, "DrugMonitoringDetails"));
            removeAllButFirst(all(item, "AuthorityActionDetails"));
            set(item, "DrugTradeName", v.tradeName());
            String batch = v.batches() == null ? "" : " " + String.join(", ", v.batches());
            all(item, "AuthorityActionDetails").forEach(a -> all(a, "DescriptionText").forEach(d -> d.setTextContent(
                    "Принято решение об изъятии из обращения серии" + batch + " лекарственного препарата «" + v.tradeName() + "».")));
            all(item, "FalsificationSignDetails").forEach(f -> all(f, "DescriptionText").forEach(d -> d.setTextContent(
                    "Упаковка отличается от оригинальной: иной шрифт номера серии, отсутствует защитная наклейка.")));
            if ("01".equals(v.status())) {
                all(item, "FalsificationSignDetails").forEach(f -> f.getParentNode().removeChild(f));
            }
        }
        if (v.inn() != null) {
            List<Element> names = all(item, "DrugNameDetails");
            for (int i = 1; i < names.size(); i++) {
                names.get(i).getParentNode().removeChild(names.get(i));
            }
            set(item, "DrugName", v.inn());
        }
        if (v.batches() != null) {
            List<Element> batches = all(item, "BatchNumberId");
            for (int i = 0; i < batches.size(); i++) {
                if (i < v.batches().size()) {
                    batches.get(i).setTextContent(v.batches().get(i));
                } else { // fewer batches than the sample has: drop the batch
                    Node details = batches.get(i).getParentNode();
                    details.getParentNode().removeChild(details);
                }
            }
        }
        if (v.country() != null) {
            for (Node c = item.getFirstChild(); c != null; c = c.getNextSibling()) {
                if (c instanceof Element e && "UnifiedCountryCode".equals(e.getLocalName())) {
                    e.setTextContent(v.country());
                }
            }
        }
        if (v.status() != null) {
            set(item, "StatusLowQualityCode", v.status());
        }
        if (v.docId() != null) {
            set(item, "DocId", v.docId());
        }
        if (v.manufacturer() != null) {
            all(item, "ManufacturingAuthorizationHolderDetailsV2").stream().findFirst().ifPresent(m ->
                    all(m, "BusinessEntityName").stream().findFirst().ifPresent(n -> n.setTextContent(v.manufacturer())));
        }
        if (v.start() != null) {
            set(item, "StartDateTime", v.start());
        }
        if (v.end() != null) {
            List<Element> ends = all(item, "EndDateTime");
            if (v.end().isEmpty()) {
                ends.forEach(e -> e.getParentNode().removeChild(e));
            } else if (!ends.isEmpty()) {
                ends.get(0).setTextContent(v.end());
            }
        }
        return XmlText.serialize(item);
    }

    private static void removeAllButFirst(List<Element> list) {
        for (int i = 1; i < list.size(); i++) {
            list.get(i).getParentNode().removeChild(list.get(i));
        }
    }

    private static void set(Element root, String local, String value) {
        all(root, local).stream().findFirst().ifPresent(e -> e.setTextContent(value));
    }

    private static List<Element> all(Element root, String local) {
        List<Element> out = new ArrayList<>();
        NodeList l = root.getElementsByTagNameNS("*", local);
        for (int i = 0; i < l.getLength(); i++) {
            out.add((Element) l.item(i));
        }
        return out;
    }

    public static DrugMonitoringItemDetailsType jaxb(String itemXml) {
        try {
            return ContractJaxb.unmarshaller().unmarshal(new StreamSource(new StringReader(itemXml)),
                    DrugMonitoringItemDetailsType.class).getValue();
        } catch (jakarta.xml.bind.JAXBException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Provenance by(String message) {
        return new Provenance(PARTICIPANT, UUID.randomUUID().toString(), message, false,
                eaeu.pmm03.server.registry.Audience.DEMO);
    }

    /** Includes an item as MSG.001 would (same UnifiedDatabase path), with provenance "demo". */
    public RecordVersion includeItem(String itemXml) {
        RecordData data = RecordMapper.data(jaxb(itemXml), itemXml);
        return tx.execute(s -> db.include(data, by("P.MM.03.MSG.001")));
    }

    public RecordVersion changeItem(String itemXml) {
        RecordData data = RecordMapper.data(jaxb(itemXml), itemXml);
        return tx.execute(s -> db.change(data, by("P.MM.03.MSG.002")));
    }

    public RecordVersion excludeItem(String itemXml, Instant end) {
        RecordData data = RecordMapper.data(jaxb(itemXml), itemXml);
        return tx.execute(s -> db.exclude(data.key(), end, by("P.MM.03.MSG.003")));
    }

    private int include(String itemXml) {
        try {
            includeItem(itemXml);
            return 1;
        } catch (UnifiedDatabase.ConflictException e) {
            log.warn("demo record not included: {}", e.getMessage());
            return 0;
        }
    }

    private int change(String itemXml) {
        try {
            changeItem(itemXml);
            return 1;
        } catch (UnifiedDatabase.ConflictException e) {
            log.warn("demo record not changed: {}", e.getMessage());
            return 0;
        }
    }

    private int exclude(String itemXml, String end) {
        try {
            excludeItem(itemXml, java.time.OffsetDateTime.parse(end).toInstant());
            return 1;
        } catch (UnifiedDatabase.ConflictException e) {
            log.warn("demo record not excluded: {}", e.getMessage());
            return 0;
        }
    }

    /** Replaces the sample's 1×1 pixel picture of a falsification sign by a visible demonstration image. */
    private String withPicture(String itemXml) {
        Element item = ItemFacts.parse(itemXml, xml).getDocumentElement();
        List<Element> pics = all(item, "FalsificationSignPicture");
        if (!pics.isEmpty() && "image/png".equals(pics.get(0).getAttribute("mediaTypeCode"))) {
            try {
                pics.get(0).setTextContent(Base64.getEncoder().encodeToString(picture()));
            } catch (RuntimeException | Error e) { // no fonts on a bare server: keep the sample's picture
                log.info("demo picture not drawn ({}); the sample's picture is kept", e.toString());
            }
        }
        return XmlText.serialize(item);
    }

    static byte[] picture() {
        System.setProperty("java.awt.headless", "true");
        BufferedImage img = new BufferedImage(320, 160, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(new Color(0xF4F1EA));
        g.fillRect(0, 0, 320, 160);
        g.setColor(new Color(0xB00020));
        g.drawRect(8, 8, 303, 143);
        g.drawLine(8, 8, 311, 151);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        g.drawString("IB40-1125", 24, 48);
        g.setColor(new Color(0x333333));
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.drawString("no hologram / sample image", 24, 80);
        g.drawString("pmm03 demo", 24, 130);
        g.dispose();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(img, "png", out);
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
