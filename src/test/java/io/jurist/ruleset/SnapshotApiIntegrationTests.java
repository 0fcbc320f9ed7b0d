package io.jurist.ruleset;

import static io.jurist.support.Http.DATA_PLATFORM;
import static io.jurist.support.Http.basic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jurist.facts.Countries;
import io.jurist.support.Await;
import io.jurist.support.Http;
import io.jurist.support.IntegrationTest;
import io.jurist.support.PostgresTestDatabases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import io.jurist.support.Proposals;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
class SnapshotApiIntegrationTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SNAPSHOT = "/api/v1/rulesets/1/snapshot?purpose=GENAI_TRAINING";
    private static final String FILTER = "/api/v1/rulesets/1/filter?purpose=GENAI_TRAINING";

    @LocalServerPort
    int port;

    @Autowired
    SnapshotController controller;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void theSnapshotIsServedAsJsonAndAsCsvWithItsVersion() {
        Http.Response json = http.get(SNAPSHOT, DATA_PLATFORM);
        assertThat(json.status()).as(json.body()).isEqualTo(200);
        JsonNode body = json.json();
        assertThat(body.get("version").asInt()).isEqualTo(1);
        String revision = body.get("revision").asText();
        JsonNode rows = body.get("rows");
        assertThat(rows.size()).isEqualTo(body.get("classes").asInt()).isBetween(Countries.assigned().size(), 10_000);
        JsonNode gbAdultOptedIn = null;
        for (JsonNode row : rows) {
            assertThat(row.get("version").asInt()).isEqualTo(1);
            assertThat(row.get("revision").asText()).isEqualTo(revision);
            if (row.get("country").asText().equals("US") && row.get("consent").asText().equals("NOT_SET")
                    && row.get("ageMin").asInt(-1) == 18 && row.get("from").asText().equals("2024-11-20T00:00:00Z")) {
                gbAdultOptedIn = row;
            }
        }
        assertThat(gbAdultOptedIn).isNotNull();
        assertThat(gbAdultOptedIn.get("decision").asText()).isEqualTo("PERMIT");
        assertThat(gbAdultOptedIn.get("obligations").get(0).get("code").asText()).isEqualTo("REDACT_PERSONAL_DATA");

        Http.Response byAccept = http.send(http.request(SNAPSHOT, DATA_PLATFORM).header("Accept", "text/csv").GET().build());
        Http.Response byFormat = http.get(SNAPSHOT + "&format=csv", basic("bob"));
        for (Http.Response csv : List.of(byAccept, byFormat)) {
            assertThat(csv.status()).isEqualTo(200);
            assertThat(csv.contentType()).startsWith("text/csv");
            String[] lines = csv.body().split("\n");
            assertThat(lines[0]).isEqualTo(
                    "country,consent,age_min,age_max,from,to,decision,reason_codes,obligations,version,revision");
            assertThat(lines).hasSize(rows.size() + 1);
            assertThat(lines).contains("US,NOT_SET,18,151,2024-11-20T00:00:00Z,+10000-01-01T00:00:00Z,PERMIT,PERMITTED,"
                    + "REDACT_PERSONAL_DATA,1," + revision);
        }
    }

    @Test
    void anyStoredVersionHasItsOwnSnapshotAndFilterEachComputedOnce() {
        Http.Response proposed = http.postJson("/api/v1/rulesets/proposals", Proposals.body("Snapshot test",
                Proposals.tableWith(Proposals.activeTable(http), Proposals.suspend("US"))), basic("alice"));
        assertThat(proposed.status()).as(proposed.body()).isEqualTo(201);
        int version = proposed.json().get("version").asInt();
        String snapshot = "/api/v1/rulesets/" + version + "/snapshot?purpose=GENAI_TRAINING";
        assertThat(http.get(FILTER + "&at=2025-06-01T00:00:00Z", DATA_PLATFORM).json().get("where").asText())
                .contains("'US'");
        long before = controller.computed();
        JsonNode body = http.get(snapshot, DATA_PLATFORM).json();
        assertThat(body.get("version").asInt()).isEqualTo(version);
        boolean suspendedFrom2025 = false;
        for (JsonNode row : body.get("rows")) {
            if (row.get("country").asText().equals("US") && row.get("from").asText().equals("2025-01-01T00:00:00Z")) {
                assertThat(row.get("decision").asText()).isEqualTo("DENY");
                assertThat(row.get("reasonCodes").toString()).contains("JURISDICTION_SUSPENDED");
                suspendedFrom2025 = true;
            }
        }
        assertThat(suspendedFrom2025).isTrue();
        String filter = "/api/v1/rulesets/" + version + "/filter?purpose=GENAI_TRAINING&at=2025-06-01T00:00:00Z";
        assertThat(http.get(filter, DATA_PLATFORM).json().get("where").asText()).doesNotContain("'US'");
        assertThat(http.get(snapshot + "&format=csv", DATA_PLATFORM).status()).isEqualTo(200);
        // The snapshot of the new version was computed once, and served from the cache after that.
        assertThat(controller.computed() - before).isEqualTo(1);
    }

    @Test
    void theOpenApiDescriptionDocumentsBothEndpoints() {
        JsonNode paths = http.get("/v3/api-docs", null).json().get("paths");
        JsonNode snapshot = paths.at("/~1api~1v1~1rulesets~1{version}~1snapshot/get");
        assertThat(snapshot.get("summary").asText()).contains("Every class of inputs");
        assertThat(snapshot.at("/responses/200/content").has("text/csv")).isTrue();
        JsonNode filter = paths.at("/~1api~1v1~1rulesets~1{version}~1filter/get");
        assertThat(filter.get("description").asText()).contains("NULL");
        assertThat(filter.get("parameters").toString()).contains("dialect", "at", "countryColumn", "ageColumn",
                "consentColumn");
    }

    @Test
    void unknownVersionsPurposesAndParametersAreProblems() {
        assertThat(http.get("/api/v1/rulesets/999/snapshot?purpose=GENAI_TRAINING", DATA_PLATFORM).status())
                .isEqualTo(404);
        Http.Response purpose = http.get("/api/v1/rulesets/1/snapshot?purpose=ADS", DATA_PLATFORM);
        assertThat(purpose.status()).isEqualTo(400);
        assertThat(purpose.body()).contains("purpose");
        assertThat(http.get("/api/v1/rulesets/1/snapshot", DATA_PLATFORM).status()).isEqualTo(400);
        assertThat(http.get(SNAPSHOT + "&format=xml", DATA_PLATFORM).status()).isEqualTo(400);
        assertThat(http.get("/api/v1/rulesets/1/filter?purpose=ADS", DATA_PLATFORM).status()).isEqualTo(400);
        assertThat(http.get("/api/v1/rulesets/999/filter?purpose=GENAI_TRAINING", DATA_PLATFORM).status())
                .isEqualTo(404);
        assertThat(http.get(FILTER + "&dialect=oracle", DATA_PLATFORM).status()).isEqualTo(400);
        assertThat(http.get(FILTER + "&at=yesterday", DATA_PLATFORM).status()).isEqualTo(400);
        assertThat(http.get(FILTER + "&at=1800-01-01T00:00:00Z", DATA_PLATFORM).status()).isEqualTo(400);
        // A column name is never spliced into the SQL: anything but a plain identifier is refused.
        Http.Response injected = http.get(FILTER + "&countryColumn="
                + URLEncoder.encode("country\" = \"country\" OR 1=1 --", StandardCharsets.UTF_8), DATA_PLATFORM);
        assertThat(injected.status()).isEqualTo(400);
        assertThat(injected.body()).contains("countryColumn");
        assertThat(http.get(SNAPSHOT, null).status()).isEqualTo(401);
        // A caller asking for CSV still gets the problem, with its status.
        Http.Response csvProblem = http.send(http.request("/api/v1/rulesets/999/snapshot?purpose=GENAI_TRAINING",
                DATA_PLATFORM).header("Accept", "text/csv").GET().build());
        assertThat(csvProblem.status()).isEqualTo(404);
        assertThat(csvProblem.body()).contains("No such ruleset version");
    }

    @Test
    void theSparkDialectQuotesColumnsWithBackticks() {
        Http.Response response = http.get(FILTER + "&at=2025-01-01T00:00:00Z&dialect=spark&ageColumn=member_age",
                DATA_PLATFORM);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        String where = response.json().get("where").asText();
        assertThat(where).contains("`country` IN (").contains("`member_age` >= 18").contains("`consent` IS NULL")
                .doesNotContain("\"");
        assertThat(response.json().get("dialect").asText()).isEqualTo("spark");
        assertThat(response.json().get("version").asInt()).isEqualTo(1);
    }

    /** Instants before, at and after each date of the starting table, and far on. */
    private static final List<String> INSTANTS = List.of("1900-01-01T00:00:00Z", "2024-09-17T23:59:59.999999999Z",
            "2024-09-18T00:00:00Z", "2024-10-01T00:00:00Z", "2024-11-19T23:59:59.999999999Z", "2024-11-20T00:00:00Z",
            "2026-06-01T12:00:00Z", "9999-12-31T23:59:59.999999999Z");

    @Test
    void theFilterSelectsInPostgresqlExactlyTheMembersTheBulkEndpointPermits() throws SQLException {
        assumeTrue(PostgresTestDatabases.configured(), PostgresTestDatabases.URL + " is not set");
        PostgresTestDatabases.Database database = PostgresTestDatabases.create();
        try (Connection connection = DriverManager.getConnection(database.url(), database.user(), database.password())) {
            List<Member> members = members(3_000);
            try (Statement statement = connection.createStatement()) {
                statement.execute("create table members (id text primary key, \"Country\" char(2) not null, "
                        + "age integer, consent text)");
            }
            try (PreparedStatement insert = connection.prepareStatement("insert into members values (?, ?, ?, ?)")) {
                for (Member member : members) {
                    insert.setString(1, member.id());
                    insert.setString(2, member.country());
                    if (member.age() == null) {
                        insert.setNull(3, Types.INTEGER);
                    } else {
                        insert.setInt(3, member.age());
                    }
                    insert.setString(4, member.consent());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            int differences = 0;
            int permitted = 0;
            // The bulk endpoint decides with the active version, which other tests in this application may have
            // moved on from version 1: filter with that one, once it is the version served.
            int active = Await.until(() -> http.get("/api/v1/rulesets/active", DATA_PLATFORM).json().get("version").asInt(),
                    version -> bulk(members.subList(0, 1), INSTANTS.get(0)).values().iterator().next()
                            .at("/ruleset/version").asInt() == version, Duration.ofSeconds(30), "the active version served");
            String activeFilter = "/api/v1/rulesets/" + active + "/filter?purpose=GENAI_TRAINING";
            for (String at : INSTANTS) {
                Http.Response response = http.get(activeFilter + "&dialect=postgresql&countryColumn=Country&at="
                        + URLEncoder.encode(at, StandardCharsets.UTF_8), DATA_PLATFORM);
                assertThat(response.status()).as(response.body()).isEqualTo(200);
                JsonNode filter = response.json();
                Map<String, JsonNode> bulk = bulk(members, at);
                Set<String> expected = new HashSet<>();
                Map<String, Set<String>> expectedObligations = new HashMap<>();
                for (Map.Entry<String, JsonNode> answer : bulk.entrySet()) {
                    assertThat(answer.getValue().at("/ruleset/version").asInt()).isEqualTo(filter.get("version").asInt());
                    if (answer.getValue().get("decision").asText().equals("PERMIT")) {
                        expected.add(answer.getKey());
                        for (JsonNode obligation : answer.getValue().get("obligations")) {
                            expectedObligations.computeIfAbsent(obligation.get("code").asText(), c -> new HashSet<>())
                                    .add(answer.getKey());
                        }
                    }
                }
                Set<String> selected = select(connection, filter.get("where").asText());
                differences += symmetricDifference(expected, selected);
                permitted += expected.size();
                Set<String> codes = new HashSet<>();
                for (JsonNode obligation : filter.get("obligations")) {
                    String code = obligation.get("code").asText();
                    codes.add(code);
                    differences += symmetricDifference(expectedObligations.getOrDefault(code, Set.of()),
                            select(connection, obligation.get("where").asText()));
                }
                assertThat(codes).as("obligations at " + at).isEqualTo(expectedObligations.keySet());
            }
            assertThat(differences).isZero();
            assertThat(permitted).as("some members are permitted at some instants").isPositive();
        } finally {
            PostgresTestDatabases.drop(database.name());
        }
    }

    private record Member(String id, String country, Integer age, String consent) {
    }

    private static List<Member> members(int count) {
        SplittableRandom random = new SplittableRandom(15);
        List<String> countries = new ArrayList<>(Countries.assigned());
        String[] consents = {null, "OPTED_IN", "OPTED_OUT", "NOT_SET"};
        int[] edges = {0, 17, 18, 19, 150};
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            // Half of them in the countries the table names, the rest anywhere.
            String country = random.nextBoolean() ? List.of("GB", "CH", "DE", "GR", "US", "FR", "NO", "JP")
                    .get(random.nextInt(8)) : countries.get(random.nextInt(countries.size()));
            int kind = random.nextInt(6);
            Integer age = kind == 0 ? null : kind <= 2 ? edges[random.nextInt(edges.length)] : random.nextInt(151);
            members.add(new Member("m" + i, country, age, consents[random.nextInt(consents.length)]));
        }
        return members;
    }

    /** The bulk endpoint's answers for the members at the instant, by member id. */
    private Map<String, JsonNode> bulk(List<Member> members, String at) {
        StringBuilder body = new StringBuilder();
        for (Member member : members) {
            body.append("{\"subject\":{\"id\":\"").append(member.id()).append("\",\"country\":\"")
                    .append(member.country()).append('"');
            if (member.age() != null) {
                body.append(",\"age\":").append(member.age());
            }
            body.append("},\"purpose\":\"GENAI_TRAINING\"");
            if (member.consent() != null) {
                body.append(",\"consent\":\"").append(member.consent()).append('"');
            }
            body.append(",\"at\":\"").append(at).append("\"}\n");
        }
        Http.Response response = http.post("/api/v1/decisions/batch", "application/x-ndjson", body.toString(),
                DATA_PLATFORM);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        Map<String, JsonNode> answers = new HashMap<>();
        for (String line : response.body().split("\n")) {
            if (!line.isEmpty()) {
                try {
                    JsonNode answer = JSON.readTree(line);
                    answers.put(answer.get("subjectId").asText(), answer);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        assertThat(answers).hasSize(members.size());
        return answers;
    }

    private static Set<String> select(Connection connection, String where) throws SQLException {
        Set<String> ids = new HashSet<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select id from members where " + where)) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }

    private static int symmetricDifference(Set<String> a, Set<String> b) {
        Set<String> onlyA = new HashSet<>(a);
        onlyA.removeAll(b);
        Set<String> onlyB = new HashSet<>(b);
        onlyB.removeAll(a);
        return onlyA.size() + onlyB.size();
    }
}
