package io.jurist.security;

import static io.jurist.support.Http.DATA_PLATFORM;
import static io.jurist.support.Http.basic;
import static io.jurist.support.Proposals.activeTable;
import static io.jurist.support.Proposals.body;
import static io.jurist.support.Proposals.suspend;
import static io.jurist.support.Proposals.tableWith;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jurist.support.Http;
import io.jurist.support.IntegrationTest;
import io.jurist.support.SecurityDoc;
import io.jurist.support.WebSession;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The access matrix of docs/security.md, read from the document itself: every route of the API,
 * every resource of Camunda's REST API (found by reflection), the rule editor's pages and Camunda's
 * webapps, called as every identity of the contract and an anonymous caller, each status compared
 * with the declared one. Writes carry bodies that are refused after the access check (or name
 * objects that do not exist), so nothing changes; see the legend in docs/security.md.
 */
@IntegrationTest
class AccessMatrixIntegrationTests {

    /** The people of the demo mode; each one's password is the user name. */
    private static final Set<String> PEOPLE = Set.of("alice", "bob", "dana", "erin", "admin");

    /**
     * Bodies for the writes of the tables, keyed by the route as the table names it. Each is refused
     * after the access check (an invalid field, an unknown id) or, for callers who may not make the
     * call, refused by it. {@code {caller}} becomes the caller's user name.
     */
    static final Map<String, String> BODIES = Map.ofEntries(
            Map.entry("POST /api/v1/decisions", "{\"subject\":{\"id\":\"\"}}"),
            Map.entry("POST /api/v1/decisions/batch", ""),
            Map.entry("POST /api/v1/decisions/summaries", "{}"),
            Map.entry("POST /api/v1/rulesets/validate", "{\"files\":{\"../x\":\"\"}}"),
            Map.entry("POST /api/v1/rulesets/proposals", "{}"),
            Map.entry("POST /api/v1/engagements", "{}"),
            Map.entry("POST /api/v1/engagements/ENG-NONE/correspondence", "{}"),
            Map.entry("POST /api/v1/suspensions", "{}"),
            Map.entry("POST /api/v1/reenablements", "{}"),
            Map.entry("POST /api/v1/tasks/NONE/complete", "{\"approved\":true,\"comment\":\"x\"}"),
            Map.entry("POST /engine-rest/task/{task}/complete", "{}"),
            Map.entry("POST /engine-rest/task/{task}/claim", "{\"userId\":\"alice\"}"),
            Map.entry("POST /engine-rest/task/{task}/assignee", "{\"userId\":\"bob\"}"),
            Map.entry("PUT /engine-rest/task/{task}/variables/version", "{\"value\":1,\"type\":\"Integer\"}"),
            Map.entry("POST /engine-rest/task/{task}/identity-links", "{\"groupId\":\"rule-authors\",\"type\":\"candidate\"}"),
            Map.entry("PUT /engine-rest/process-instance/{processInstance}/variables/version",
                    "{\"value\":1,\"type\":\"Integer\"}"),
            Map.entry("PUT /engine-rest/process-instance/{processInstance}/suspended", "{\"suspended\":true}"),
            Map.entry("POST /engine-rest/process-instance/{processInstance}/modification",
                    "{\"instructions\":[{\"type\":\"cancel\",\"activityId\":\"Task_ApproveAsLegal\"}]}"),
            Map.entry("POST /engine-rest/process-definition/{processDefinition}/restart",
                    "{\"processInstanceIds\":[\"{processInstance}\"],\"instructions\":[{\"type\":"
                            + "\"startBeforeActivity\",\"activityId\":\"Task_ActivateVersion\"}]}"),
            Map.entry("POST /engine-rest/migration/execute", "{\"migrationPlan\":{\"sourceProcessDefinitionId\":"
                    + "\"{processDefinition}\",\"targetProcessDefinitionId\":\"{processDefinition}\","
                    + "\"instructions\":[]},\"processInstanceIds\":[\"{processInstance}\"]}"),
            Map.entry("POST /engine-rest/deployment/{deployment}/redeploy", "{}"),
            Map.entry("POST /engine-rest/process-instance/delete",
                    "{\"processInstanceIds\":[\"{processInstance}\"],\"deleteReason\":\"matrix\"}"),
            Map.entry("POST /engine-rest/process-definition/key/RuleChangeApproval/start", "{}"),
            Map.entry("PUT /engine-rest/process-definition/{processDefinition}/suspended", "{\"suspended\":true}"),
            Map.entry("PUT /engine-rest/filter/{filter}", "{\"resourceType\":\"Task\",\"name\":\"x\",\"query\":{}}"),
            Map.entry("POST /engine-rest/filter/create", "{\"resourceType\":\"Task\",\"name\":\"x\",\"query\":{}}"),
            Map.entry("POST /engine-rest/user/create",
                    "{\"profile\":{\"id\":\"matrix-mallory\"},\"credentials\":{\"password\":\"matrix-mallory\"}}"),
            Map.entry("PUT /engine-rest/user/admin/profile", "{\"id\":\"admin\",\"firstName\":\"Mallory\"}"),
            Map.entry("PUT /engine-rest/user/admin/credentials",
                    "{\"password\":\"matrix-new-password\",\"authenticatedUserPassword\":\"{caller}\"}"),
            Map.entry("POST /engine-rest/identity/verify", "{\"username\":\"alice\",\"password\":\"alice\"}"),
            Map.entry("POST /engine-rest/group/create", "{\"id\":\"matrix-group\",\"name\":\"x\"}"),
            Map.entry("POST /engine-rest/authorization/create", "{\"type\":1,\"permissions\":[\"ALL\"],"
                    + "\"userId\":\"{caller}\",\"resourceType\":0,\"resourceId\":\"*\"}"),
            Map.entry("PUT /engine-rest/job/suspended", "{\"processDefinitionKey\":\"RuleChangeApproval\",\"suspended\":true}"),
            Map.entry("POST /editor/save", "file=..%2Fx&content=x"),
            Map.entry("POST /editor/discard", "file=..%2Fx"),
            Map.entry("POST /editor/submit", "summary="),
            Map.entry("POST /editor/table", "file=x.txt"),
            Map.entry("POST /editor/scenarios", "file="));

