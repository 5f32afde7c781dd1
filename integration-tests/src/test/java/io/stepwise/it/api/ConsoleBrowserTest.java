package io.stepwise.it.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * The web console in headless Chromium against a real {@code stepwise serve}: a person creates a machine, starts,
 * stops and redrives executions, and reads the coloured graph, a state's input and output, and the events. The
 * callback task hands its tokens to the test, which plays the worker through the SDK. Screenshots of the main
 * views land in {@code target/console-screenshots}.
 */
class ConsoleBrowserTest {
    private static final String MACHINE = "orders";
    private static final String DEFINITION = """
            {
              "StartAt": "Prepare",
              "States": {
                "Prepare": {"Type": "Pass", "Parameters": {"order.$": "$.order", "mode.$": "$.mode"}, "Next": "Route"},
                "Route": {"Type": "Choice",
                  "Choices": [{"Variable": "$.mode", "StringEquals": "skip", "Next": "Skipped"}],
                  "Default": "Work"},
                "Work": {"Type": "Task", "Resource": "%s", "Next": "Ask"},
                "Ask": {"Type": "Task", "Resource": "%s",
                  "Parameters": {"QueueUrl": "q", "MessageBody": {"token.$": "$$.Task.Token"}},
                  "Retry": [{"ErrorEquals": ["Flaky"], "MaxAttempts": 2, "IntervalSeconds": 1}],
                  "Catch": [{"ErrorEquals": ["Fatal"], "Next": "Handle"}],
                  "Next": "Done"},
                "Handle": {"Type": "Pass", "Next": "Done"},
                "Skipped": {"Type": "Pass", "Next": "Done"},
                "Done": {"Type": "Succeed"}
              }
            }""".formatted(LocalServer.ECHO_LAMBDA, LocalServer.CALLBACK);

    @TempDir
    static Path dataDir;
    private static LocalServer server;
    private static Browser browser;
    private static String console;

    @BeforeAll
    static void start() {
        server = new LocalServer(dataDir, false);
        browser = Browser.start();
        console = "http://127.0.0.1:" + server.port() + "/";
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        server.close();
    }

    @AfterEach
    void noBrowserErrors() {
        assertThat(browser.problems()).as("warnings and errors in the browser's log").isEmpty();
    }

