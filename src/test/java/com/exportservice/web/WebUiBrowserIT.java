package com.exportservice.web;

import com.exportservice.e2e.RunningService;
import com.exportservice.testsupport.RequiredService;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
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
 * the page runs under its Content-Security-Policy without a single violation. And the screen operators keep
 * open (issue 10): exports started elsewhere appear live, slow polling while the event stream is down, ETA
 * and durations, schedules, errors beside their fields, filters that keep their values, a confirmed cancel,
 * "run again with changes", records of example ids, search in the URL; screenshots at 1400, 800 and 390 px go
 * to target/webui-screenshots.
 */
class WebUiBrowserIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** Where the PNG screenshots of the main screens go, for a look at the layout (target/: never committed). */
    private static final String SCREENSHOTS = System.getProperty("webui.screenshots", "target/webui-screenshots");

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
    /** The source's pause while a test looks at a running export; ended by the test, or after it if it failed. */
    static AutoCloseable sourcePause;

    @BeforeAll
    static void start() throws Exception {
        RequiredService.require("Debian's headless Chromium and its driver",
                Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER) ? null : "no executable " + CHROMIUM + " and " + CHROMEDRIVER,
                "apt-get install chromium chromium-driver, as .ci/run does");
        operatorToken = createToken("ui-operator", "operator");
        viewerToken = createToken("ui-viewer", "viewer");
        Path schedules = Files.writeString(workingDir.resolve("ui-schedules.yaml"), String.join("\n",
                "schedules:",
                "  - id: nightly-errors",
                "    cron: \"0 0 2 * * ?\"",
                "    incremental: true",
                "    export: { data_types: [logs], filters: { level: { in: [ERROR, FATAL] } }, output_format: jsonl }",
                "  - id: hourly-metrics",
                "    every: PT1H",
                "    export: { data_types: [metrics], output_format: csv }",
                ""));
        service = RunningService.start(workingDir, Map.of("exporter.demo.rows", "2000",
                "exporter.schedules.file", schedules.toString()));
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

    @AfterEach
    void releaseTheSource() throws Exception {
        releaseSource();
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
        fillLogsAsCsvWithFilter("level", "in", "ERROR");
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
        assertThat(text(By.id("detail-error"))).contains("on_invalid").doesNotContain("Exception");
        assertThat(driver.findElement(By.id("cancel-button")).isEnabled()).isFalse();
        assertThat(driver.findElement(By.id("retry-button")).isEnabled()).isTrue();

        click(By.id("retry-button"));

        // the retry is the second attempt; once it has ended, no "Retry accepted" is left standing
        wait.until(d -> d.findElement(By.cssSelector("#attempts tr[data-attempt='2'] .attempt-kind")).getText().equals("retry")
                && d.findElement(By.cssSelector("#attempts tr[data-attempt='2'] .attempt-status")).getText().equals("failed"));
        wait.until(d -> d.findElement(By.cssSelector("#detail-status .badge")).getText().equals("failed")
                && d.findElement(By.id("retry-button")).isEnabled()
                && d.findElement(By.id("details-message")).getText().isEmpty());
        assertThat(text(By.cssSelector("#attempts tr[data-attempt='1']"))).contains("first run").contains("failed")
                .contains("on_invalid").doesNotContain("Exception");
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

        assertNothingInjected("#exports-body img, #details img, #preview img, #form-problems img, body script");
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

    // ---------------------------------------------------------------- issue 10: the screen operators keep open

    @Test
    void should_show_an_export_started_by_curl_within_two_seconds_without_a_click() throws Exception {
        // given: the page is open and its event stream connected
        wait.until(d -> d.findElement(By.id("live-indicator")).getText().startsWith("Live"));

        // when: a script starts an export
        String id = startExport("{\"data_types\":[\"metrics\"],\"name\":\"started by a script\"}");

        // then: its row is there within 2 s, nobody clicked
        By row = By.cssSelector("#exports-body tr[data-export-id='" + id + "']");
        new WebDriverWait(driver, Duration.ofSeconds(2)).ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElement(row).getText().contains("started by a script"));
        wait.until(d -> d.findElement(row).findElement(By.cssSelector(".badge")).getText().equals("completed"));
    }

    @Test
    void should_poll_slowly_while_the_event_stream_is_down_and_go_live_again() throws Exception {
        // given: the browser cannot reach the event stream
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of("*/api/events*")));
        try {
            open("/");
            wait.until(d -> d.findElement(By.id("live-indicator")).getText().startsWith("Live updates are not available"));

            // when: an export is started elsewhere, it still shows up (by the slow polling)
            String id = startExport("{\"data_types\":[\"metrics\"],\"name\":\"seen by polling\"}");
            wait.until(d -> d.findElement(By.cssSelector("#exports-body tr[data-export-id='" + id + "']")).getText()
                    .contains("seen by polling"));
        } finally {
            driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of()));
        }
        // then: once the stream can be had again, the page is live again (the browser reconnects by itself)
        wait.until(d -> d.findElement(By.id("live-indicator")).getText().startsWith("Live:"));
    }

    @Test
    void should_show_the_eta_mid_way_and_the_duration_at_the_end() throws Exception {
        driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER); // what earlier tests logged
        String id = startExportHeldMidWay();
        By timing = By.cssSelector("#exports-body tr[data-export-id='" + id + "'] .timing");
        open("/#export=" + id);
        String eta = wait.until(d -> {
            String status = d.findElement(By.cssSelector("#detail-status .badge")).getText();
            String left = d.findElement(By.cssSelector("#detail-eta dd")).getText();
            return status.equals("running") && left.matches("about \\d.*") ? left : null;
        });
        assertThat(eta).matches("about [0-9.]+ (s|min .*|h .*)");
        assertThat(text(By.cssSelector("#detail-duration dt"))).isEqualToIgnoringCase("Elapsed");
        wait.until(d -> d.findElement(timing).getText().matches(".* so far · about .* left"));
        wait.until(d -> !d.findElement(By.cssSelector("#type-progress tr[data-type='events'] .type-eta")).getText().equals("—"));
        screenshot("running-export-1400");
        releaseSource(); // the export goes on

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(200))
                .until(() -> json(get("/api/exports/" + id + "/status")).path("status").asText().equals("completed"));
        wait.until(d -> d.findElement(By.cssSelector("#detail-status .badge")).getText().equals("completed"));
        assertThat(text(By.cssSelector("#detail-duration dt"))).isEqualToIgnoringCase("Duration");
        assertThat(text(By.cssSelector("#detail-duration dd"))).matches("[0-9.]+ s|\\d+ min \\d+ s");
        wait.until(d -> d.findElement(timing).getText().matches("took [0-9.]+ s|took \\d+ min \\d+ s"));
        assertThat(text(By.cssSelector("#type-progress tr[data-type='logs'] .type-time"))).startsWith("took ");
        // the page tells that an export it follows has ended
        assertThat(text(By.cssSelector("#notices .notice[data-export-id='" + id + "']"))).contains("completed");
        // and it followed the export without a single refused request (no /validation 409 before the first batch)
        assertThat(driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                .map(org.openqa.selenium.logging.LogEntry::getMessage).filter(m -> m.matches(".*status of (4|5)\\d\\d.*")).toList()).isEmpty();
    }

    @Test
    void should_list_the_configured_schedules_with_next_run() throws Exception {
        WebElement table = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("schedules-table")));
        assertThat(table.findElements(By.cssSelector("tbody tr"))).hasSize(2);
        WebElement nightly = table.findElement(By.cssSelector("tr[data-schedule='nightly-errors']"));
        assertThat(nightly.getText()).contains("0 0 2 * * ?").contains("logs").contains("none yet").contains("incremental");
        WebElement hourly = table.findElement(By.cssSelector("tr[data-schedule='hourly-metrics']"));
        assertThat(hourly.getText()).contains("every 1 h").contains("metrics");
        // the next run as the service says, shown with its zone
        JsonNode api = json(get("/api/schedules")).path("schedules");
        String next = api.get(1).path("next_fire_time").asText();
        assertThat(hourly.findElement(By.cssSelector(".next-run time")).getAttribute("datetime")).isEqualTo(next);
        assertThat(hourly.findElement(By.cssSelector(".next-run time")).getText()).contains("UTC");
    }

    @Test
    void should_show_a_field_error_beside_its_field_and_move_focus_there() throws Exception {
        click(By.cssSelector("#data-types input[value='logs']"));
        WebElement batchSize = driver.findElement(By.id("batch-size"));
        batchSize.clear();
        batchSize.sendKeys("0");

        click(By.id("start-button"));

        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("batch-size-error")));
        assertThat(error.getText()).contains("1 to 100000");
        // beside it: in the same field as the input, which names it for assistive technology
        assertThat(error.findElement(By.xpath("..")).findElements(By.id("batch-size"))).hasSize(1);
        assertThat(driver.findElement(By.id("batch-size")).getAttribute("aria-describedby")).contains("batch-size-error");
        assertThat(((JavascriptExecutor) driver).executeScript("return document.activeElement.id")).isEqualTo("batch-size");
        // the summary leads to the field too
        driver.findElement(By.id("export-name")).click();
        click(By.cssSelector("#problem-list a.problem-field"));
        assertThat(((JavascriptExecutor) driver).executeScript("return document.activeElement.id")).isEqualTo("batch-size");
        assertThat(driver.findElement(By.id("data-types-error")).isDisplayed()).isFalse();
        screenshot("field-error-1400");
    }

    @Test
    void should_keep_a_filters_value_when_a_data_type_is_added_and_say_when_its_field_is_not_selected() throws Exception {
        click(By.cssSelector("#data-types input[value='logs']"));
        click(By.id("add-filter"));
        WebElement level = driver.findElements(By.cssSelector("#filters li.filter-row")).get(0);
        new Select(level.findElement(By.cssSelector("select.filter-field"))).selectByValue("level");
        new Select(level.findElement(By.cssSelector("select.filter-op"))).selectByValue("eq");
        new Select(level.findElement(By.cssSelector("select.filter-value"))).selectByValue("FATAL");
        click(By.id("add-filter"));
        WebElement host = driver.findElements(By.cssSelector("#filters li.filter-row")).get(1);
        new Select(host.findElement(By.cssSelector("select.filter-field"))).selectByValue("host");
        new Select(host.findElement(By.cssSelector("select.filter-op"))).selectByValue("contains");
        host.findElement(By.cssSelector("input.filter-value")).sendKeys("web");

        // when: a data type is added
        click(By.cssSelector("#data-types input[value='events']"));

        // then: both filters keep field, operator and value (the enum's list too)
        List<WebElement> rows = driver.findElements(By.cssSelector("#filters li.filter-row"));
        assertThat(new Select(rows.get(0).findElement(By.cssSelector("select.filter-value"))).getFirstSelectedOption().getText()).isEqualTo("FATAL");
        assertThat(rows.get(1).findElement(By.cssSelector("input.filter-value")).getAttribute("value")).isEqualTo("web");

        // when: the data type with the field is taken away
        click(By.cssSelector("#data-types input[value='logs']"));

        // then: still the list with FATAL, a note, and on Start the real problem, beside the filter
        rows = driver.findElements(By.cssSelector("#filters li.filter-row"));
        assertThat(new Select(rows.get(0).findElement(By.cssSelector("select.filter-value"))).getFirstSelectedOption().getText()).isEqualTo("FATAL");
        assertThat(rows.get(0).findElement(By.cssSelector(".field-note")).getText()).contains("Not in the selected data types");
        click(By.id("start-button"));
        WebElement error = wait.until(d -> {
            WebElement e = d.findElements(By.cssSelector("#filters li.filter-row")).get(0).findElement(By.cssSelector(".field-error"));
            return e.isDisplayed() ? e : null;
        });
        assertThat(error.getText()).contains("field not in the selected data types").contains("logs").doesNotContain("enter a value");
    }

    @Test
    void should_ask_before_cancelling_and_clear_the_message_when_the_export_ends() throws Exception {
        String id = startExportHeldMidWay();
        open("/#export=" + id);
        wait.until(d -> d.findElement(By.cssSelector("#detail-status .badge")).getText().equals("running")
                && d.findElement(By.id("cancel-button")).isEnabled());

        // when: Cancel, then "keep it running" in the question
        click(By.id("cancel-button"));
        WebElement dialog = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("cancel-dialog")));
        assertThat(dialog.getText()).contains("Cancel export " + id);
        click(By.id("keep-running"));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("cancel-dialog")));
        assertThat(json(get("/api/exports/" + id + "/status")).path("status").asText()).isEqualTo("running");
        screenshot("cancel-question-1400");

        // when: Cancel, confirmed; the service has taken it ("Cancel requested…") before the export may go on
        click(By.id("cancel-button"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("cancel-dialog")));
        click(By.id("confirm-cancel"));
        wait.until(d -> !d.findElement(By.id("details-message")).getText().isEmpty());
        releaseSource(); // the export goes on

        // then: it ends cancelled and "Cancel requested…" is gone
        wait.until(d -> d.findElement(By.cssSelector("#detail-status .badge")).getText().equals("cancelled")
                && d.findElement(By.id("details-message")).getText().isEmpty());
        assertThat(json(get("/api/exports/" + id + "/status")).path("status").asText()).isEqualTo("cancelled");
        assertThat(text(By.cssSelector("#attempts tr[data-attempt='1'] .attempt-status"))).isEqualTo("cancelled");
    }

    @Test
    void should_fill_the_form_from_an_export_to_run_it_again_with_changes() throws Exception {
        String id = startExport("{\"data_types\":[\"events\"],\"output_format\":\"csv\",\"compression\":true,\"batch_size\":500,"
                + "\"name\":\"purchases\",\"on_invalid\":\"skip\",\"start_date\":\"2020-01-01T00:00:00Z\","
                + "\"filters\":{\"event_type\":{\"in\":[\"PURCHASE\",\"SIGNUP\"]},\"amount\":{\"gte\":10}}}");
        awaitFinished(id);
        open("/#export=" + id);
        wait.until(d -> d.findElement(By.id("run-again-button")).isEnabled());

        click(By.id("run-again-button"));

        wait.until(d -> d.findElement(By.id("form-message")).getText().contains(id));
        assertThat(((JavascriptExecutor) driver).executeScript("return document.activeElement.id")).isEqualTo("new-export-heading");
        assertThat(driver.findElement(By.cssSelector("#data-types input[value='events']")).isSelected()).isTrue();
        assertThat(driver.findElement(By.cssSelector("#data-types input[value='logs']")).isSelected()).isFalse();
        assertThat(new Select(driver.findElement(By.id("output-format"))).getFirstSelectedOption().getAttribute("value")).isEqualTo("csv");
        assertThat(new Select(driver.findElement(By.id("on-invalid"))).getFirstSelectedOption().getAttribute("value")).isEqualTo("skip");
        assertThat(driver.findElement(By.id("batch-size")).getAttribute("value")).isEqualTo("500");
        assertThat(driver.findElement(By.id("compression")).isSelected()).isTrue();
        assertThat(driver.findElement(By.id("start-date")).getAttribute("value")).isNotEmpty();
        List<WebElement> rows = driver.findElements(By.cssSelector("#filters li.filter-row"));
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).findElement(By.cssSelector("input.filter-value")).getAttribute("value")).isEqualTo("PURCHASE, SIGNUP");
        assertThat(new Select(rows.get(1).findElement(By.cssSelector("select.filter-op"))).getFirstSelectedOption().getAttribute("value")).isEqualTo("gte");
        WebElement name = driver.findElement(By.id("export-name"));
        assertThat(name.getAttribute("value")).isEqualTo("purchases");

        // when: a change, and Start
        name.clear();
        name.sendKeys("purchases, again");
        click(By.id("start-button"));

        // then: the same request but for the change
        String message = wait.until(d -> {
            String t = d.findElement(By.id("form-message")).getText();
            return t.endsWith("started.") ? t : null;
        });
        String again = message.replace("Export ", "").replace(" started.", "");
        com.fasterxml.jackson.databind.node.ObjectNode before = (com.fasterxml.jackson.databind.node.ObjectNode) json(get("/api/exports/" + id)).path("config");
        com.fasterxml.jackson.databind.node.ObjectNode after = (com.fasterxml.jackson.databind.node.ObjectNode) json(get("/api/exports/" + again)).path("config");
        assertThat(after.path("name").asText()).isEqualTo("purchases, again");
        before.remove("name");
        after.remove("name");
        assertThat(after).isEqualTo(before);
        // and the new export's panel has the focus
        wait.until(d -> d.findElement(By.id("details-heading")).getText().equals("Export " + again));
        assertThat(((JavascriptExecutor) driver).executeScript("return document.activeElement.id")).isEqualTo("details-heading");
    }

    @Test
    void should_show_a_record_value_holding_html_as_text_in_the_preview_table_and_the_record_of_an_example_id() throws Exception {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        // an export of the record whose level is invalid: its validation report names it as an example
        String id = startExport("{\"data_types\":[\"logs\"],\"filters\":{\"host\":{\"eq\":\"markup-invalid\"}}}");
        awaitFinished(id);
        open("/#export=" + id);
        WebElement example = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#validation button.example-id[data-id='9000002']")));
        assertThat(text(By.cssSelector("#validation .rule-row[data-rule='enum:level']"))).contains("1 (100% of records)");

        example.click();

        WebElement dialog = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("record-dialog")));
        wait.until(d -> d.findElement(By.id("record-body")).getText().contains("markup-invalid"));
        assertThat((String) js.executeScript("return document.getElementById('record-body').textContent"))
                .contains("<img src=x onerror=\"window.__injected=6\">").contains("<B>NOPE</B>").contains("enum:level");
        screenshot("record-1400");
        click(By.id("record-close"));
        // the lookup is a preview: a key that does not fit the key field is a 400 naming it
        java.net.http.HttpResponse<String> notAKey = post("/api/exports/preview?id=abc", "{\"data_types\":[\"logs\"]}");
        assertThat(notAKey.statusCode()).isEqualTo(400);
        assertThat(json(notAKey).path("details").get(0).path("field").asText()).isEqualTo("id");
        wait.until(ExpectedConditions.invisibilityOf(dialog));

        // the preview table, in the csv columns
        fillLogsAsCsvWithFilter("host", "eq", "markup-host");
        click(By.id("preview-button"));
        WebElement table = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#preview-body table.sample-table")));
        List<String> columns = table.findElements(By.cssSelector("thead th")).stream().map(WebElement::getText).toList();
        assertThat(columns).startsWith("id", "timestamp", "level", "message").endsWith("metadata", "context");
        assertThat((String) js.executeScript("return arguments[0].textContent", table)).contains("<script>window.__injected=1</script> boom");
        screenshot("preview-table-1400");

        assertNothingInjected("#preview img, #record-dialog img, #details img, body script");
    }

    @Test
    void should_write_screenshots_of_the_main_screens_at_1400_and_390_px_and_fit_800_px() throws Exception {
        String id = startExport("{\"data_types\":[\"logs\",\"events\"],\"name\":\"for the screenshots\"}");
        awaitFinished(id);
        for (int width : new int[]{1400, 390}) {
            driver.manage().window().setSize(new Dimension(width, 1100));
            open("/");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#exports-body tr[data-export-id='" + id + "']")));
            screenshot("main-" + width);
            open("/#export=" + id);
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#validation .rule-chart")));
            ((JavascriptExecutor) driver).executeScript("document.getElementById('details').scrollIntoView()");
            screenshot("details-" + width);
            ((JavascriptExecutor) driver).executeScript("document.getElementById('validation').scrollIntoView()");
            screenshot("validation-" + width);
            assertThat(horizontalOverflow()).as("sideways scrolling at " + width + " px").isLessThanOrEqualTo(0);
            open("/");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#exports-body tr[data-export-id='" + id + "']")));
            assertThat(tableOverflow()).as("the history table scrolling sideways at " + width + " px").isLessThanOrEqualTo(0);
        }
        assertThat(Files.list(Path.of(SCREENSHOTS)).map(p -> p.getFileName().toString()))
                .contains("main-1400.png", "main-390.png", "details-1400.png", "details-390.png");

        // 800 px: the history above the form, its table without sideways scrolling
        driver.manage().window().setSize(new Dimension(800, 1000));
        open("/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#exports-body tr[data-export-id='" + id + "']")));
        assertThat(driver.findElement(By.id("exports-heading")).getLocation().getY())
                .isLessThan(driver.findElement(By.id("new-export-heading")).getLocation().getY());
        assertThat(tableOverflow()).isLessThanOrEqualTo(0);
        assertThat(horizontalOverflow()).isLessThanOrEqualTo(0);
        screenshot("main-800");
    }

    @Test
    void should_search_the_history_by_name_keep_the_filter_in_the_url_and_serve_a_favicon() throws Exception {
        driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER); // what earlier tests logged
        String wanted = startExport("{\"data_types\":[\"metrics\"],\"name\":\"Quarterly revenue\"}");
        String other = startExport("{\"data_types\":[\"metrics\"],\"name\":\"something else\"}");
        awaitFinished(wanted);
        awaitFinished(other);
        driver.findElement(By.id("search-input")).sendKeys("quarterly");
        driver.findElement(By.id("search-input")).sendKeys(org.openqa.selenium.Keys.ENTER);
        wait.until(d -> d.findElements(By.cssSelector("#exports-body tr")).size() == 1
                && d.findElements(By.cssSelector("#exports-body tr[data-export-id='" + wanted + "']")).size() == 1);
        new Select(driver.findElement(By.id("status-filter"))).selectByValue("completed");
        wait.until(d -> d.getCurrentUrl().contains("status=completed") && d.getCurrentUrl().contains("q=quarterly"));

        // a reload shows the same list
        driver.navigate().refresh();
        wait.until(d -> d.findElements(By.cssSelector("#exports-body tr[data-export-id='" + wanted + "']")).size() == 1
                && d.findElements(By.cssSelector("#exports-body tr")).size() == 1);
        assertThat(new Select(driver.findElement(By.id("status-filter"))).getFirstSelectedOption().getAttribute("value")).isEqualTo("completed");
        WebElement row = driver.findElement(By.cssSelector("#exports-body tr[data-export-id='" + wanted + "']"));
        assertThat(row.getText()).contains("metrics").contains("json").contains("took");
        assertThat(row.findElement(By.cssSelector("a.row-download")).getAttribute("href")).endsWith("/api/exports/" + wanted + "/download");

        assertThat(java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + service.port + "/favicon.ico")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        List<String> notFound = driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                .map(org.openqa.selenium.logging.LogEntry::getMessage).filter(m -> m.contains("404") || m.contains("409")).toList();
        assertThat(notFound).isEmpty();
    }

    /** A batch per record over two data types: thousands of batches, so it is still running when held mid-way. */
    private static final String SLOW_EXPORT = "{\"data_types\":[\"logs\",\"events\"],\"batch_size\":1,\"name\":\"slow\"}";

    private static long tableOverflow() {
        return ((Number) ((JavascriptExecutor) driver).executeScript(
                "const w = document.querySelector('#exports-table').parentElement; return w.scrollWidth - w.clientWidth")).longValue();
    }

    private static long horizontalOverflow() {
        return ((Number) ((JavascriptExecutor) driver).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth")).longValue();
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
        // and one whose level is no level: validation names it as an example of the rule it fails
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(com.exportservice.config.EmbeddedDatabases.sourceUrl(workingDir),
                com.exportservice.config.EmbeddedDatabases.DEFAULT_USER, com.exportservice.config.EmbeddedDatabases.DEFAULT_PASSWORD);
             java.sql.PreparedStatement ps = c.prepareStatement(
                     "INSERT INTO logs (id, ts, level, message, source, host) VALUES (9000002, CURRENT_TIMESTAMP, '<b>NOPE</b>', ?, 'x', 'markup-invalid')")) {
            ps.setString(1, "<img src=x onerror=\"window.__injected=6\">");
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

    /**
     * Starts {@link #SLOW_EXPORT} and holds it mid-way: as soon as the service has an estimate of its time
     * left, the source is paused (until {@link #releaseSource()}), so the page can be read while it runs on
     * a machine of any speed.
     */
    private static String startExportHeldMidWay() throws Exception {
        String id = startExport(SLOW_EXPORT);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5)).until(() -> {
            JsonNode s = json(get("/api/exports/" + id + "/status"));
            return !s.path("status").asText().matches("pending|running") || s.path("eta_seconds").isNumber();
        });
        sourcePause = service.pauseSource();
        JsonNode held = json(get("/api/exports/" + id + "/status"));
        assertThat(held.path("status").asText()).as("held while running: %s", held).isEqualTo("running");
        return id;
    }

    /** Ends the pause of {@link #startExportHeldMidWay()}: the export carries on. */
    private static void releaseSource() throws Exception {
        if (sourcePause != null) {
            sourcePause.close();
            sourcePause = null;
        }
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
        Path dir = Files.createDirectories(Path.of(SCREENSHOTS));
        Files.write(dir.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }

    /** Record values holding markup were shown as text: no element of theirs in {@code places}, none of their scripts ran. */
    /** Fills the form: the logs data type, as CSV, with one filter row. */
    private void fillLogsAsCsvWithFilter(String field, String op, String value) {
        click(By.cssSelector("#data-types input[value='logs']"));
        new Select(driver.findElement(By.id("output-format"))).selectByValue("csv");
        click(By.id("add-filter"));
        WebElement row = driver.findElement(By.cssSelector("#filters li.filter-row"));
        new Select(row.findElement(By.cssSelector("select.filter-field"))).selectByValue(field);
        new Select(row.findElement(By.cssSelector("select.filter-op"))).selectByValue(op);
        row.findElement(By.cssSelector("input.filter-value")).sendKeys(value);
    }

    private void assertNothingInjected(String places) {
        assertThat(driver.findElements(By.cssSelector(places))).isEmpty();
        assertThat(((JavascriptExecutor) driver).executeScript("return window.__injected === undefined")).isEqualTo(true);
    }
}
