package eaeu.pmm03.server.portal;

import eaeu.pmm03.server.portal.gs1.Gs1;
import org.springframework.stereotype.Service;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The pack check: a GS1 Data Matrix content (or a batch typed from the pack) → the active records with that batch
 * (series) number → a verdict a nurse or pharmacist can act on. The unified database holds batch numbers, not GTINs
 * or serials, so the batch is the key and the trade name must be compared by the person holding the pack.
 *
 * <p>A recall is never hidden behind a defect of the code (D-150): whatever part of a code is readable is used, the
 * defects (wrong GTIN check digit, unknown element…) are reported <em>beside</em> the verdict. Verdicts:
 * <ul>
 * <li>{@code FOUND} — the batch is in the database (alert);</li>
 * <li>{@code NOT_FOUND} — it is not; neutral, and says what that does and does not mean;</li>
 * <li>{@code NEED_BATCH} — the code is readable but carries no batch (national marking codes: (01)(21)(91)(92) or
 *     (93)); the person is asked for the batch printed on the pack;</li>
 * <li>{@code INVALID} — nothing readable at all.</li>
 * </ul>
 */
@Service
public class PackCheck {

    public enum Verdict { FOUND, NOT_FOUND, NEED_BATCH, INVALID }

    /** Where the batch came from: the scanned/pasted code or the manual form. */
    public enum Source { CODE, MANUAL }

    public record Message(String ru, String en) {}

    public record Parsed(String gtin, String serial, String expiry, LocalDate expiryDate, String batch,
                         Map<String, String> elements) {}

    /**
     * @param nameMatches record ids among {@code matches} whose trade name contains the trade name given in the manual
     *                    form (empty when none was given)
     */
    public record Result(String code, Source source, Verdict verdict, Message message, Parsed parsed,
                         List<Gs1.Problem> problems, boolean expired, List<PortalSearch.Hit> matches,
                         String tradeName, List<String> nameMatches) {}

    /** What a person typed from a pack without a (readable) code: the batch, optionally the trade name or GTIN. */
    public record Manual(String batch, String tradeName, String gtin) {}

    private final PortalSearch search;

    public PackCheck(PortalSearch search) {
        this.search = search;
    }

    /** A code as scanned or pasted. */
    public Result check(String code) {
        Gs1.Parsed p = Gs1.parse(code);
        Parsed parsed = new Parsed(p.gtin(), p.serial(), p.expiry(), p.expiryDate(), p.batch(), p.elements());
        boolean expired = p.expiryDate() != null && p.expiryDate().isBefore(LocalDate.now());
        if (p.batch() != null) {
            return lookup(code, Source.CODE, parsed, p.problems(), expired, null);
        }
        if (!p.elements().isEmpty()) {
            return new Result(code, Source.CODE, Verdict.NEED_BATCH, new Message(
                    "В коде нет номера серии (так устроены, например, национальные коды маркировки). Введите серию,"
                            + " напечатанную на упаковке (после слов «Серия», «Сер.», «Lot» или «LOT»), и проверьте ещё раз.",
                    "The code carries no batch number (national marking codes, for example, do not). Enter the batch"
                            + " printed on the pack (after \"Серия\", \"Lot\" or \"LOT\") and check again."),
                    parsed, p.problems(), expired, List.of(), null, List.of());
        }
        Gs1.Problem first = p.problems().isEmpty() ? null : p.problems().get(0);
        return new Result(code, Source.CODE, Verdict.INVALID, new Message(
                "Код не удалось прочитать" + (first == null ? "." : ": " + first.ru())
                        + " Введите серию, напечатанную на упаковке, в форме ниже.",
                "The code could not be read" + (first == null ? "." : ": " + first.en())
                        + " Enter the batch printed on the pack in the form below."),
                parsed, p.problems(), expired, List.of(), null, List.of());
    }

    /** The manual form: a batch is required; the trade name narrows nothing but is compared; a GTIN is checked. */
    public Result check(Manual m) {
        String batch = blankToNull(m.batch());
        String gtin = blankToNull(m.gtin());
        String name = blankToNull(m.tradeName());
        List<Gs1.Problem> problems = new ArrayList<>();
        if (gtin != null) {
            Gs1.gtinProblem(gtin).ifPresent(problems::add);
        }
        Parsed parsed = new Parsed(gtin, null, null, null, batch, Map.of());
        if (batch == null || ItemFacts.norm(batch).isEmpty()) {
            problems.add(0, new Gs1.Problem("MISSING_BATCH", "Введите серию (партию), напечатанную на упаковке.",
                    "Enter the batch (series) printed on the pack."));
            return new Result(null, Source.MANUAL, Verdict.NEED_BATCH, new Message(problems.get(0).ru(), problems.get(0).en()),
                    parsed, problems, false, List.of(), name, List.of());
        }
        return lookup(null, Source.MANUAL, parsed, problems, false, name);
    }

    private Result lookup(String code, Source source, Parsed parsed, List<Gs1.Problem> problems, boolean expired,
                          String tradeName) {
        String batch = parsed.batch();
        List<PortalSearch.Hit> hits = search.byBatch(batch);
        if (hits.isEmpty()) {
            return new Result(code, source, Verdict.NOT_FOUND, new Message(
                    "Запись не найдена: серии «" + batch + "» нет среди действующих записей единой базы данных"
                            + " недоброкачественных, фальсифицированных и контрафактных лекарственных средств ЕАЭС."
                            + " Это значит, что уполномоченные органы не вносили эту серию в базу. Это не гарантия"
                            + " качества препарата: проверьте внешний вид, срок годности и происхождение упаковки;"
                            + " при сомнениях обратитесь к фармацевту или в уполномоченный орган.",
                    "No record found: batch \"" + batch + "\" is not among the records in force of the EAEU unified"
                            + " database of substandard, falsified and counterfeit medicines. This means no authority has"
                            + " entered this batch in the database. This is not a guarantee of quality: check the pack's"
                            + " appearance, expiry and source; if in doubt, ask a pharmacist or the authority."),
                    parsed, problems, expired, List.of(), tradeName, List.of());
        }
        List<String> nameMatches = tradeName == null ? List.of() : hits.stream()
                .filter(h -> contains(h.tradeNames() != null ? h.tradeNames() : h.tradeName(), tradeName))
                .map(PortalSearch.Hit::recordId).distinct().toList();
        String ru = "ВНИМАНИЕ: серия «" + batch + "» есть в единой базе данных (" + hits.size() + " зап.). Сверьте"
                + " торговое наименование с упаковкой; при совпадении не применяйте и не отпускайте препарат,"
                + " изолируйте упаковку и сообщите в уполномоченный орган.";
        String en = "WARNING: batch \"" + batch + "\" is in the unified database (" + hits.size() + " record(s)). Compare"
                + " the trade name with the pack; if it matches, do not use or dispense it, quarantine the pack"
                + " and inform the authority.";
        if (tradeName != null && nameMatches.isEmpty()) {
            ru += " Указанное торговое наименование «" + tradeName + "» не совпало с записями — сверьте внимательно.";
            en += " The trade name given, \"" + tradeName + "\", does not match the records — compare carefully.";
        }
        return new Result(code, source, Verdict.FOUND, new Message(ru, en), parsed, problems, expired, hits, tradeName,
                nameMatches);
    }

    private static boolean contains(String names, String name) {
        return names != null && names.toLowerCase(Locale.ROOT).contains(name.strip().toLowerCase(Locale.ROOT));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
