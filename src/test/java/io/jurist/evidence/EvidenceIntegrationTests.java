package io.jurist.evidence;

import static io.jurist.support.Http.DATA_PLATFORM;
import static io.jurist.support.Http.basic;
import static io.jurist.support.Tasks.approve;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jurist.support.Await;
import io.jurist.support.Http;
import io.jurist.support.IntegrationTest;
import io.jurist.support.Tasks;
import io.jurist.web.Browser;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The seed story's evidence: a country's purpose suspended inside a regulator engagement and re-enabled
 * under opt-in, with decisions before, during and after; the report must list both changes with their
 * approvers, the engagement with its letter, and exactly the decisions that were made.
 */
@IntegrationTest
class EvidenceIntegrationTests {

    private static final String COUNTRY = "VN";
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    Http http;
    Tasks tasks;
    /** Every decision this test made for the country: by outcome, and by reason. */
    final Map<String, Long> byDecision = new TreeMap<>();
    final Map<String, Long> byReason = new TreeMap<>();

    @BeforeEach
    void client() {
        http = new Http(port);
        tasks = new Tasks(http);
    }

    private JsonNode decide(String consent, int age) {
        Http.Response response = http.postJson("/api/v1/decisions", "{\"subject\":{\"id\":\"member-" + age
                + "\",\"country\":\"" + COUNTRY + "\",\"age\":" + age + "},\"purpose\":\"GENAI_TRAINING\",\"consent\":\""
                + consent + "\"}", DATA_PLATFORM);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        count(response.json());
        return response.json();
    }

    private void count(JsonNode decision) {
        byDecision.merge(decision.get("decision").asText(), 1L, Long::sum);
        decision.get("reasons").findValuesAsText("code").stream().distinct()
                .forEach(code -> byReason.merge(code, 1L, Long::sum));
    }

    private void awaitDecision(String consent, String expected) {
        Await.until(() -> decide(consent, 30), d -> d.get("decision").asText().equals(expected),
                Duration.ofSeconds(15), "a " + expected + " decision");
    }

