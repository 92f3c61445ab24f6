package eaeu.pmm03.server.portal;

import eaeu.pmm03.server.portal.gs1.Gs1;
import org.springframework.stereotype.Service;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The pack check: a GS1 Data Matrix content → its GTIN, serial, expiry and batch → the active records with that batch
 * (series) number → a verdict a nurse or pharmacist can act on. The unified database holds batch numbers, not GTINs
 * or serials, so the batch is the key and the trade name must be compared by the person holding the pack.
 */
@Service
public class PackCheck {

    public enum Verdict { FOUND, NOT_FOUND, INVALID }

    public record Message(String ru, String en) {}

    public record Parsed(String gtin, String serial, String expiry, LocalDate expiryDate, String batch,
                         Map<String, String> elements) {}

    public record Result(String code, Verdict verdict, Message message, Parsed parsed, List<Gs1.Problem> problems,
                         boolean expired, List<PortalSearch.Hit> matches) {}

    private final PortalSearch search;

    public PackCheck(PortalSearch search) {
        this.search = search;
    }

    public Result check(String code) {
        Gs1.Parsed p = Gs1.parse(code);
        Parsed parsed = new Parsed(p.gtin(), p.serial(), p.expiry(), p.expiryDate(), p.batch(), p.elements());
        boolean expired = p.expiryDate() != null && p.expiryDate().isBefore(LocalDate.now());
        if (!p.valid()) {
            return new Result(code, Verdict.INVALID, new Message(
                    "Код не удалось проверить: " + p.problems().get(0).ru(),
                    "The code could not be checked: " + p.problems().get(0).en()), parsed, p.problems(), expired, List.of());
        }
        List<PortalSearch.Hit> hits = search.byBatch(p.batch());
        if (hits.isEmpty()) {
            return new Result(code, Verdict.NOT_FOUND, new Message(
                    "Серия «" + p.batch() + "» не найдена в единой базе данных недоброкачественных, фальсифицированных и"
                            + " контрафактных лекарственных средств. Запись не найдена — это не гарантия качества препарата.",
                    "Batch \"" + p.batch() + "\" is not in the unified database of substandard, falsified and counterfeit"
                            + " medicines. No record found — this is not a guarantee of quality."),
                    parsed, List.of(), expired, List.of());
        }
        return new Result(code, Verdict.FOUND, new Message(
                "ВНИМАНИЕ: серия «" + p.batch() + "» есть в единой базе данных (" + hits.size() + " зап.). Сверьте"
                        + " торговое наименование с упаковкой; при совпадении не применяйте и не отпускайте препарат,"
                        + " изолируйте упаковку и сообщите в уполномоченный орган.",
                "WARNING: batch \"" + p.batch() + "\" is in the unified database (" + hits.size() + " record(s)). Compare"
                        + " the trade name with the pack; if it matches, do not use or dispense it, quarantine the pack"
                        + " and inform the authority."),
                parsed, List.of(), expired, hits);
    }
}
