package eaeu.pmm03.server.portal;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Statistics of the unified database for people (issue #14 item 4, D-158): the records in force, counted by country,
 * subsection (StatusLowQualityCode: 01 substandard, 02 counterfeit, 03 falsified), year of entry into force, and
 * country × subsection. Counted on the search rows, which exist only for published versions: a test participant's
 * record (audience TEST) is never counted; demonstration records exist only on a development node (ProductionGuard).
 * One row per record in force: only a record's current version has closed_at NULL.
 */
@RestController
public class Statistics {

    private final JdbcTemplate jdbc;

    public Statistics(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record Count(String key, long count) {}

    public record Cell(String country, String status, long count) {}

    public record Stats(long total, List<Count> byCountry, List<Count> byStatus, List<Count> byYear,
                        List<Cell> byCountryAndStatus, Map<String, Map<String, String>> statusNames) {}

    private static final String IN_FORCE = " FROM record_search WHERE closed_at IS NULL";

    public Stats stats() {
        Long total = jdbc.queryForObject("SELECT COUNT(*)" + IN_FORCE, Long.class);
        List<Count> byCountry = counts("country", "COUNT(*) DESC, country");
        List<Count> byStatus = counts("status_code", "status_code");
        List<Count> byYear = counts("CAST(YEAR(start_date_time) AS CHAR)", "1");
        List<Cell> cells = jdbc.query("SELECT country, status_code, COUNT(*)" + IN_FORCE
                + " GROUP BY country, status_code ORDER BY country, status_code",
                (rs, n) -> new Cell(rs.getString(1), rs.getString(2), rs.getLong(3)));
        return new Stats(total == null ? 0 : total, byCountry, byStatus, byYear, cells, new java.util.TreeMap<>(SearchQuery.STATUS_NAMES));
    }

    private List<Count> counts(String column, String order) {
        return new ArrayList<>(jdbc.query("SELECT " + column + " k, COUNT(*)" + IN_FORCE + " GROUP BY k ORDER BY " + order,
                (rs, n) -> new Count(rs.getString(1), rs.getLong(2))));
    }

    @GetMapping(path = "/api/v1/statistics", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Stats> statistics() {
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofMinutes(1)).cachePublic()).body(stats());
    }
}