    private void batch(int lines) throws Exception {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            body.append("{\"subject\":{\"id\":\"batch-").append(i).append("\",\"country\":\"").append(COUNTRY)
                    .append("\"},\"purpose\":\"GENAI_TRAINING\",\"consent\":\"OPTED_OUT\"}\n");
        }
        Http.Response response = http.post("/api/v1/decisions/batch", "application/x-ndjson", body.toString(),
                DATA_PLATFORM);
        assertThat(response.status()).isEqualTo(200);
        for (String line : response.body().split("\n")) {
            count(JSON.readTree(line));
        }
    }

    @Test
    void theSeedStorysReportListsBothChangesWithTheirApproversAndCountsEveryDecision() throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String window = "jurisdiction=" + COUNTRY + "&purpose=GENAI_TRAINING&from=" + today + "&to=" + today.plusDays(2);
        countWhatOtherTestsDecidedToday(window);

        decide("NOT_SET", 30);
        decide("NOT_SET", 16);
        batch(3);

        Http.Response opened = http.postJson("/api/v1/engagements", "{\"regulator\":\"Ministry of Information <MIC>\","
                + "\"jurisdictions\":[\"" + COUNTRY + "\"],\"purpose\":\"GENAI_TRAINING\","
                + "\"summary\":\"Asks how member data trains generative AI\"}", basic("alice"));
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        String engagementId = opened.json().get("id").asText();
        String engagement = opened.json().get("processInstanceId").asText();
        assertThat(tasks.complete(tasks.await(engagement, "Task_TriageConcern", "bob"), "bob",
                "\"assessment\":{\"value\":\"Pause while we answer\"},\"suspendNow\":{\"value\":true},"
                        + "\"comment\":{\"value\":\"suspend\"}")).isEqualTo(204);
        assertThat(tasks.complete(tasks.await(engagement, "Task_ApproveAsLegal", "erin"), "erin",
                approve("Suspension approved for Vietnam"))).isEqualTo(204);
        awaitDecision("OPTED_IN", "DENY");
        decide("NOT_SET", 40);

        assertThat(http.postJson("/api/v1/engagements/" + engagementId + "/correspondence",
                "{\"direction\":\"INBOUND\",\"date\":\"" + today + "\",\"summary\":\"The ministry accepts opt-in\","
                        + "\"regulatorPosition\":\"Opt-in before any resumption\"}", basic("bob")).status())
                .isEqualTo(201);
        Http.Response requested = http.postJson("/api/v1/reenablements", "{\"jurisdictions\":[\"" + COUNTRY + "\"],"
                + "\"purpose\":\"GENAI_TRAINING\",\"consentModel\":\"OPT_IN\",\"justification\":\"Opt-in agreed with "
                + "the ministry\",\"engagementId\":\"" + engagementId + "\"}", basic("alice"));
        assertThat(requested.status()).as(requested.body()).isEqualTo(201);
        String reenablement = requested.json().get("processInstanceId").asText();
        assertThat(tasks.complete(tasks.await(reenablement, "Task_AssessDpia", "dana"), "dana",
                approve("DPIA done", "dpiaReference", "DPIA-VN-1", "dpiaConclusion", "Acceptable with opt-in")))
                .isEqualTo(204);
        assertThat(tasks.complete(tasks.await(reenablement, "Task_ReviewLegalBasis", "bob"), "bob",
                approve("Consent", "legalBasis", "CONSENT"))).isEqualTo(204);
        assertThat(tasks.complete(tasks.await(reenablement, "Task_RecordRegulatorPosition", "bob"), "bob",
                approve("Letter received", "regulatorPosition", "NO_OBJECTION"))).isEqualTo(204);
        assertThat(tasks.complete(tasks.await(reenablement, "Task_ApproveAsDpo", "dana"), "dana",
                approve("Permissive, DPO agrees"))).isEqualTo(204);
        assertThat(tasks.complete(tasks.await(reenablement, "Task_ApprovePermissiveAsLegal", "bob"), "bob",
                approve("Permissive, legal agrees"))).isEqualTo(204);
        awaitDecision("OPTED_IN", "PERMIT");
        decide("NOT_SET", 30);
        batch(2);

        // The decision log is written off the request path: the report catches up within moments.
        JsonNode report = Await.until(() -> http.get("/api/v1/evidence?" + window, basic("dana")).json(),
                r -> total(r.at("/decisions/byDecision")) == total(JSON.valueToTree(byDecision)),
                Duration.ofSeconds(15), "the decisions in the report");

        assertThat(report.get("country").asText()).isEqualTo(COUNTRY);
        assertThat(report.get("generatedBy").asText()).isEqualTo("dana");
        assertThat(JSON.convertValue(report.at("/decisions/byDecision"), Map.class)).isEqualTo(asInts(byDecision));
        assertThat(JSON.convertValue(report.at("/decisions/byReason"), Map.class)).isEqualTo(asInts(byReason));
        assertThat(byReason).containsKeys("PERMITTED", "MINOR_EXCLUDED", "JURISDICTION_SUSPENDED",
                "CONSENT_OPTED_OUT", "CONSENT_REQUIRED");

        List<JsonNode> changes = list(report.get("changes"));
        assertThat(changes).extracting(c -> c.get("kind").asText()).containsExactly("SUSPENSION", "REENABLEMENT");
        assertThat(changes).allMatch(c -> c.get("status").asText().equals("ACTIVE"));
        assertThat(changes).allMatch(c -> c.get("engagementId").asText().equals(engagementId));
        JsonNode suspension = changes.get(0);
        // bob decided at triage to suspend: he asked for it (alice, who opened the engagement, may not approve it either).
        assertThat(suspension.get("requestedBy").asText()).isEqualTo("bob");
        assertThat(list(suspension.get("approvals"))).anyMatch(a -> a.get("user").asText().equals("erin")
                && a.get("approved").asBoolean() && a.get("comment").asText().equals("Suspension approved for Vietnam"));
        JsonNode reenabled = changes.get(1);
        assertThat(reenabled.get("consentModel").asText()).isEqualTo("OPT_IN");
        assertThat(list(reenabled.get("approvals"))).extracting(a -> a.get("user").asText() + ":"
                + a.get("comment").asText()).contains("dana:DPIA done", "bob:Consent", "bob:Letter received",
                "dana:Permissive, DPO agrees", "bob:Permissive, legal agrees");

        JsonNode engagementReport = report.at("/engagements/0");
        assertThat(engagementReport.get("id").asText()).isEqualTo(engagementId);
        assertThat(engagementReport.at("/correspondence/0/regulatorPosition").asText())
                .isEqualTo("Opt-in before any resumption");
        assertThat(list(engagementReport.get("steps"))).anyMatch(s -> s.get("user").asText().equals("bob")
                && s.get("taskKey").asText().equals("Task_TriageConcern"));

        List<JsonNode> versions = list(report.get("versions"));
        // Who approved each version in force: erin the suspension's, dana and bob the re-enablement's.
        assertThat(versions).extracting(v -> v.get("approvals").findValuesAsText("user").toString())
                .contains("[erin]", "[dana, bob]");
        assertThat(versions).extracting(v -> v.at("/policy/status").asText() + "/" + v.at("/policy/consentModel").asText())
                .containsSubsequence("SUSPENDED/OPT_OUT", "ENABLED/OPT_IN");
        assertThat(list(report.get("history"))).extracting(h -> h.get("type").asText()).containsSubsequence(
                "ENGAGEMENT_OPENED", "TASK_COMPLETED", "SUSPENSION_REQUESTED", "APPROVED", "VERSION_ACTIVATED",
                "JURISDICTION_CHANGE_ACTIVE", "CORRESPONDENCE_RECORDED", "REENABLEMENT_REQUESTED", "APPROVED",
                "VERSION_ACTIVATED", "JURISDICTION_CHANGE_ACTIVE");
        assertThat(report.at("/chain/intact").asBoolean()).isTrue();

        theSameReportPrintsAsAPageWithItsTimeline(window, engagementId);
    }

    private void theSameReportPrintsAsAPageWithItsTimeline(String window, String engagementId) throws Exception {
        try (Browser browser = Browser.start(port)) {
            browser.open("/evidence?" + window);
            assertThat(browser.path()).startsWith("/login");
            browser.logIn("bob");
            browser.waitFor(By.cssSelector("#timeline svg"));
            assertThat(browser.find(By.tagName("h1")).getText()).contains("GENAI_TRAINING").contains(COUNTRY);
            String page = browser.find(By.id("main")).getText();
            assertThat(page).contains(engagementId, "Suspension approved for Vietnam", "Permissive, legal agrees",
                    "The ministry accepts opt-in", "intact");
            // ECharts drew bars for the decisions and a shaded period for the suspension.
            assertThat(browser.driver().findElements(By.cssSelector("#timeline svg path"))).hasSizeGreaterThan(5);
            browser.screenshot("evidence.png", By.tagName("h1"));
            // A name someone typed is shown as text, in the tables and in the chart's tooltips, never as markup.
            assertThat(page).contains("Ministry of Information <MIC>");
            Object tooltip = browser.script("var chart = echarts.getInstanceByDom(document.getElementById('timeline'));"
                    + "var events = chart.getOption().series[2].data;"
                    + "var i = events.findIndex(function (e) { return e[3].indexOf('engagement opened') >= 0; });"
                    + "chart.dispatchAction({type: 'showTip', seriesIndex: 2, dataIndex: i});"
                    + "var tips = Array.prototype.filter.call(document.querySelectorAll('#timeline div'),"
                    + "  function (d) { return d.textContent.indexOf('engagement opened') >= 0; });"
                    + "return tips.length ? [tips[tips.length - 1].textContent, tips[tips.length - 1].querySelectorAll('mic').length] : null;");
            assertThat(tooltip).as("the tooltip of the engagement's pin").isInstanceOf(List.class);
            assertThat(((List<?>) tooltip).get(0).toString()).contains("Ministry of Information <MIC> engagement opened");
            assertThat(((Number) ((List<?>) tooltip).get(1)).intValue()).isZero();
        }
    }

    @Test
    void questionsThatCannotBeAnsweredAreRefusedNamingEachBadParameter() {
        Http.Response bad = http.get("/api/v1/evidence?jurisdiction=XX&purpose=NOPE&from=2024-12-01&to=2024-09-01",
                basic("bob"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().findValuesAsText("field")).contains("jurisdiction", "purpose");
        Http.Response backwards = http.get("/api/v1/evidence?jurisdiction=GB&purpose=GENAI_TRAINING&from=2024-12-01"
                + "&to=2024-09-01", basic("bob"));
        assertThat(backwards.json().findValuesAsText("field")).containsExactly("from");
        assertThat(http.get("/api/v1/evidence?jurisdiction=UK&purpose=GENAI_TRAINING&from=2024-09-01T00:00:00Z"
                + "&to=2024-12-01", basic("bob")).json().get("country").asText()).isEqualTo("GB");
        assertThat(http.get("/api/v1/evidence?jurisdiction=GB&purpose=GENAI_TRAINING&from=September", basic("bob"))
                .status()).isEqualTo(400);
        Http.Response outside = http.get("/api/v1/evidence?jurisdiction=GB&purpose=GENAI_TRAINING"
                + "&from=-1000000000-01-01T00:00:00Z&to=2024-09-01", basic("bob"));
        assertThat(outside.status()).as(outside.body()).isEqualTo(400);
        assertThat(outside.json().findValuesAsText("field")).containsExactly("from");
        assertThat(outside.json().findValuesAsText("message").toString()).contains("1900-01-01T00:00:00Z");
        assertThat(http.get("/api/v1/evidence?jurisdiction=GB&purpose=GENAI_TRAINING", DATA_PLATFORM).status())
                .isEqualTo(403);
        assertThat(http.get("/api/v1/evidence?jurisdiction=GB&purpose=GENAI_TRAINING", null).status()).isEqualTo(401);
    }

    /**
     * Other tests in the same application may have decided for the country today (bulk tests draw countries at
     * random): the report's counts before this test's decisions are where its own counts start. The log is written
     * off the request path, so they are read until two reads a second apart agree.
     */
    private void countWhatOtherTestsDecidedToday(String window) throws InterruptedException {
        JsonNode previous = null;
        for (int read = 0; read < 30; read++) {
            JsonNode decisions = http.get("/api/v1/evidence?" + window, basic("dana")).json().get("decisions");
            if (decisions.equals(previous)) {
                break;
            }
            previous = decisions;
            Thread.sleep(1000);
        }
        previous.get("byDecision").fields().forEachRemaining(e -> byDecision.put(e.getKey(), e.getValue().asLong()));
        previous.get("byReason").fields().forEachRemaining(e -> byReason.put(e.getKey(), e.getValue().asLong()));
    }

    private static long total(JsonNode counts) {
        long total = 0;
        for (JsonNode count : counts) {
            total += count.asLong();
        }
        return total;
    }

    private static Map<String, Integer> asInts(Map<String, Long> counts) {
        Map<String, Integer> ints = new TreeMap<>();
        counts.forEach((k, v) -> ints.put(k, v.intValue()));
        return ints;
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> list = new java.util.ArrayList<>();
        array.forEach(list::add);
        return list;
    }
}