    private static final String MULTIPART_BOUNDARY = "matrix-boundary";
    private static final String BPMN_DEPLOYMENT = "--" + MULTIPART_BOUNDARY + "\r\n"
            + "Content-Disposition: form-data; name=\"deployment-name\"\r\n\r\nmatrix\r\n"
            + "--" + MULTIPART_BOUNDARY + "\r\n"
            + "Content-Disposition: form-data; name=\"data\"; filename=\"matrix.bpmn\"\r\n"
            + "Content-Type: application/octet-stream\r\n\r\n"
            + "<?xml version=\"1.0\" encoding=\"UTF-8\"?><definitions "
            + "xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" targetNamespace=\"matrix\">"
            + "<process id=\"matrix\" isExecutable=\"false\"/></definitions>\r\n"
            + "--" + MULTIPART_BOUNDARY + "--\r\n";

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    private static String authorization(String caller) {
        if (caller.equals("anonymous")) {
            return null;
        }
        if (caller.equals("data platform")) {
            return DATA_PLATFORM;
        }
        if (!PEOPLE.contains(caller)) {
            throw new IllegalStateException("docs/security.md names an unknown caller: " + caller);
        }
        return basic(caller);
    }

    /** Whether a response is what a cell declares; see the legend in docs/security.md. */
    static boolean meets(String cell, Http.Response response) {
        String expected = cell.split("\\s+")[0];
        int status = response.status();
        return switch (expected) {
            case "allowed" -> status != 401 && status != 403 && status < 500;
            case "passes" -> status != 401 && status != 403;
            default -> {
                if (status != Integer.parseInt(expected)) {
                    yield false;
                }
                if (cell.contains(" some") || cell.contains(" none")) {
                    JsonNode json = response.json();
                    int size = json.has("count") ? json.get("count").asInt() : json.size();
                    yield cell.contains(" some") == (size > 0);
                }
                yield true;
            }
        };
    }

