package eaeu.pmm03.server.portal;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The portal in a real headless Chromium (Debian chromium + chromium-driver). Chromium missing is a FAILURE with
 * instructions, never a skip: these tests are part of CI (scripts/prerequisites.sh installs the packages).
 * Screenshots go to server/target/screenshots/.
 */
class PortalBrowserTest extends PortalTestBase {

    static final String CHROMIUM = System.getProperty("pmm03.chromium", "/usr/bin/chromium");
    static final String DRIVER = System.getProperty("pmm03.chromedriver", "/usr/bin/chromedriver");
    static final Path SHOTS = Path.of("target", "screenshots");
    static WebDriver driver;

    @BeforeAll
    static void browser() throws Exception {
        if (!new File(CHROMIUM).canExecute() || !new File(DRIVER).canExecute()) {
            throw new IllegalStateException("headless Chromium is required for the portal browser tests: " + CHROMIUM
                    + " / " + DRIVER + " not found. Install: apt-get install -y chromium chromium-driver"
                    + " (scripts/prerequisites.sh does it as root), or point -Dpmm03.chromium / -Dpmm03.chromedriver to them.");
        }
        Files.createDirectories(SHOTS);
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM);
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--no-first-run", "--lang=ru-RU",
                "--window-size=1280,900");
        driver = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER)).build(), o);
    }

    @AfterAll
    static void close() {
        if (driver != null) {
            driver.quit();
        }
    }

    private WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(15));
    }

    private void shot(String name) throws Exception {
        File f = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(f.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private void open(String path) {
        driver.get(base() + path);
        ((JavascriptExecutor) driver).executeScript("localStorage.clear()");
        driver.get(base() + path);
    }

    @Test
    void searchFindsTheFalsifiedBatchAndOpensTheRecordWithHistory() throws Exception {
        open("/portal/");
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("summary"), "Найдено"));
        assertThat(driver.findElement(By.tagName("h1")).getText()).contains("Поиск");
        WebElement q = driver.findElement(By.id("q"));
        q.sendKeys("IB40-1125");
        driver.findElement(By.id("go")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("summary"), "Найдено записей: 1"));
        WebElement link = driver.findElement(By.cssSelector("#results .trade"));
        assertThat(link.getText()).isEqualTo("Ибупрофен-Велфарм Форте");
        assertThat(driver.findElement(By.cssSelector("#results .badge")).getText()).isEqualTo("фальсифицированные");
        assertThat(driver.getCurrentUrl()).contains("q=IB40-1125");
        shot("01-search");
        link.click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("history")));
        assertThat(driver.findElement(By.id("trade-name")).getText()).isEqualTo("Ибупрофен-Велфарм Форте");
        assertThat(driver.findElement(By.id("state")).getText()).isEqualTo("действующая запись");
        assertThat(driver.findElement(By.id("signs")).getText()).contains("голографическая наклейка");
        WebElement img = driver.findElement(By.cssSelector("#signs img"));
        Boolean loaded = (Boolean) ((JavascriptExecutor) driver).executeScript(
                "return arguments[0].complete && arguments[0].naturalWidth > 0", img);
        assertThat(loaded).as("picture of the falsification sign is shown").isTrue();
        assertThat(driver.findElement(By.cssSelector("#documents a.pdf")).getAttribute("href")).contains("/api/v1/versions/");
        // the provenance is folded away (D-191); opened on request
        assertThat(driver.findElement(By.id("history")).isDisplayed()).isFalse();
        driver.findElement(By.cssSelector("#provenance > summary")).click();
        String history = driver.findElement(By.id("history")).getText();
        assertThat(history).contains("Версия 1").contains("Версия 2").contains("изменение").contains("P.MM.03.MSG.002")
                .contains("IB40-1127").contains("Номер серии лекарственного препарата");
        assertThat(driver.findElement(By.id("fields")).getAttribute("textContent")).contains("Торговое наименование лекарственного препарата")
                .contains("Номер серии лекарственного препарата").contains("IB40-1127");
        shot("02-record");
        ((JavascriptExecutor) driver).executeScript("document.getElementById('history').scrollIntoView()");
        shot("03-record-history");
    }

    @Test
    void filtersAndPhoneLayout() throws Exception {
        driver.manage().window().setSize(new Dimension(390, 844));
        try {
            open("/portal/?status=02&country=BY");
            waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("summary"), "Найдено записей: 1"));
            assertThat(driver.findElement(By.cssSelector("#results .trade")).getText()).isEqualTo("Кардиомагнил Плюс");
            Long overflow = (Long) ((JavascriptExecutor) driver).executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertThat(overflow).as("no horizontal scrolling on a phone").isLessThanOrEqualTo(0L);
            assertThat(driver.findElement(By.id("x-csv")).getAttribute("href")).contains("export.csv?country=BY&status=02");
            shot("04-phone-filter");
        } finally {
            driver.manage().window().setSize(new Dimension(1280, 900));
        }
    }

    private WebElement checkCode(String code) {
        open("/portal/check.html");
        ((JavascriptExecutor) driver).executeScript("document.getElementById('code').value = arguments[0]", code);
        driver.findElement(By.id("do-check")).click();
        return waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("verdict-box")));
    }

    @Test
    void packCheckFound() throws Exception {
        WebElement box = checkCode("(01)04601234567893(21)ABC123(17)281101(10)IB40-1125");
        assertThat(box.getAttribute("data-verdict")).isEqualTo("FOUND");
        assertThat(box.getAttribute("role")).isEqualTo("alert");
        assertThat(driver.findElement(By.id("p-gtin")).getText()).isEqualTo("04601234567893");
        assertThat(driver.findElement(By.id("p-serial")).getText()).isEqualTo("ABC123");
        assertThat(driver.findElement(By.id("p-batch")).getText()).isEqualTo("IB40-1125");
        assertThat(driver.findElement(By.id("p-expiry")).getText()).contains("2028");
        assertThat(driver.findElement(By.id("matches")).getText()).contains("Ибупрофен-Велфарм Форте").contains("ТН-2026/11-0457");
        assertThat(driver.findElements(By.id("problems"))).isEmpty();
        shot("05-check-found");
    }

    @Test
    void packCheckFoundDespiteAWrongCheckDigit() throws Exception {
        // issue #14: the README's code with one wrong GTIN digit must still show the falsified batch, defect beside it
        WebElement box = checkCode("(01)04601234567890(21)X(10)IB40-1125");
        assertThat(box.getAttribute("data-verdict")).isEqualTo("FOUND");
        assertThat(driver.findElement(By.id("matches")).getText()).contains("Ибупрофен-Велфарм Форте");
        assertThat(driver.findElement(By.id("problems")).getText()).contains("контрольная цифра").contains("ожидалась 3");
        assertThat(driver.findElement(By.id("defects")).getText()).contains("по читаемой части кода");
        shot("05b-check-found-with-defect");
    }

    @Test
    void packCheckNotFoundIsNeutral() throws Exception {
        // the raw form a scanner types, GS as U+001D
        WebElement box = checkCode("]d2010460123456789321SN1\u001d17281130" + "10NO-SUCH-BATCH");
        assertThat(box.getAttribute("data-verdict")).isEqualTo("NOT_FOUND");
        String text = driver.findElement(By.id("verdict-text")).getText();
        assertThat(text).contains("не гарантия качества").contains("не вносили");
        // neutral: neither the green of "safe" nor the red of the alert
        String border = box.getCssValue("border-top-color");
        assertThat(border).isEqualTo("rgba(90, 100, 114, 1)");
        shot("06-check-not-found");
    }

    @Test
    void packCheckNationalCodeAsksForTheBatch() throws Exception {
        // a national marking code: (01)(21)(91)(92), no batch
        WebElement box = checkCode("0104601234567893215NDK2T7XQ1P9W\u001d91EE06\u001d92"
                + "dGVzdGNyeXB0b3RhaWxmb3JhbWFya2luZ2NvZGVfXzEy");
        assertThat(box.getAttribute("data-verdict")).isEqualTo("NEED_BATCH");
        assertThat(driver.findElement(By.id("verdict-text")).getText()).contains("Введите серию");
        assertThat(driver.findElement(By.id("p-serial")).getText()).isEqualTo("5NDK2T7XQ1P9W");
        assertThat(driver.findElements(By.id("problems"))).isEmpty();
        shot("06b-check-need-batch");
        WebElement batch = driver.findElement(By.id("nb-batch"));
        assertThat(driver.switchTo().activeElement()).isEqualTo(batch); // keyboard: typing goes straight there
        batch.sendKeys("ib40 1125\n");
        waiting().until(ExpectedConditions.attributeToBe(By.id("verdict-box"), "data-verdict", "FOUND"));
        assertThat(driver.findElement(By.id("matches")).getText()).contains("Ибупрофен-Велфарм Форте");
        assertThat(driver.findElement(By.id("p-gtin")).getText()).isEqualTo("04601234567893");
        shot("06c-check-need-batch-then-found");
    }

    @Test
    void packCheckInvalidOnlyWhenNothingIsReadable() throws Exception {
        WebElement box = checkCode("hello world");
        assertThat(box.getAttribute("data-verdict")).isEqualTo("INVALID");
        assertThat(driver.findElement(By.id("verdict-text")).getText()).contains("Введите серию");
        assertThat(driver.findElement(By.id("problems")).getText()).contains("Неизвестный идентификатор");
        shot("07-check-invalid");
        // a code without (01) but with a batch is still checked
        box = checkCode("(21)X(17)281101(10)IB40-1125");
        assertThat(box.getAttribute("data-verdict")).isEqualTo("FOUND");
        assertThat(driver.findElement(By.id("problems")).getText()).contains("Нет поля (01) GTIN");
    }

    @Test
    void packCheckManualForm() throws Exception {
        open("/portal/check.html");
        driver.findElement(By.id("m-batch")).sendKeys("IB40-1125");
        driver.findElement(By.id("m-trade")).sendKeys("ибупрофен");
        driver.findElement(By.id("m-gtin")).sendKeys("04601234567890");
        driver.findElement(By.id("do-manual")).click();
        WebElement box = waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("verdict-box")));
        assertThat(box.getAttribute("data-verdict")).isEqualTo("FOUND");
        assertThat(driver.findElement(By.id("matches")).getText()).contains("торговое наименование совпало");
        assertThat(driver.findElement(By.id("problems")).getText()).contains("контрольная цифра");
        shot("07b-check-manual-found");
    }

    @Test
    void languageSwitch() throws Exception {
        open("/portal/check.html");
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Проверка упаковки по коду Data Matrix");
        driver.findElement(By.id("lang")).click();
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Check a pack by its Data Matrix code");
        assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        WebElement code = driver.findElement(By.id("code"));
        code.sendKeys("(01)04601234567893(21)X(17)281101(10)NOPE");
        driver.findElement(By.id("do-check")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("verdict-text"), "No record found"));
        assertThat(driver.findElement(By.id("verdict-text")).getText()).contains("not a guarantee of quality");
        shot("08-english-check");
        // the choice is remembered across pages
        driver.get(base() + "/portal/");
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("summary"), "found"));
        assertThat(driver.findElement(By.tagName("h1")).getText()).startsWith("Search");
        shot("09-english-search");
        driver.findElement(By.id("lang")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("summary"), "Найдено"));
        assertThat(driver.findElement(By.tagName("h1")).getText()).startsWith("Поиск");
    }

    @Test
    void hostileTradeNameIsShownAsText() throws Exception {
        open("/portal/?batch=" + HOSTILE_BATCH);
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("summary"), "Найдено записей: 1"));
        WebElement link = driver.findElement(By.cssSelector("#results .trade"));
        assertThat(link.getText()).isEqualTo(HOSTILE);
        assertThat(driver.findElements(By.cssSelector("#results script, #results img"))).isEmpty();
        link.click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("trade-name")));
        assertThat(driver.findElement(By.id("trade-name")).getText()).isEqualTo(HOSTILE);
        assertThat(driver.findElement(By.cssSelector(".f-manufacturer")).getText()).isEqualTo("<b>Evil</b> Pharma");
        assertThat(driver.findElements(By.cssSelector("main script, main img[src=x], main b"))).isEmpty();
        Object xss = ((JavascriptExecutor) driver).executeScript("return window.__xss === undefined ? null : window.__xss");
        assertThat(xss).as("no script from the record ran").isNull();
        assertThat(driver.getTitle()).startsWith(HOSTILE);
        shot("10-hostile-record");
    }

    @Test
    void statisticsChartsFromTheHomePage() throws Exception {
        open("/portal/");
        driver.findElement(By.cssSelector("a[href='/portal/stats.html']")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart-country-status svg rect")));
        assertThat(driver.findElements(By.cssSelector("#chart-status svg rect.bar"))).hasSizeGreaterThanOrEqualTo(2);
        assertThat(driver.findElement(By.id("stats-total")).getText()).startsWith("Действующих записей: ");
        assertThat(driver.findElement(By.cssSelector("#chart-status svg")).getText()).contains("фальсифицированные");
        shot("stats-ru");
        driver.findElement(By.id("lang")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("stats-total"), "Records in force"));
        assertThat(driver.findElement(By.cssSelector("#chart-status svg")).getText()).contains("falsified");
        shot("stats-en");
    }

    /** axe-core (vendored by scripts/vendor-axe.sh) run in the page: the serious and critical WCAG 2 A/AA violations. */
    @SuppressWarnings("unchecked")
    private java.util.List<String> axeViolations() throws Exception {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        if (!Boolean.TRUE.equals(js.executeScript("return !!window.axe"))) {
            try (var in = PortalBrowserTest.class.getResourceAsStream("/axe/axe.min.js")) {
                assertThat(in).as("axe.min.js vendored under server/src/test/resources/axe").isNotNull();
                js.executeScript(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        java.util.List<Object> found = (java.util.List<Object>) js.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
                + ".then(r => done(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')"
                + ".map(v => v.impact + ' ' + v.id + ': ' + v.help + ' — ' + v.nodes.map(n => n.target.join(' ')).join(', '))))"
                + ".catch(e => done(['axe failed: ' + e]));");
        return found.stream().map(String::valueOf).toList();
    }

    @Test
    void accessibilityOfHomeCheckRecordAndStatisticsPages() throws Exception {
        open("/portal/");
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("summary"), "Найдено"));
        ((JavascriptExecutor) driver).executeScript("document.getElementById('more').open = true");
        assertThat(axeViolations()).as("home page").isEmpty();

        open("/portal/check.html");
        driver.findElement(By.id("code")).sendKeys("(01)04601234567893(21)ABC123(17)281101(10)IB40-1125");
        driver.findElement(By.id("do-check")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[role=alert]")));
        assertThat(axeViolations()).as("pack check with a verdict").isEmpty();

        open("/portal/");
        driver.findElement(By.id("q")).sendKeys("IB40-1125");
        driver.findElement(By.id("go")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("summary"), "Найдено записей: 1"));
        driver.findElement(By.cssSelector("#results .trade")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("history")));
        assertThat(axeViolations()).as("record page").isEmpty();

        open("/portal/stats.html");
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart-status svg rect")));
        assertThat(axeViolations()).as("statistics page").isEmpty();
    }

    @Test
    void recordPageForPeopleWithPermalinkQrAndPrintLayout() throws Exception {
        open("/portal/");
        driver.findElement(By.id("q")).sendKeys("IB40-1125");
        driver.findElement(By.id("go")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("summary"), "Найдено записей: 1"));
        driver.findElement(By.cssSelector("#results .trade")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("todo")));
        // summary first: what to do, the medicine and its batches, who decided and when; then the folded provenance
        java.util.List<String> order = driver.findElements(By.cssSelector("#record > section, #record > details")).stream()
                .map(e -> e.getAttribute("id")).filter(x -> !x.isEmpty()).toList();
        assertThat(order.indexOf("todo")).isLessThan(order.indexOf("what"));
        assertThat(order.indexOf("what")).isLessThan(order.indexOf("decided"));
        assertThat(order.indexOf("decided")).isLessThan(order.indexOf("provenance"));
        assertThat(driver.findElement(By.id("todo")).getText()).contains("Не применяйте").contains("фальсифицирован");
        assertThat(driver.findElement(By.id("what")).getText()).contains("IB40-1125");
        assertThat(driver.findElement(By.id("decided")).getText()).isNotBlank();
        assertThat(driver.findElement(By.id("provenance")).getAttribute("open")).isNull();
        WebElement qr = driver.findElement(By.cssSelector("#share img.qr"));
        waiting().until(d -> (Boolean) ((JavascriptExecutor) d).executeScript(
                "return arguments[0].complete && arguments[0].naturalWidth > 0", qr));
        String permalink = driver.findElement(By.id("permalink")).getAttribute("href");
        assertThat(permalink).matches(".*/r/[^/?]+$");
        shot("04-record-summary");
        // print layout: navigation hidden, folded parts opened
        ((org.openqa.selenium.chrome.ChromeDriver) driver).executeCdpCommand("Emulation.setEmulatedMedia", java.util.Map.of("media", "print"));
        ((JavascriptExecutor) driver).executeScript("window.dispatchEvent(new Event('beforeprint'))");
        assertThat(driver.findElement(By.cssSelector(".top nav")).isDisplayed()).isFalse();
        assertThat(driver.findElement(By.id("history")).isDisplayed()).isTrue();
        shot("05-record-print");
        ((org.openqa.selenium.chrome.ChromeDriver) driver).executeCdpCommand("Emulation.setEmulatedMedia", java.util.Map.of("media", ""));
        // the permalink opens the same record, in English with the reader's date format
        driver.get(permalink + "?lang=en");
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("todo")));
        assertThat(driver.getCurrentUrl()).contains("/portal/record.html?id=");
        assertThat(driver.findElement(By.id("trade-name")).getText()).isEqualTo("Ибупрофен-Велфарм Форте");
    }

    /** A GS1 Data Matrix as a PNG (ZXing, FNC1 for the group separators), 8 pixels a module with a quiet zone. */
    static Path dataMatrixPng(String raw) throws Exception {
        com.google.zxing.common.BitMatrix m = new com.google.zxing.datamatrix.DataMatrixWriter().encode(raw,
                com.google.zxing.BarcodeFormat.DATA_MATRIX, 0, 0, java.util.Map.of(com.google.zxing.EncodeHintType.GS1_FORMAT, true));
        int scale = 8, quiet = 4;
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage((m.getWidth() + 2 * quiet) * scale,
                (m.getHeight() + 2 * quiet) * scale, java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int mx = x / scale - quiet, my = y / scale - quiet;
                boolean dark = mx >= 0 && my >= 0 && mx < m.getWidth() && my < m.getHeight() && m.get(mx, my);
                img.setRGB(x, y, dark ? 0x000000 : 0xFFFFFF);
            }
        }
        Path f = Files.createTempFile("pmm03-datamatrix", ".png");
        javax.imageio.ImageIO.write(img, "png", f.toFile());
        return f;
    }

    @Test
    void scannerFallbackDecodesADataMatrixPhotoWithZxing() throws Exception {
        // ?zxing=1 forces the fallback, as in a browser without BarcodeDetector (Firefox, Safari)
        open("/portal/check.html?zxing=1");
        Path png = dataMatrixPng("0104601234567893" + "21ABC123\u001d" + "17281101" + "10IB40-1125");
        Files.copy(png, SHOTS.resolve("06-datamatrix-input.png"), StandardCopyOption.REPLACE_EXISTING);
        driver.findElement(By.id("photo")).sendKeys(png.toAbsolutePath().toString());
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#verdict .verdict.FOUND")));
        assertThat(driver.findElement(By.id("code")).getAttribute("value")).contains("IB40-1125").startsWith("01");
        assertThat(driver.findElement(By.id("verdict")).getText()).contains("Ибупрофен-Велфарм Форте");
        assertThat((Boolean) ((JavascriptExecutor) driver).executeScript("return !!window.ZXing")).isTrue();
        shot("06-scanner-fallback");
    }
}
