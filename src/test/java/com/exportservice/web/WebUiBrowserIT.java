package com.exportservice.web;

import com.exportservice.e2e.RunningService;
import com.exportservice.testsupport.RequiredService;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web UI in Debian's headless Chromium, driven through /usr/bin/chromedriver, against the real
 * application started in this JVM with API tokens: a user signs in with a token, starts a filtered export,
 * follows it to completion, opens it, downloads its files, sends an invalid request and reads every
 * problem, retries a failed export, signs out; markup in source records, names and values stays text;
 * the page runs under its Content-Security-Policy without a single violation.
 */
class WebUiBrowserIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** Set (e.g. -Dwebui.screenshots=/tmp/shots) to keep PNG screenshots for a look at the layout. */
    private static final String SCREENSHOTS = System.getProperty("webui.screenshots", "");

    @TempDir
    static Path workingDir;
    @TempDir
    static Path browserProfile;
    static RunningService service;
    static String operatorToken;
    static String viewerToken;
    static ChromeDriverService driverService;
    static ChromeDriver driver;
    static WebDriverWait wait;

    @BeforeAll
    static void start() throws Exception {
        RequiredService.require("Debian's headless Chromium and its driver",
                Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER) ? null : "no executable " + CHROMIUM + " and " + CHROMEDRIVER,
                "apt-get install chromium chromium-driver, as .ci/run does");
        operatorToken = createToken("ui-operator", "operator");
        viewerToken = createToken("ui-viewer", "viewer");
        service = RunningService.start(workingDir, Map.of("exporter.demo.rows", "2000"));
        insertRecordWithMarkup();
        // an explicit driver executable: Selenium Manager is never asked to find or download one
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        driverService = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + browserProfile, "--window-size=1400,1100", "--lang=en-US");
        // the browser's console, where Content-Security-Policy violations are reported
        org.openqa.selenium.logging.LoggingPreferences logs = new org.openqa.selenium.logging.LoggingPreferences();
        logs.enable(org.openqa.selenium.logging.LogType.BROWSER, java.util.logging.Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        driver = new ChromeDriver(driverService, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        // the list is rebuilt every second while an export runs: an element found may be replaced before use
        wait.ignoring(StaleElementReferenceException.class);
        driver.get("http://127.0.0.1:" + service.port + "/");
        signIn(operatorToken);
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (driverService != null) {
            driverService.stop();
        }
        if (service != null) {
            service.close();
        }
    }

    @BeforeEach
    void openPage() {
        driver.manage().window().setSize(new Dimension(1400, 1100));
        open("/");
    }

    @Test
    void should_ask_for_a_token_keep_it_out_of_the_page_and_sign_out() throws Exception {
        // the session is an HttpOnly cookie: the page's script cannot read it, nor keeps the token anywhere
        JavascriptExecutor js = (JavascriptExecutor) driver;
        assertThat(js.executeScript("return document.cookie")).isEqualTo("");
        assertThat(js.executeScript("return JSON.stringify(localStorage) + JSON.stringify(sessionStorage)")).isEqualTo("{}{}");
        assertThat(driver.getCurrentUrl()).doesNotContain(operatorToken).doesNotContain("token");
        assertThat(driver.findElement(By.id("token-input")).getAttribute("value")).isEmpty();
        assertThat(text(By.id("user-name"))).contains("ui-operator").contains("operator");

        click(By.id("sign-out-button"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token-input")));
        assertThat(driver.findElement(By.id("app")).isDisplayed()).isFalse();
        driver.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token-input")));
        assertThat(driver.findElement(By.id("app")).isDisplayed()).as("signed out for good, also after a reload").isFalse();

        driver.findElement(By.id("token-input")).sendKeys("exs_not-a-token");
        click(By.id("sign-in-button"));
        assertThat(text(By.id("sign-in-message"))).contains("not valid");

        // a viewer sees everything but may start nothing
        driver.findElement(By.id("token-input")).clear();
        signIn(viewerToken);
        assertThat(driver.findElement(By.id("start-button")).isEnabled()).isFalse();
        assertThat(driver.findElement(By.id("preview-button")).isEnabled()).isFalse();
        assertThat(driver.findElement(By.id("viewer-note")).isDisplayed()).isTrue();
        String id = startExport("{\"data_types\":[\"metrics\"],\"name\":\"seen by a viewer\"}");
        awaitFinished(id);
        open("/#export=" + id);
        wait.until(d -> d.findElement(By.cssSelector("#detail-status .badge")).getText().equals("completed"));
        assertThat(text(By.id("detail-requested-by"))).contains("ui-operator");
        assertThat(driver.findElement(By.id("retry-button")).isEnabled()).isFalse();

        click(By.id("sign-out-button"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token-input")));
        signIn(operatorToken);
        assertThat(driver.getCurrentUrl()).doesNotContain(operatorToken).doesNotContain(viewerToken);
    }

    @Test
    void should_start_a_filtered_csv_export_and_follow_it_to_completed() throws Exception {
        // given: logs as CSV, only level in ERROR
        click(By.cssSelector("#data-types input[value='logs']"));
        new Select(driver.findElement(By.id("output-format"))).selectByValue("csv");
        click(By.id("add-filter"));
        WebElement row = driver.findElement(By.cssSelector("#filters li.filter-row"));
        new Select(row.findElement(By.cssSelector("select.filter-field"))).selectByValue("level");
        new Select(row.findElement(By.cssSelector("select.filter-op"))).selectByValue("in");
        row.findElement(By.cssSelector("input.filter-value")).sendKeys("ERROR");
        screenshot("form");

        // when
        click(By.id("start-button"));

        // then: the request the service got is the one the form shows
        String message = wait.until(d -> {
            String text = d.findElement(By.id("form-message")).getText();
            return text.endsWith("started.") ? text : null;
        });
        String id = message.replace("Export ", "").replace(" started.", "");
        JsonNode summary = json(get("/api/exports/" + id));
        assertThat(summary.path("config").path("data_types").toString()).isEqualTo("[\"logs\"]");
        assertThat(summary.path("config").path("output_format").asText()).isEqualTo("csv");
        assertThat(summary.path("config").path("filters").toString()).isEqualTo("{\"level\":{\"in\":[\"ERROR\"]}}");

        // and: it appears in the list and reaches completed with 100%, updated without a reload
        By listRow = By.cssSelector("#exports-body tr[data-export-id='" + id + "']");
        wait.until(d -> d.findElement(listRow).findElement(By.cssSelector(".badge")).getText().equals("completed"));
        assertThat(driver.findElement(listRow).findElement(By.cssSelector(".progress-text")).getText()).endsWith("100%");
        long records = json(get("/api/exports/" + id)).path("total_records").asLong();
        assertThat(records).isBetween(1L, 1999L);

        // when: the user opens it
        click(By.cssSelector("#exports-body tr[data-export-id='" + id + "'] button.export-link"));

        // then: its file with its record count, its download, no cancel and no retry
        assertThat(text(By.id("details-heading"))).isEqualTo("Export " + id);
        WebElement link = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#files-table a.file-link")));
        assertThat(link.getText()).isEqualTo("logs.csv");
        assertThat(link.getAttribute("href")).endsWith("/api/exports/" + id + "/files/logs.csv");
        assertThat(digits(text(By.cssSelector("#files-table tr[data-file='logs.csv'] .file-records")))).isEqualTo(records);
        assertThat(get("/api/exports/" + id + "/files/logs.csv").statusCode()).isEqualTo(200);
        assertThat(driver.findElement(By.id("download-link")).getAttribute("href")).endsWith("/api/exports/" + id + "/download");
        assertThat(text(By.cssSelector("#type-progress tr[data-type='logs']"))).contains("completed").contains("100%");
        assertThat(text(By.id("validation"))).containsIgnoringCase("completeness").contains("records:");
        assertThat(driver.findElement(By.id("cancel-button")).isEnabled()).isFalse();
        assertThat(driver.findElement(By.id("retry-button")).isEnabled()).isFalse();

        // and: with nothing running any more, the page stops polling
        wait.until(d -> d.findElement(By.id("live-indicator")).getText().contains("No export is running"));
        screenshot("completed-export");
    }

    @Test
    void should_list_every_problem_of_an_invalid_request_by_field() throws Exception {
        long exportsBefore = json(get("/api/exports")).path("total").asLong();
        WebElement batchSize = driver.findElement(By.id("batch-size"));
        batchSize.clear();
        batchSize.sendKeys("0");

        click(By.id("start-button")); // no data type selected either

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("form-problems")));
        List<String> problems = driver.findElements(By.cssSelector("#problem-list li")).stream().map(WebElement::getText).toList();
        assertThat(problems).hasSize(2);
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("batch_size: ").contains("1 to 100000"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("data_types: ").contains("at least one"));
        assertThat(driver.findElement(By.id("batch-size")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(json(get("/api/exports")).path("total").asLong()).isEqualTo(exportsBefore);
        screenshot("problems");
    }

    @Test
    void should_preview_the_matching_count() throws Exception {
        click(By.cssSelector("#data-types input[value='logs']"));
        click(By.id("add-filter"));
        WebElement row = driver.findElement(By.cssSelector("#filters li.filter-row"));
        new Select(row.findElement(By.cssSelector("select.filter-field"))).selectByValue("level");
        new Select(row.findElement(By.cssSelector("select.filter-op"))).selectByValue("eq");
        new Select(row.findElement(By.cssSelector("select.filter-value"))).selectByValue("FATAL");

        click(By.id("preview-button"));

        long expected = json(post("/api/exports/preview",
                "{\"data_types\":[\"logs\"],\"filters\":{\"level\":{\"eq\":\"FATAL\"}}}")).path("total_records").asLong();
        String total = wait.until(d -> {
            WebElement p = d.findElement(By.id("preview-total"));
            return p.isDisplayed() && !p.getText().isEmpty() ? p.getText() : null;
        });
        assertThat(digits(total.substring(0, total.indexOf(' ')))).isEqualTo(expected);
        assertThat(driver.findElements(By.cssSelector("#preview-body details.sample"))).hasSize(1);
        screenshot("preview");
    }

    @Test
    void should_offer_retry_but_not_cancel_for_a_failed_export() throws Exception {
        // demo data holds invalid records: with on_invalid fail the export fails, every time
        String id = startExport("{\"data_types\":[\"logs\"],\"on_invalid\":\"fail\",\"name\":\"fails on purpose\"}");
        awaitFinished(id);
        open("/#export=" + id);

        wait.until(d -> d.findElement(By.cssSelector("#detail-status .badge")).getText().equals("failed"));
        assertThat(text(By.id("detail-error"))).contains("on_invalid");
        assertThat(driver.findElement(By.id("cancel-button")).isEnabled()).isFalse();
        assertThat(driver.findElement(By.id("retry-button")).isEnabled()).isTrue();

        click(By.id("retry-button"));

        wait.until(d -> d.findElement(By.id("details-message")).getText().startsWith("Retry accepted"));
        wait.until(d -> d.findElement(By.cssSelector("#detail-status .badge")).getText().equals("failed")
                && d.findElement(By.id("retry-button")).isEnabled());
        assertThat(json(get("/api/exports/" + id + "/status")).path("status").asText()).isEqualTo("failed");
        wait.until(d -> d.findElement(By.cssSelector("#exports-body tr[data-export-id='" + id + "'] .badge")).getText().equals("failed"));
    }

    @Test
    void should_show_markup_from_the_source_names_and_values_as_text_in_preview_details_and_errors() throws Exception {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        // preview: the source row whose message and source are markup
        click(By.cssSelector("#data-types input[value='logs']"));
        click(By.id("add-filter"));
        WebElement row = driver.findElement(By.cssSelector("#filters li.filter-row"));
        new Select(row.findElement(By.cssSelector("select.filter-field"))).selectByValue("host");
        new Select(row.findElement(By.cssSelector("select.filter-op"))).selectByValue("eq");
        row.findElement(By.cssSelector("input.filter-value")).sendKeys("markup-host");
        click(By.id("preview-button"));
        String sample = wait.until(d -> {
            List<WebElement> pre = d.findElements(By.cssSelector("#preview-body details.sample pre"));
            return pre.isEmpty() ? null : (String) js.executeScript("return arguments[0].textContent", pre.get(0));
        });
        assertThat(sample).contains("<script>window.__injected=1</script> boom").contains("<img src=x onerror=\\\"window.__injected=2\\\">");

        // errors: a value the service quotes back in a problem
        row.findElement(By.cssSelector("select.filter-field"));
        new Select(row.findElement(By.cssSelector("select.filter-field"))).selectByValue("id");
        new Select(row.findElement(By.cssSelector("select.filter-op"))).selectByValue("eq");
        WebElement value = row.findElement(By.cssSelector("input.filter-value"));
        value.clear();
        value.sendKeys("<img src=x onerror=\"window.__injected=3\">");
        click(By.id("start-button"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("form-problems")));
        assertThat(text(By.cssSelector("#problem-list li"))).startsWith("filters.id.eq: ").contains("<img src=x onerror=\"window.__injected=3\">");

        // details: a name and a filter value that are markup
        String name = "<script>window.__injected=4</script><img src=x onerror=\"window.__injected=5\">";
        String id = startExport("{\"data_types\":[\"logs\"],\"filters\":{\"source\":{\"eq\":\"<img src=x onerror=\\\"window.__injected=2\\\">\"}},"
                + "\"name\":" + service.mapper.writeValueAsString(name) + "}");
        awaitFinished(id);
        open("/#export=" + id);
        By nameCell = By.cssSelector("#exports-body tr[data-export-id='" + id + "'] .name-cell");
        assertThat(text(nameCell)).isEqualTo(name);
        wait.until(d -> d.findElement(By.cssSelector("#detail-status .badge")).getText().equals("completed"));
        assertThat((String) js.executeScript("return document.getElementById('details-body').textContent"))
                .contains(name).contains("<img src=x onerror=\\\"window.__injected=2\\\">");
        assertThat(text(By.cssSelector("#files-table tr[data-file='logs.json'] .file-records"))).isEqualTo("1");

        assertThat(driver.findElements(By.cssSelector("#exports-body img, #details img, #preview img, #form-problems img, body script"))).isEmpty();
        assertThat(js.executeScript("return window.__injected === undefined")).isEqualTo(true);
    }

    @Test
    void should_run_under_its_content_security_policy_without_a_violation() throws Exception {
        String id = startExport("{\"data_types\":[\"metrics\"]}");
        awaitFinished(id);
        open("/#export=" + id);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#files-table a.file-link")));
        click(By.id("preview-button"));

        List<String> violations = driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                .map(org.openqa.selenium.logging.LogEntry::getMessage)
                .filter(m -> m.contains("Content Security Policy") || m.contains("Content-Security-Policy"))
                .toList();
        assertThat(violations).isEmpty();
        assertThat(get("/").headers().firstValue("Content-Security-Policy").orElse("")).contains("default-src 'self'")
                .doesNotContain("unsafe-inline");
    }

    @Test
    void should_fit_a_narrow_window_without_horizontal_scrolling() throws Exception {
        String id = startExport("{\"data_types\":[\"events\"],\"output_format\":\"jsonl\"}");
        awaitFinished(id);
        driver.manage().window().setSize(new Dimension(380, 900));
        open("/#export=" + id);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#files-table a.file-link")));

        ((JavascriptExecutor) driver).executeScript("document.getElementById('details').scrollIntoView()");
        screenshot("narrow");
        Object overflow = ((JavascriptExecutor) driver).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertThat(((Number) overflow).intValue()).isLessThanOrEqualTo(0);
    }

    private static String createToken(String name, String role) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int code = com.exportservice.security.TokenCommand.run(new String[]{"create", "--name", name, "--role", role},
                new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8), new java.io.PrintStream(new java.io.ByteArrayOutputStream()),
                workingDir, Map.of());
        assertThat(code).isZero();
        return out.toString(java.nio.charset.StandardCharsets.UTF_8).strip();
    }

    /** A source row whose values are markup, as data from outside may be. */
    private static void insertRecordWithMarkup() throws Exception {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(com.exportservice.config.EmbeddedDatabases.sourceUrl(workingDir),
                com.exportservice.config.EmbeddedDatabases.DEFAULT_USER, com.exportservice.config.EmbeddedDatabases.DEFAULT_PASSWORD);
             java.sql.PreparedStatement ps = c.prepareStatement(
                     "INSERT INTO logs (id, ts, level, message, source, host) VALUES (9000001, CURRENT_TIMESTAMP, 'ERROR', ?, ?, 'markup-host')")) {
            ps.setString(1, "<script>window.__injected=1</script> boom");
            ps.setString(2, "<img src=x onerror=\"window.__injected=2\">");
            ps.executeUpdate();
        }
    }

    private static void signIn(String token) {
        WebElement input = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token-input")));
        input.sendKeys(token);
        click(By.id("sign-in-button"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#data-types input[value='logs']")));
    }

    private static java.net.http.HttpResponse<String> get(String path) throws Exception {
        return send("GET", path, null);
    }

    private static java.net.http.HttpResponse<String> post(String path, String body) throws Exception {
        return send("POST", path, body);
    }

    /** The API as a script with the operator's token calls it. */
    private static java.net.http.HttpResponse<String> send(String method, String path, String body) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + service.port + path))
                .header("Authorization", "Bearer " + operatorToken)
                .method(method, body == null ? java.net.http.HttpRequest.BodyPublishers.noBody() : java.net.http.HttpRequest.BodyPublishers.ofString(body))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(java.net.http.HttpResponse<String> r) throws Exception {
        return service.mapper.readTree(r.body());
    }

    private static String startExport(String request) throws Exception {
        java.net.http.HttpResponse<String> r = post("/api/exports", request);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return json(r).path("export_id").asText();
    }

    private static JsonNode awaitFinished(String id) {
        JsonNode[] last = new JsonNode[1];
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50)).until(() -> {
            last[0] = json(get("/api/exports/" + id + "/status"));
            return List.of("completed", "failed", "cancelled").contains(last[0].path("status").asText());
        });
        return last[0];
    }

    private static void open(String path) {
        driver.get("http://127.0.0.1:" + service.port + path);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#data-types input[value='logs']")));
    }

    /** Clicks the element found now; the lookup is repeated when the page replaced it meanwhile. */
    private static void click(By by) {
        wait.until(d -> {
            d.findElement(by).click();
            return true;
        });
    }

    private static String text(By by) {
        return wait.until(d -> {
            String text = d.findElement(by).getText();
            return text.isEmpty() ? null : text;
        });
    }

    private static long digits(String formatted) {
        return Long.parseLong(formatted.replaceAll("\\D", ""));
    }

    private static void screenshot(String name) throws IOException {
        if (SCREENSHOTS.isEmpty()) {
            return;
        }
        Path dir = Files.createDirectories(Path.of(SCREENSHOTS));
        Files.write(dir.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }
}