    private static String method(String route) {
        return route.substring(0, route.indexOf(' '));
    }

    private static String path(String route) {
        return route.substring(route.indexOf(' ') + 1);
    }

    private static String describe(String route, String caller, String cell, Http.Response response) {
        String body = response.body() == null ? "" : response.body().replaceAll("\\s+", " ");
        return route + " as " + caller + ": expected " + cell + " but was " + response.status() + " "
                + body.substring(0, Math.min(body.length(), 160));
    }

    @Test
    void everyIdentityGetsTheDeclaredStatusOnEveryApiRoute() {
        SecurityDoc.Table table = SecurityDoc.table("API route");
        List<String> mismatches = new ArrayList<>();
        for (SecurityDoc.Row row : table.rows()) {
            String route = row.routes().get(0);
            String body = BODIES.get(route);
            String type = route.endsWith("/batch") ? "application/x-ndjson" : "application/json";
            for (String caller : table.columns()) {
                String cell = row.cell(caller);
                Http.Response response = http.send(method(route), path(route), body == null ? null : type, body,
                        authorization(caller));
                if (!meets(cell, response)) {
                    mismatches.add(describe(route, caller, cell, response));
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }

    /** Every route of this service (the API's and the pages') has its row, so no new endpoint goes unchecked. */
    @Test
    void everyRouteOfTheServiceHasARowInTheMatrix() {
        List<String> declared = new ArrayList<>();
        SecurityDoc.table("API route").rows().forEach(r -> declared.add(r.routes().get(0)));
        SecurityDoc.table("page").rows().forEach(r -> declared.add(r.routes().get(0)));
        List<String> missing = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, org.springframework.web.method.HandlerMethod> mapping
                : mappings.getHandlerMethods().entrySet()) {
            if (!mapping.getValue().getBeanType().getPackageName().startsWith("io.jurist")) {
                continue;
            }
            Set<String> methods = mapping.getKey().getMethodsCondition().getMethods().stream().map(Enum::name)
                    .collect(java.util.stream.Collectors.toSet());
            for (String pattern : mapping.getKey().getPatternValues()) {
                PathPattern parsed = PathPatternParser.defaultInstance.parse(pattern);
                for (String method : methods.isEmpty() ? Set.of("GET") : methods) {
                    boolean found = declared.stream().anyMatch(route -> method(route).equals(method)
                            && parsed.matches(org.springframework.http.server.PathContainer.parsePath(
                                    path(route).split("\\?")[0])));
                    if (!found) {
                        missing.add(method + " " + pattern);
                    }
                }
            }
        }
        assertThat(missing).as("routes without a row in docs/security.md").isEmpty();
    }

    /** A glob of the sweep table: {@code *} one segment, {@code **} any, {@code {}} one path parameter. */
    static Pattern glob(String pattern) {
        String method = method(pattern);
        StringBuilder regex = new StringBuilder(method.equals("*") ? "[A-Z]+" : method).append(' ');
        String path = path(pattern);
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (path.startsWith("/**", i)) {
                regex.append("(/[^/]+)*");
                i += 2;
            } else if (path.startsWith("{}", i)) {
                regex.append("\\{[^/}]+\\}");
                i += 1;
            } else if (c == '*') {
                regex.append("[^/]+");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }

    @Test
    void everyResourceOfCamundasRestApiAnswersEachCallerAsDeclared() throws Exception {
        SecurityDoc.Table table = SecurityDoc.table("Camunda REST route (unknown ids)");
        List<Map.Entry<Pattern, SecurityDoc.Row>> rules = new ArrayList<>();
        for (SecurityDoc.Row row : table.rows()) {
            row.routes().forEach(pattern -> rules.add(Map.entry(glob(pattern), row)));
        }
        Function<String, SecurityDoc.Row> rule = route -> rules.stream().filter(r -> r.getKey().matcher(route).matches())
                .map(Map.Entry::getValue).findFirst()
                .orElseThrow(() -> new IllegalStateException("No row of docs/security.md matches " + route));

        Set<EngineRestRoutes.Route> routes = EngineRestRoutes.all();
        assertThat(routes).as("Camunda's REST API, found by reflection").hasSizeGreaterThan(400);
        List<Runnable> calls = new ArrayList<>();
        List<String> mismatches = Collections.synchronizedList(new ArrayList<>());
        for (EngineRestRoutes.Route route : routes) {
            String declared = route.method() + " /engine-rest" + route.path();
            SecurityDoc.Row row = rule.apply(declared);
            String path = "/engine-rest" + route.path().replaceAll("\\{[^}]+}", "none");
            boolean everyone = route.method().equals("GET") || route.namesAnObject();
            for (String caller : table.columns()) {
                if (!everyone && !caller.equals("anonymous")) {
                    continue; // acts on whatever a query selects: only anonymous callers, who get no further
                }
                String cell = row.cell(caller);
                calls.add(() -> {
                    boolean write = route.method().equals("POST") || route.method().equals("PUT");
                    Http.Response response = http.send(route.method(), path, write ? "application/json" : null,
                            write ? "{}" : null, authorization(caller));
                    if (!meets(cell, response)) {
                        mismatches.add(describe(declared, caller, cell, response));
                    }
                });
            }
        }
        // The named-engine prefix serves the same resources.
        String named = "GET /engine-rest/engine/default/task";
        for (String caller : table.columns()) {
            calls.add(() -> {
                Http.Response response = http.get(path(named), authorization(caller));
                String cell = rule.apply(named).cell(caller);
                if (!meets(cell, response)) {
                    mismatches.add(describe(named, caller, cell, response));
                }
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            calls.forEach(call -> done.add(pool.submit(call)));
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void camundasAuthorizationsDecideOnRealObjectsAsDeclared() {
        Http.Response proposed = http.postJson("/api/v1/rulesets/proposals",
                body("Access matrix: suspend in Ecuador", tableWith(activeTable(http), suspend("EC"))), basic("alice"));
        assertThat(proposed.status()).as(proposed.body()).isEqualTo(201);
        String processInstance = proposed.json().get("processInstanceId").asText();
        JsonNode task = http.get("/engine-rest/task?processInstanceId=" + processInstance, basic("admin")).json().get(0);
        String definition = task.get("processDefinitionId").asText();
        Map<String, String> objects = new HashMap<>();
        objects.put("task", task.get("id").asText());
        objects.put("processInstance", processInstance);
        objects.put("processDefinition", definition);
        objects.put("deployment", http.get("/engine-rest/process-definition/" + definition, basic("admin")).json()
                .get("deploymentId").asText());
        for (JsonNode filter : http.get("/engine-rest/filter", basic("admin")).json()) {
            if (filter.get("name").asText().equals("Tasks for Legal approvers")) {
                objects.put("filter", filter.get("id").asText());
            }
        }
        try {
            SecurityDoc.Table table = SecurityDoc.table("Camunda REST call (real objects)");
            List<String> mismatches = new ArrayList<>();
            for (SecurityDoc.Row row : table.rows()) {
                String route = row.routes().get(0);
                String path = fill(path(route), objects, null);
                for (String caller : table.columns()) {
                    String cell = row.cell(caller);
                    if (cell.startsWith("—")) {
                        continue;
                    }
                    Http.Response response;
                    if (route.equals("POST /engine-rest/deployment/create")) {
                        response = http.send("POST", path, "multipart/form-data; boundary=" + MULTIPART_BOUNDARY,
                                BPMN_DEPLOYMENT, authorization(caller));
                    } else {
                        String body = BODIES.get(route);
                        response = http.send(method(route), path, body == null ? null : "application/json",
                                body == null ? null : fill(body, objects, caller), authorization(caller));
                    }
                    if (!meets(cell, response)) {
                        mismatches.add(describe(route, caller, cell, response));
                    }
                }
            }
            assertThat(mismatches).isEmpty();
            // Nothing changed: the task is still open and unassigned, alice is still no legal approver.
            JsonNode after = http.get("/engine-rest/task/" + objects.get("task"), basic("admin")).json();
            assertThat(after.get("assignee").isNull()).isTrue();
            assertThat(http.get("/engine-rest/identity/groups?userId=alice", basic("admin")).json().at("/groups")
                    .findValuesAsText("id")).containsExactly("rule-authors");
        } finally {
            http.postJson("/engine-rest/task/" + objects.get("task") + "/complete", "{\"variables\":{\"approved\":"
                    + "{\"value\":false},\"comment\":{\"value\":\"matrix over\"}}}", basic("bob"));
        }
    }

    private static String fill(String text, Map<String, String> objects, String caller) {
        String filled = text;
        for (Map.Entry<String, String> object : objects.entrySet()) {
            filled = filled.replace("{" + object.getKey() + "}", object.getValue());
        }
        return caller == null ? filled : filled.replace("{caller}", caller.equals("data platform") ? "data-platform" : caller);
    }

    @Test
    void thePagesAnswerEachCallerAsDeclared() {
        SecurityDoc.Table table = SecurityDoc.table("page");
        Map<String, WebSession> sessions = new HashMap<>();
        for (String caller : table.columns()) {
            WebSession session;
            if (caller.equals("anonymous") || caller.equals("data platform")) {
                session = WebSession.anonymous(port).withAuthorization(authorization(caller));
                session.get("/login");
            } else {
                authorization(caller);
                session = WebSession.editor(port, caller);
            }
            sessions.put(caller, session);
        }
        List<String> mismatches = new ArrayList<>();
        for (SecurityDoc.Row row : table.rows()) {
            String route = row.routes().get(0);
            for (String caller : table.columns()) {
                String cell = row.cell(caller);
                WebSession session = sessions.get(caller);
                Http.Response response = method(route).equals("POST")
                        ? session.postForm(path(route), BODIES.getOrDefault(route, ""), true)
                        : session.get(path(route));
                // A redirect goes to the login page unless the cell names another target.
                String[] words = cell.split("\\s+");
                boolean target = !words[0].equals("302")
                        || String.valueOf(response.header("Location")).endsWith(words.length > 1 ? words[1] : "/login");
                if (!meets(cell, response) || !target) {
                    mismatches.add(describe(route, caller, cell, response) + " " + response.header("Location"));
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void camundasWebappsAnswerEachCallerAsDeclared() {
        SecurityDoc.Table table = SecurityDoc.table("Camunda webapp call");
        Map<String, WebSession> tasklist = new HashMap<>();
        List<String> mismatches = new ArrayList<>();
        for (SecurityDoc.Row row : table.rows()) {
            String route = row.routes().get(0);
            for (String caller : table.columns()) {
                String cell = row.cell(caller);
                Http.Response response;
                WebSession session = tasklist.computeIfAbsent(caller, c -> {
                    WebSession s = switch (c) {
                        case "anonymous", "data platform" -> WebSession.anonymous(port);
                        default -> WebSession.editor(port, c);
                    };
                    s.openWebapp("tasklist");
                    return s.withAuthorization(authorization(c));
                });
                if (path(route).startsWith("/camunda/api/admin/auth/user/default/login/")) {
                    String app = path(route).substring(path(route).lastIndexOf('/') + 1);
                    response = login(caller, app, session);
                } else {
                    response = session.get(path(route));
                }
                if (!meets(cell, response)) {
                    mismatches.add(describe(route, caller, cell, response));
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }

    /** Posts the webapps' own login form for a caller: people with their password, the data platform with its token. */
    private static Http.Response login(String caller, String app, WebSession session) {
        return switch (caller) {
            case "anonymous" -> session.camundaLogin(app, "", "");
            case "data platform" -> session.camundaLogin(app, "data-platform", DATA_PLATFORM.substring("Bearer ".length()));
            default -> session.camundaLogin(app, caller, caller);
        };
    }
}
