package eaeu.pmm03.server.portal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A portal search: free text and field filters over the records active now (or at {@code asOf}: the database as
 * it stood then, i.e. versions stored at or before that instant and not yet closed by it).
 *
 * @param q            free text over trade name, INN, manufacturer, holder, batch, consignment and document numbers
 * @param status       subsections: 01 substandard, 02 counterfeit, 03 falsified
 * @param from         StartDateTime on or after this day (UTC)
 * @param to           StartDateTime on or before this day (UTC)
 * @param sort         start_desc (default), start_asc, name, country
 */
public record SearchQuery(String q, String tradeName, String inn, String batch, String manufacturer, String holder,
                          List<String> country, List<String> status, LocalDate from, LocalDate to, Instant asOf,
                          String sort, int page, int size) {

    public static final int MAX_SIZE = 100;
    /** The sort keys (PortalSearch orders by them). */
    public static final java.util.Set<String> SORTS = java.util.Set.of("start_desc", "start_asc", "name", "country");
    /** The subsections: 01 substandard, 02 counterfeit, 03 falsified. */
    public static final java.util.Set<String> STATUSES = java.util.Set.of("01", "02", "03");
    /** Their names in Russian and English (the API's meta and statistics give them to clients). */
    public static final java.util.Map<String, java.util.Map<String, String>> STATUS_NAMES = java.util.Map.of(
            "01", java.util.Map.of("ru", "недоброкачественные", "en", "substandard"),
            "02", java.util.Map.of("ru", "контрафактные", "en", "counterfeit"),
            "03", java.util.Map.of("ru", "фальсифицированные", "en", "falsified"));

    public SearchQuery {
        country = country == null ? List.of() : country.stream().filter(c -> c != null && !c.isBlank())
                .map(c -> c.strip().toUpperCase(java.util.Locale.ROOT)).toList();
        status = status == null ? List.of() : status.stream().filter(c -> c != null && !c.isBlank()).map(String::strip).toList();
        page = Math.max(page, 1);
        size = size <= 0 ? 20 : Math.min(size, MAX_SIZE);
        sort = sort == null || sort.isBlank() ? "start_desc" : sort;
    }

    public static SearchQuery all() {
        return new SearchQuery(null, null, null, null, null, null, null, null, null, null, null, null, 1, 20);
    }
}
