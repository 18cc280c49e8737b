package io.insightledger.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import io.insightledger.demo.DemoData;
import io.insightledger.demo.DemoDataGenerator;
import io.insightledger.demo.DemoPlan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The web application in real headless Chromium, over the real system: the demo history on every page (and the
 * screenshots the README shows), then a meeting, evidence and a decision recorded through the forms alone.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserIT {

    @RegisterExtension
    static final RunningSystem running = new RunningSystem();

    /** Where the screenshots go: {@code -Dinsight.screenshots=../docs/screenshots} refreshes the README's. */
    private static final Path SCREENSHOTS = Path.of(System.getProperty("insight.screenshots", "target/screenshots"));
    private static final List<String> PAGES = List.of("/", "/dashboard", "/decisions", "/meetings", "/organizations",
            "/meetings/new", "/propose");

    @TempDir
    static Path profile;
    private static Browser browser;

    @BeforeAll
    static void openBrowser() {
        browser = new Browser(running.system().webUrl(), profile);
        browser.signIn(RunningSystem.USER, RunningSystem.PASSWORD);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @Order(1)
    void theDemoHistoryOnEveryPageAtLaptopAndPhoneWidths() {
        DemoPlan plan = DemoPlan.of(42, 1, DemoData.today());
        DemoDataGenerator.Summary demo = new DemoDataGenerator(running.system().commandUrl(), RunningSystem.TOKEN,
                8, null).run(plan);
        assertThat(demo.failures()).as(demo.failuresByStatus().toString()).isZero();
        String reversed = aReversedDecision(plan);
        await().atMost(Duration.ofSeconds(60)).until(() ->
                running.queries().get("/api/hypotheses/" + reversed).body().path("decisions").size() == 2);
        await().atMost(Duration.ofSeconds(60)).until(() -> running.queries().get("/api/admin/projections").body()
                .path("items").findValues("lag").stream().allMatch(lag -> lag.asLong() == 0));

        browser.width(1280);
        browser.open("/");
        browser.waitFor(By.cssSelector(".column .card"));
        assertThat(browser.script("return [...document.querySelectorAll('.column')].map(c => c.getAttribute('aria-label'))"))
                .isEqualTo(List.of("Open", "Validated", "Invalidated", "Parked", "Pivoted"));
        browser.screenshot(SCREENSHOTS.resolve("board.png"));

        browser.open("/hypotheses/" + reversed);
        browser.waitFor(By.cssSelector("#confidence-chart canvas"));
        assertThat(browser.all(By.cssSelector("#timeline li"))).hasSizeGreaterThan(3);
        browser.screenshot(SCREENSHOTS.resolve("hypothesis.png"));
        // the replay's first step is the proposal, with nothing decided yet
        browser.script("const s = document.getElementById('replay'); s.value = 0; s.dispatchEvent(new Event('input'))");
        assertThat(browser.text(By.id("replay-state"))).contains("Proposed", "Open").contains("0 decisions so far");

        browser.open("/dashboard");
        browser.waitFor(By.cssSelector("#chart-decisions canvas"));
        browser.waitFor(By.cssSelector("#chart-coverage canvas"));
        browser.screenshot(SCREENSHOTS.resolve("dashboard.png"));

        browser.width(390);
        browser.open("/hypotheses/" + reversed);
        browser.waitFor(By.cssSelector("#confidence-chart canvas"));
        browser.screenshot(SCREENSHOTS.resolve("hypothesis-phone.png"));
        JsonNode meeting = running.queries().get("/api/meetings?size=1").body().path("items").get(0);
        List<String> pages = new ArrayList<>(PAGES);
        pages.add("/hypotheses/" + reversed);
        pages.add("/meetings/" + meeting.path("id").asText());
        pages.add("/organizations/" + meeting.path("organization").asText().replace(" ", "%20"));
        for (String page : pages) {
            browser.open(page);
            assertThat(browser.text(By.cssSelector("#main h1"))).as("the page " + page)
                    .isNotIn("Something went wrong", "Not found");
            assertThat(browser.overflow()).as("sideways scrolling at 390 px on " + page).isLessThanOrEqualTo(0);
            assertThat(browser.unlabelledControls()).as("controls without a label on " + page).isEmpty();
        }
        browser.width(1280);
    }

    /** A hypothesis that was decided, reopened and decided again: the richest history to look at. */
    private static String aReversedDecision(DemoPlan plan) {
        return plan.phases().stream().flatMap(phase -> phase.chains().stream())
                .filter(chain -> chain.size() > 1 && chain.get(chain.size() - 2).path().endsWith("/reopening")
                        && !"PARKED".equals(chain.get(chain.size() - 1).body().get("outcome")))
                .map(chain -> chain.get(0).path().split("/")[3])
                .findFirst().orElseThrow(() -> new AssertionError("The demo history has no reversed decision"));
    }

    @Test
    @Order(2)
    void aMeetingItsEvidenceAndADecisionThroughTheFormsAlone() {
        browser.width(1280);
        browser.open("/propose");
        // over all of the user's workspaces (the demo history made four), a form asks which one it records in
        browser.choose(By.id("hypothesis-workspace"), "payments");
        browser.type(By.id("hypothesis-title"), "Teams want audit trails they can export");
        browser.type(By.id("hypothesis-statement"), "We believe that auditors want decision history as a file");
        browser.choose(By.id("hypothesis-category"), "VIABILITY");
        browser.type(By.id("hypothesis-successCriteria"), "We are right if 2 of 3 auditors ask for it");
        browser.click(By.cssSelector("#propose-hypothesis button[type=submit]"));
        browser.waitForRoute("/hypotheses/h-");
        String hypothesisId = browser.currentRoute().split("/")[2].split("\\?")[0];
        browser.waitForText(By.cssSelector("#main h1"), "Teams want audit trails they can export");
        assertThat(Api.as(running.system().queryUrl(), RunningSystem.TOKEN).get("/api/hypotheses/" + hypothesisId)
                .body().path("workspace").asText()).isEqualTo("payments");

        browser.open("/meetings/new");
        browser.choose(By.id("meeting-workspace"), "payments");
        browser.click(By.cssSelector("#record-meeting button[type=submit]"));
        // the API's problems appear beside the fields they concern
        browser.waitFor(By.cssSelector("#meeting-title[aria-invalid=true]"));
        assertThat(browser.text(By.id("meeting-title-error"))).contains("NotBlank");
        assertThat(browser.all(By.cssSelector("#meeting-attendees[aria-invalid=true]"))).hasSize(1);

        browser.type(By.id("meeting-title"), "Audit season with Initech Bank");
        browser.type(By.id("meeting-organization"), "Initech Bank");
        browser.type(By.id("meeting-segment"), "bank");
        browser.type(By.id("attendee-0-name"), "Ola");
        browser.type(By.id("attendee-0-role"), "Internal auditor");
        browser.type(By.id("attendee-1-name"), "Pat");
        browser.type(By.id("attendee-1-role"), "Product manager");
        browser.type(By.id("observation-0-text"), "Every spring we rebuild the decision history by hand.");
        browser.choose(By.id("observation-0-kind"), "PAIN_POINT");
        browser.type(By.id("observation-0-speakerRole"), "Internal auditor");
        browser.click(By.cssSelector("#record-meeting button[type=submit]"));
        browser.waitForRoute("/meetings/m-");
        String meetingId = browser.currentRoute().split("/")[2].split("\\?")[0];
        browser.waitForText(By.id("observations"), "Every spring we rebuild the decision history by hand.");

        browser.choose(By.id("link-observation"), "Every spring");
        browser.choose(By.id("link-strength"), "STRONG");
        browser.waitFor(By.cssSelector("#link-hypotheses input[value='" + hypothesisId + "']"));
        browser.click(By.cssSelector("#link-hypotheses input[value='" + hypothesisId + "']"));
        browser.click(By.cssSelector("#link-evidence button[type=submit]"));
        browser.waitForRoute("/hypotheses/" + hypothesisId);
        browser.waitForText(By.cssSelector("#main"), "Every spring we rebuild the decision history by hand.");

        browser.choose(By.id("decision-outcome"), "VALIDATED");
        browser.type(By.id("decision-rationale"), "The auditor described the pain unprompted");
        browser.click(By.cssSelector("#decide button[type=submit]"));
        // validating without naming evidence breaks DecisionRestsOnEvidence, shown beside the evidence
        browser.waitFor(By.cssSelector("#decision-evidence[aria-invalid=true]"));
        assertThat(browser.text(By.cssSelector("#decision-evidence .field-error"))).contains("DecisionRestsOnEvidence");
        browser.click(By.cssSelector("#decision-evidence input[type=checkbox]"));
        browser.click(By.cssSelector("#decide button[type=submit]"));
        browser.waitFor(By.cssSelector("#reopen"));
        assertThat(browser.text(By.cssSelector("#main > div"))).contains("Validated");
        browser.waitFor(By.cssSelector("#confidence-chart canvas"));
        assertThat(browser.text(By.id("timeline"))).contains("Decided VALIDATED", "Linked strong supporting evidence",
                "Proposed");

        browser.open("/?text=" + "audit%20trails");
        browser.waitForText(By.cssSelector(".column[aria-label=Validated]"), "Teams want audit trails they can export");

        browser.open("/decisions");
        browser.waitForText(By.cssSelector("#main .list"), "Teams want audit trails they can export");
        assertThat(browser.text(By.cssSelector("#main .list li.decision:first-child")))
                .contains("The auditor described the pain unprompted", "Validated");
        assertThat(running.queries().get("/api/hypotheses/" + hypothesisId).body().path("status").asText())
                .isEqualTo("VALIDATED");

        // Ola asks to be forgotten: the pages show her erased and the meeting's text redacted, the decision stays
        String ola = running.queries().get("/api/meetings/" + meetingId).body().path("attendees").get(0)
                .path("person").asText();
        assertThat(running.commands().post("/api/people/" + ola + "/erasure", Map.of("reason", "Request 7"))
                .status()).isEqualTo(200);
        assertThat(running.commands().post("/api/meetings/" + meetingId + "/redaction", Map.of("reason", "Request 7"))
                .status()).isEqualTo(200);
        browser.open("/meetings/" + meetingId);
        browser.waitFor(By.id("redacted"));
        browser.waitForText(By.cssSelector("#main li.erased"), "Erased person");
        assertThat(browser.text(By.id("main"))).doesNotContain("Ola", "Internal auditor", "Every spring");
        browser.open("/hypotheses/" + hypothesisId);
        browser.waitForText(By.cssSelector("#main"), "[redacted]");
        assertThat(browser.text(By.cssSelector("#main > div"))).contains("Validated").doesNotContain("Every spring");
    }

    /**
     * The browser holds nothing a page script could steal: no password, no token, no readable cookie; and signing out
     * kills the session on the server, not only in the page.
     */
    @Test
    @Order(3)
    void pageScriptsReadNoCredentialAndSigningOutEndsTheSession() {
        browser.open("/");
        browser.waitFor(By.cssSelector(".columns"));
        assertThat(browser.script("return document.cookie")).isEqualTo("");
        assertThat(browser.script("return localStorage.length + sessionStorage.length")).isEqualTo(0L);
        String page = (String) browser.script("return document.documentElement.outerHTML");
        assertThat(page).doesNotContain(RunningSystem.PASSWORD).doesNotContainPattern("il_[A-Za-z0-9_-]{43}");
        assertThat(browser.asyncScript(ASK_FOR_HYPOTHESES)).isEqualTo(200L);

        browser.click(By.id("sign-out"));
        browser.waitForRoute("/login");
        // the session's cookie (if the browser still sent one) no longer opens anything
        assertThat(browser.asyncScript(ASK_FOR_HYPOTHESES)).isEqualTo(401L);
        browser.open("/decisions");
        browser.waitForRoute("/login");
    }

    private static final String ASK_FOR_HYPOTHESES = """
            const done = arguments[arguments.length - 1];
            fetch('/api/hypotheses', {credentials: 'same-origin'}).then(r => done(r.status), () => done(-1));""";
}
