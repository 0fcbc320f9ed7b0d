package io.jurist.support;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser's session, cookies and CSRF token included, for the two kinds of pages the service has:
 * the rule editor's (Spring Security's form login, the token in each form as {@code _csrf}) and
 * Camunda's webapps (the same login, the token in the {@code XSRF-TOKEN} cookie, sent back as the
 * {@code X-XSRF-TOKEN} header).
 */
public final class WebSession {

    private static final Pattern FORM_TOKEN = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private final Http http;
    private final String base;
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private String csrf;
    private String authorization;

    private WebSession(Http http, int port) {
        this.http = http;
        this.base = "http://localhost:" + port;
    }

    /** A visitor who has not logged in (yet). */
    public static WebSession anonymous(int port) {
        return new WebSession(new Http(port), port);
    }

    /** A visitor who has not logged in (yet), from another client address of this machine (127.0.0.2…). */
    public static WebSession from(String address, int port) {
        return new WebSession(Http.from(address, port), port);
    }

    /** Logs into the rule editor's pages with the login form, as a browser does. */
    public static WebSession editor(int port, String user) {
        WebSession session = anonymous(port);
        Http.Response login = session.formLogin(user, user);
        if (login.status() != 302 || login.header("Location").contains("error")) {
            throw new IllegalStateException("Login of " + user + " failed: " + login.status() + " " + login.header("Location"));
        }
        return session;
    }

    /**
     * Logs into a Camunda webapp ({@code tasklist}, {@code cockpit} or {@code admin}) as a browser does: one
     * login through the editor's form, then the webapp's page, which takes the person from that session.
     */
    public static WebSession camunda(int port, String app, String user) {
        WebSession session = editor(port, user);
        int status = session.openWebapp(app).status();
        if (status != 200) {
            throw new IllegalStateException("Opening " + app + " as " + user + " failed: " + status);
        }
        return session;
    }

    /** Sends this {@code Authorization} header with every request from now on (as a client that tries it on pages). */
    public WebSession withAuthorization(String header) {
        this.authorization = header;
        return this;
    }

    /** Posts the editor's login form (after fetching it for its token); the answer is a redirect. */
    public Http.Response formLogin(String user, String password) {
        get("/login");
        return postForm("/login", "username=" + encode(user) + "&password=" + encode(password), true);
    }

    /**
     * Opens a Camunda webapp's page in this session, which gives the webapp's token, then asks who is logged
     * in, as the webapp's script does; that answer is returned (200 when the session is logged in).
     */
    public Http.Response openWebapp(String app) {
        get("/camunda/app/" + app + "/default/");
        return get("/camunda/api/admin/auth/user/default");
    }

    /** Posts the Camunda webapps' own login form, as their login page did (it is refused: one login). */
    public Http.Response camundaLogin(String app, String user, String password) {
        get("/camunda/app/" + app + "/default/");
        return send(builder("/camunda/api/admin/auth/user/default/login/" + app)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + encode(user) + "&password=" + encode(password))),
                true);
    }

    /** A page, as a browser fetches it; a form on it gives the token for the next post. */
    public Http.Response get(String path) {
        Http.Response response = send(builder(path).GET(), false);
        formToken(response.body());
        return response;
    }

    /** A form post, with the CSRF token as a browser's form sends it, or without it. */
    public Http.Response postForm(String path, String form, boolean withToken) {
        String body = withToken && csrf != null ? form + (form.isEmpty() ? "" : "&") + "_csrf=" + encode(csrf) : form;
        Http.Response response = send(builder(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)), false);
        formToken(response.body());
        return response;
    }

    /** A JSON call to a Camunda webapp's API, with the {@code X-XSRF-TOKEN} header or without it. */
    public Http.Response json(String method, String path, String json, boolean withToken) {
        HttpRequest.Builder builder = builder(path).method(method,
                json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            builder.header("Content-Type", "application/json");
        }
        return send(builder, withToken);
    }

    public Map<String, String> cookies() {
        return Map.copyOf(cookies);
    }

    /** The last CSRF token the server handed out (a form's, or Camunda's cookie). */
    public String csrfToken() {
        return csrf;
    }

    private HttpRequest.Builder builder(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
    }

    private Http.Response send(HttpRequest.Builder builder, boolean xsrfHeader) {
        if (!cookies.isEmpty()) {
            builder.header("Cookie", String.join("; ", cookies.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).toList()));
        }
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        if (xsrfHeader && cookies.containsKey("XSRF-TOKEN")) {
            builder.header("X-XSRF-TOKEN", cookies.get("XSRF-TOKEN"));
        }
        Http.Response response = http.send(builder.build());
        for (String cookie : response.raw().headers().allValues("Set-Cookie")) {
            String pair = cookie.split(";", 2)[0];
            int eq = pair.indexOf('=');
            String name = pair.substring(0, eq).trim();
            String value = pair.substring(eq + 1).trim();
            if (value.isEmpty() || cookie.toLowerCase().contains("max-age=0")) {
                cookies.remove(name);
            } else {
                cookies.put(name, value);
            }
            if (name.equals("XSRF-TOKEN")) {
                csrf = value;
            }
        }
        return response;
    }

    private void formToken(String html) {
        Matcher matcher = FORM_TOKEN.matcher(html == null ? "" : html);
        if (matcher.find()) {
            csrf = matcher.group(1);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