    @Test
    void createStartStopRedriveAndReadTheColouredGraph() throws Exception {
        browser.driver.get(console);
        assertThat(browser.await("h1").getText()).isEqualTo("State machines");
        browser.find("a.button.primary").click();

        WebElement name = browser.await("#machine-name");
        name.clear();
        name.sendKeys(MACHINE);
        setValue(browser.find("#machine-definition"), DEFINITION);
        browser.find("#validate").click();
        browser.await("#diagnostics .ok");
        browser.await("#preview [data-state='Ask']");
        browser.find("#create").click();
        browser.until(d -> MACHINE.equals(browser.find("h1").getText()), 15);
        browser.await("#definition-graph [data-state='Ask']");
        assertThat(browser.all("#definition-graph .edge-catch")).hasSize(1);
        assertThat(browser.all("#definition-graph .edge-label").stream().map(WebElement::getText))
                .contains("$.mode StringEquals \"skip\"", "Default", "Catch Fatal");
        assertThat(browser.find("#definition-graph [data-state='Ask'] .retry").getText()).contains("Retry Flaky");
        browser.screenshot("state-machine");

        // Start from the console: invalid JSON is refused before anything is sent.
        server.issuedTokens().clear();
        browser.find("#start-execution").click();
        WebElement input = browser.await("#execution-input");
        input.clear();
        input.sendKeys("{\"order\": 42,");
        assertThat(browser.find("#start-confirm").isEnabled()).isFalse();
        assertThat(input.getDomAttribute("aria-invalid")).isEqualTo("true");
        input.sendKeys(" \"mode\": \"work\"}");
        assertThat(browser.find("#start-confirm").isEnabled()).isTrue();
        browser.screenshot("start-execution");
        browser.find("#start-confirm").click();
        token();
        browser.await("#execution-graph [data-state='Ask']");
        browser.awaitState("Ask", "running");
        assertThat(browser.stateStatus("Prepare")).isEqualTo("succeeded");
        assertThat(browser.stateStatus("Work")).isEqualTo("succeeded");
        assertThat(browser.stateStatus("Skipped")).isEqualTo("notreached");
        assertThat(browser.find("#execution-status").getText()).isEqualTo("RUNNING");
        browser.screenshot("execution-running");

        browser.find("#stop").click();
        awaitStatus("ABORTED");
        browser.awaitState("Ask", "failed");

        // Retried once, then caught: the status arrives by polling, without a reload.
        String retriedAndCaught = newExecution();
        browser.driver.executeScript("window.stepwiseNoReload = true");
        String first = token();
        server.sfn.sendTaskFailure(b -> b.taskToken(first).error("Flaky").cause("try again"));
        String second = token();
        server.sfn.sendTaskFailure(b -> b.taskToken(second).error("Fatal").cause("give up"));
        awaitStatus("SUCCEEDED");
        assertThat(Await.end(server.sfn, retriedAndCaught).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        browser.awaitState("Ask", "caught");
        assertThat(browser.driver.executeScript("return window.stepwiseNoReload")).as("the same page").isEqualTo(true);
        assertThat(browser.stateStatus("Handle")).isEqualTo("succeeded");
        assertThat(browser.stateStatus("Done")).isEqualTo("succeeded");
        assertThat(browser.stateStatus("Skipped")).isEqualTo("notreached");
        assertThat(browser.find("[data-state='Ask'] .retry").getText()).isEqualTo("↻ retried 1×");
        browser.find("[data-state='Ask']").click();
        assertThat(browser.await("#state-input").getText()).contains("\"order\": 42");
        assertThat(browser.find("#state-error").getText()).contains("Fatal").contains("give up");
        assertThat(browser.all("#state-panel .state-events li").stream().map(WebElement::getText)
                .collect(Collectors.joining("\n"))).contains("TaskFailed", "TaskStateExited");
        browser.screenshot("execution-graph");

        // Failed, then redriven from the console, and succeeding on the second try.
        newExecution();
        String failing = token();
        server.sfn.sendTaskFailure(b -> b.taskToken(failing).error("Other").cause("unexpected"));
        awaitStatus("FAILED");
        browser.awaitState("Ask", "failed");
        browser.screenshot("execution-failed");
        browser.find("#redrive").click();
        String afterRedrive = token();
        awaitStatus("RUNNING");
        server.sfn.sendTaskSuccess(b -> b.taskToken(afterRedrive).output("{\"approved\":true}"));
        awaitStatus("SUCCEEDED");
        browser.awaitState("Ask", "succeeded");
        browser.find("[data-state='Ask']").click();
        assertThat(browser.await("#state-output").getText()).contains("\"approved\": true");
        assertThat(browser.find("#events").getText()).contains("ExecutionRedriven", "TaskSucceeded");
        WebElement firstPayload = browser.find("#events tbody tr details summary");
        firstPayload.click();
        assertThat(browser.find("#events tbody tr details pre").getText()).contains("\"input\"");
        new Actions(browser.driver).scrollToElement(browser.find("#events")).perform();
        browser.screenshot("execution-events");
        assertThat(browser.all(".timeline .bar")).hasSizeGreaterThanOrEqualTo(6);
        browser.driver.executeScript("document.getElementById('timeline-title').scrollIntoView()");
        browser.screenshot("execution-timeline");

        // The machine's page lists the executions, filtered by status.
        browser.find(".crumbs a[href^='#/machine/']").click();
        browser.await("#executions tbody tr");
        assertThat(browser.all("#executions tbody tr")).hasSize(3);
        selectStatus("SUCCEEDED");
        browser.until(d -> browser.all("#executions tbody tr").size() == 2, 10);
        browser.driver.get(console);
        browser.until(d -> browser.find("#machines .last-status").getText().equals("SUCCEEDED"), 10);
        browser.screenshot("state-machines");
    }

    @Test
    void withAccessKeysTheConsoleSaysThatTheApiNeedsCredentials(@TempDir Path keyedData) {
        try (LocalServer keyed = new LocalServer(io.stepwise.local.server.ServeOptions.defaults().withPort(0)
                .withDataDir(keyedData).withAccessKey("AKIDCONSOLE:secret"))) {
            browser.driver.get("http://127.0.0.1:" + keyed.port() + "/");
            assertThat(browser.await("#banner").getText()).contains("needs credentials");
            browser.screenshot("needs-credentials");
        }
        // The refused API call is the one error the browser logs here.
        assertThat(browser.problems()).singleElement().asString().contains("403");
    }

    @Test
    void validationDiagnosticsAreShownOnTheGraph() {
        browser.driver.get(console + "console/#/create");
        browser.await("#preview [data-state='Hello']");
        setValue(browser.find("#machine-definition"), """
                {"StartAt": "A", "States": {
                  "A": {"Type": "Pass", "Next": "Nowhere"},
                  "P": {"Type": "Parallel", "End": true, "Branches": [
                    {"StartAt": "B", "States": {"B": {"Type": "Task", "End": true}}}]}}}""");
        browser.find("#validate").click();
        browser.await("#preview [data-state='B'].has-diagnostic");
        assertThat(browser.find("#preview [data-state='A']").getDomAttribute("class")).contains("has-diagnostic");
        assertThat(browser.find("#diagnostics").getText()).contains("MISSING_TRANSITION_TARGET", "Nowhere");
        assertThat(browser.find("#preview [data-state='A']").getDomAttribute("aria-label")).contains("problem");
        browser.screenshot("validation");
        browser.find("#create").click();
        assertThat(browser.find("h1").getText()).isEqualTo("Create state machine");

        setValue(browser.find("#machine-definition"), "{\"StartAt\": ");
        browser.find("#validate").click();
        browser.await("#diagnostics .error");
        assertThat(browser.find("#machine-definition").getDomAttribute("aria-invalid")).isEqualTo("true");
    }

    @Test
    void formsAreLabelledAndTheGraphWorksFromTheKeyboard() throws Exception {
        browser.driver.get(console + "console/#/create");
        browser.await("#preview [data-state='Hello']");
        assertLabelled();
        browser.driver.get(console);
        browser.await("h1");
        assertLabelled();

        String machine = server.sfn.createStateMachine(b -> b.name("keyboard").roleArn("arn:aws:iam::123456789012:role/r")
                .definition("{\"StartAt\":\"One\",\"States\":{\"One\":{\"Type\":\"Pass\",\"Next\":\"Two\"},"
                        + "\"Two\":{\"Type\":\"Pass\",\"End\":true}}}")).stateMachineArn();
        String execution = server.sfn.startExecution(b -> b.stateMachineArn(machine).input("{\"k\":1}")).executionArn();
        Await.end(server.sfn, execution);
        browser.driver.get(console + "console/#/execution/" + execution);
        browser.awaitState("Two", "succeeded");
        assertLabelled();
        WebElement reached = null;
        for (int i = 0; i < 40 && reached == null; i++) {
            new Actions(browser.driver).sendKeys(Keys.TAB).perform();
            WebElement active = browser.driver.switchTo().activeElement();
            if (active.getDomAttribute("data-state") != null) {
                reached = active;
            }
        }
        assertThat(reached).as("a graph state reached with Tab").isNotNull();
        new Actions(browser.driver).sendKeys(Keys.ENTER).perform();
        assertThat(browser.await("#panel-title").getText()).isEqualTo(reached.getDomAttribute("data-state"));
        browser.screenshot("keyboard");
        assertThat(browser.find("#state-input").getText()).contains("\"k\": 1");
        assertThat(reached.getDomAttribute("aria-label")).contains("Pass state").contains("succeeded");

        for (int i = 0; i < 21; i++) {
            server.sfn.startExecution(b -> b.stateMachineArn(machine));
        }
        browser.driver.get(console + "console/#/machine/" + machine);
        browser.await("#executions tbody tr");
        assertThat(browser.all("#executions tbody tr")).hasSize(20);
        assertThat(browser.find("#executions-previous").isEnabled()).isFalse();
        browser.find("#executions-next").click();
        browser.until(d -> browser.find(".page-label").getText().equals("Page 2"), 10);
        assertThat(browser.all("#executions tbody tr")).hasSize(2);
        assertThat(browser.find("#executions-next").isEnabled()).isFalse();
        browser.find("#executions-previous").click();
        browser.until(d -> browser.all("#executions tbody tr").size() == 20, 10);
    }

    @Test
    void aHistoryOf25000EventsRendersQuickly() throws Exception {
        int iterations = 6248;
        String items = IntStream.range(0, iterations).mapToObj(Integer::toString)
                .collect(Collectors.joining(",", "{\"items\":[", "]}"));
        String machine = server.sfn.createStateMachine(b -> b.name("large").roleArn("arn:aws:iam::123456789012:role/r")
                .definition("{\"StartAt\":\"Each\",\"States\":{\"Each\":{\"Type\":\"Map\",\"ItemsPath\":\"$.items\","
                        + "\"ItemProcessor\":{\"StartAt\":\"Square\",\"States\":{\"Square\":{\"Type\":\"Pass\","
                        + "\"End\":true}}},\"ResultSelector\":{\"done\":true},\"End\":true}}}")).stateMachineArn();
        String execution = server.sfn.startExecution(b -> b.stateMachineArn(machine).input(items)).executionArn();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (server.sfn.describeExecution(b -> b.executionArn(execution)).status() == ExecutionStatus.RUNNING) {
            assertThat(System.nanoTime()).as("the large execution ends in time").isLessThan(deadline);
            TimeUnit.MILLISECONDS.sleep(200);
        }
        browser.driver.get("about:blank");
        browser.driver.get(console + "console/#/execution/" + execution);
        String firstRender = browser.until(d -> d.findElement(org.openqa.selenium.By.tagName("body"))
                .getDomAttribute("data-first-render-ms"), 60);
        String loaded = browser.until(d -> d.findElement(org.openqa.selenium.By.tagName("body"))
                .getDomAttribute("data-history-loaded-ms"), 120);
        String pager = browser.find("#events + .pager .page-label").getText();
        assertThat(pager).isEqualTo("Page 1 of 250 (24998 events)");
        browser.awaitState("Square", "succeeded");
        assertThat(browser.find("[data-state='Square'] .count").getText()).isEqualTo("×" + iterations);
        assertThat(browser.find("[data-state='Each'] .count").getText()).isEqualTo(iterations + " iterations");
        assertThat(browser.find(".timeline-box").getText()).contains(iterations + " iterations");
        browser.find(".timeline-box .toggle").click();
        browser.await(".timeline-box .toggle[aria-expanded='true']");
        assertThat(browser.all(".timeline .row-label")).hasSize(2 + 200);
        browser.find("[data-state='Square']").click();
        assertThat(browser.await("#state-panel").getText()).contains("entered " + iterations + "×");
        browser.driver.executeScript("window.scrollTo(0, 0)");
        browser.screenshot("large-execution");
        browser.find("#events-last").click();
        browser.until(d -> browser.find("#events tbody").getText().contains("ExecutionSucceeded"), 10);
        browser.screenshot("large-execution-last-events");
        String report = "24,998-event history (Map of " + iterations + " iterations): first render " + firstRender
                + " ms after navigation, whole history loaded " + loaded + " ms\n";
        Files.writeString(Browser.SCREENSHOTS.resolve("large-history-timing.txt"), report);
        System.out.print(report);
        assertThat(Integer.parseInt(firstRender)).as("time to first render, ms").isLessThan(10_000);
    }

    private String newExecution() throws InterruptedException {
        server.issuedTokens().clear();
        browser.find("#new-execution").click();
        browser.await("#start-confirm").click();
        String token = token();
        server.issuedTokens().add(token);
        browser.awaitState("Ask", "running");
        String arn = browser.driver.getCurrentUrl().replaceFirst(".*#/execution/", "");
        return java.net.URLDecoder.decode(arn, java.nio.charset.StandardCharsets.UTF_8);
    }

    private String token() throws InterruptedException {
        String token = server.issuedTokens().poll(15, TimeUnit.SECONDS);
        assertThat(token).as("a task token").isNotNull();
        return token;
    }

    private void awaitStatus(String status) {
        browser.until(d -> status.equals(browser.find("#execution-status").getText()), 20);
    }

    private void selectStatus(String status) {
        new org.openqa.selenium.support.ui.Select(browser.find("#status-filter")).selectByValue(status);
    }

    private void setValue(WebElement element, String value) {
        browser.driver.executeScript("arguments[0].value = arguments[1];"
                + " arguments[0].dispatchEvent(new Event('input'));", element, value);
    }

    /** Every form control has a label, and every button a name. */
    private void assertLabelled() {
        for (WebElement control : browser.all("input, select, textarea")) {
            String id = control.getDomAttribute("id");
            boolean labelled = control.getDomAttribute("aria-label") != null
                    || (id != null && !browser.all("label[for='" + id + "']").isEmpty());
            assertThat(labelled).as("a label for " + control.getTagName() + "#" + id).isTrue();
        }
        List<WebElement> buttons = browser.all("button, [role='button']");
        for (WebElement button : buttons) {
            String text = button.getText().isBlank() ? button.getDomAttribute("aria-label") : button.getText();
            assertThat(text).as("the name of a button").isNotBlank();
        }
    }
}
