package io.jurist.security;

import static io.jurist.security.Groups.ADMIN;
import static io.jurist.security.Groups.DATA_PLATFORM;
import static io.jurist.security.Groups.DPO;
import static io.jurist.security.Groups.LEGAL_APPROVERS;
import static io.jurist.security.Groups.RULE_AUTHORS;
import static io.jurist.security.Groups.authority;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.PathPatternRequestMatcherBuilderFactoryBean;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;

/**
 * Who may call what. The API and Camunda's REST API authenticate every call (people by HTTP Basic
 * against Camunda's users, machines by bearer token) and keep no session; the rule editor and Camunda's
 * webapps share one session, logged in once through the editor's login form.
 */
@Configuration
class SecurityConfig {

    /**
     * No observation around each security filter, authentication and authorization check: they cost more per
     * request than the decision (docs/benchmarks.md) and add only Spring Security's own timings; every request is
     * still timed, refusals included, as {@code http.server.requests} (io.jurist.api.HttpServerRequests).
     */
    @Bean
    static SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * Paths in {@code requestMatchers(...)} are matched as path patterns on the path below the context path, once
     * per rule, instead of asking Spring MVC's handler mappings which would serve the request (per request and rule).
     */
    @Bean
    static PathPatternRequestMatcherBuilderFactoryBean pathPatternMatchers() {
        return new PathPatternRequestMatcherBuilderFactoryBean();
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, CamundaUserAuthenticationProvider users, BearerClients clients)
            throws Exception {
        var unauthorized = ProblemResponses.unauthorized();
        http.securityMatcher(PathPrefix.of("/api/", "/engine-rest/", "/engine-rest", "/actuator"))
                // No session and no cookie: every call authenticates itself, so a browser never
                // sends these credentials by itself and there is nothing for CSRF to abuse.
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // Nothing to log out of and no page to go back to: two filters fewer on every call.
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives(API_CSP))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
                .authenticationManager(new ProviderManager(users))
                .httpBasic(basic -> basic.authenticationEntryPoint(unauthorized))
                .addFilterBefore(new BearerTokenFilter(clients, unauthorized), BasicAuthenticationFilter.class)
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(ProblemResponses.forbidden()))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/actuator/**").hasAuthority(authority(ADMIN))
                        // The echo, the HTTP benchmarks' baseline, exists only under the benchmark profile;
                        // it passes the same checks as a decision so that the ratio to it is fair.
                        .requestMatchers(HttpMethod.POST, "/api/v1/decisions", "/api/v1/decisions/batch",
                                "/api/v1/benchmark/echo")
                        .hasAnyAuthority(Groups.MAY_DECIDE.toArray(String[]::new))
                        // A run's summary goes into the decision log as a batch: only the data platform runs them.
                        .requestMatchers(HttpMethod.POST, "/api/v1/decisions/summaries")
                        .hasAuthority(authority(DATA_PLATFORM))
                        .requestMatchers(HttpMethod.POST, "/api/v1/rulesets/proposals", "/api/v1/rulesets/validate",
                                "/api/v1/engagements", "/api/v1/suspensions", "/api/v1/reenablements")
                        .hasAnyAuthority(authority(RULE_AUTHORS), authority(ADMIN))
                        .requestMatchers(HttpMethod.POST, "/api/v1/engagements/*/correspondence")
                        .hasAnyAuthority(authority(RULE_AUTHORS), authority(LEGAL_APPROVERS), authority(ADMIN))
                        .requestMatchers(HttpMethod.POST, "/api/v1/tasks/*/complete")
                        .hasAnyAuthority(authority(LEGAL_APPROVERS), authority(DPO), authority(ADMIN))
                        // The change history and the evidence reports are for the people who answer regulators.
                        .requestMatchers(HttpMethod.GET, "/api/v1/audit/**", "/api/v1/evidence", "/api/v1/evidence/**")
                        .hasAnyAuthority(authority(RULE_AUTHORS), authority(LEGAL_APPROVERS), authority(DPO),
                                authority(ADMIN))
                        .requestMatchers(HttpMethod.GET, "/api/**").authenticated()
                        // Tests anyone's password, outside the login throttle's view of who tries: admins only.
                        .requestMatchers(HttpMethod.POST, "/engine-rest/identity/verify", "/engine-rest/identity/verify/",
                                "/engine-rest/engine/*/identity/verify", "/engine-rest/engine/*/identity/verify/")
                        .hasAuthority(authority(ADMIN))
                        .requestMatchers(PathPrefix.of("/engine-rest")).authenticated()
                        .anyRequest().hasAuthority(authority(ADMIN)));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain camundaWebapps(HttpSecurity http) throws Exception {
        // One login: Camunda's webapps take the person from the editor's session (Spring Security's form
        // login, under the login throttle) through container-based authentication, see
        // SpringSessionWebappAuthentication. An anonymous visitor of a page is sent to that login form; a call
        // of the webapps' API gets 401. Camunda's webapps guard their API against CSRF themselves
        // (the X-XSRF-TOKEN header), so Spring Security's tokens are off here.
        var unauthorized = ProblemResponses.loginRequired();
        // After the login, the browser goes back to the page it asked for (Tasklist), never to an API call.
        var pages = new HttpSessionRequestCache();
        pages.setRequestMatcher(request -> "GET".equals(request.getMethod())
                && !PathPrefix.of("/camunda/api/").matches(request));
        http.securityMatcher(PathPrefix.of("/camunda/"))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.requestCache(pages))
                .headers(h -> h.frameOptions(f -> f.sameOrigin())
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .exceptionHandling(e -> e
                        .defaultAuthenticationEntryPointFor(unauthorized, PathPrefix.of("/camunda/api/"))
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
                                AnyRequestMatcher.INSTANCE)
                        .accessDeniedHandler(ProblemResponses.forbidden()))
                // The webapps' logout button ends the one session, editor included. (Another site cannot send
                // it with the session: the session cookie is SameSite=Lax.)
                .logout(logout -> logout
                        .logoutRequestMatcher(request -> "POST".equals(request.getMethod())
                                && WEBAPP_LOGOUT.matcher(request.getRequestURI()
                                        .substring(request.getContextPath().length())).matches())
                        .logoutSuccessHandler((request, response, authentication) -> response.setStatus(204)))
                .authorizeHttpRequests(auth -> auth
                        // The webapps' copy of Camunda's REST API would let any logged-in person test anyone's
                        // password; the webapps themselves never call it.
                        .requestMatchers(HttpMethod.POST, "/camunda/api/engine/engine/*/identity/verify",
                                "/camunda/api/engine/engine/*/identity/verify/").denyAll()
                        // The webapps' own login form is not used: logging in there would check a password
                        // outside the editor's login (and its throttle), so it is refused before Camunda sees it.
                        .requestMatchers(HttpMethod.POST, "/camunda/api/admin/auth/user/*/login/*",
                                "/camunda/api/admin/auth/user/*/login/*/").denyAll()
                        .anyRequest().authenticated());
        return http.build();
    }

    private static final java.util.regex.Pattern WEBAPP_LOGOUT =
            java.util.regex.Pattern.compile("/camunda/api/admin/auth/user/[^/]+/logout/?");

    /**
     * Camunda's container-based authentication for its webapps, with the editor's session as the container
     * (docs/security.md, "One login"). After Spring Security (order -100), which has loaded the session's
     * login, and before Camunda's own webapp filters, which read the authentication it leaves in the session.
     */
    @Bean
    FilterRegistrationBean<ContainerBasedAuthenticationFilter> webappOneLogin() {
        var registration = new FilterRegistrationBean<>(new ContainerBasedAuthenticationFilter());
        registration.setInitParameters(java.util.Map.of("authentication-provider",
                SpringSessionWebappAuthentication.class.getName()));
        registration.addUrlPatterns("/camunda/app/*", "/camunda/api/*");
        registration.setOrder(-80);
        return registration;
    }

    /**
     * The OpenAPI description and Swagger UI: public, as before, but under a content security policy: the
     * description is data, the UI runs only its own scripts (served here, none inline).
     */
    @Bean
    @Order(2)
    SecurityFilterChain apiDocs(HttpSecurity http) throws Exception {
        http.securityMatcher(PathPrefix.of("/v3/api-docs", "/swagger-ui"))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives(EDITOR_CSP))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                        .addHeaderWriter((request, response) -> {
                            if (request.getRequestURI().startsWith(request.getContextPath() + "/v3/api-docs")) {
                                response.setHeader("Content-Security-Policy", API_CSP);
                            }
                        }))
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll());
        return http.build();
    }

    /**
     * The rule editor's pages: form login with the same users, a session, CSRF tokens on every form
     * (Spring Security's default, left on), and a content security policy that allows only this
     * service's own scripts and styles. Everyone signed in may read; only rule authors may change.
     */
    @Bean
    @Order(3)
    SecurityFilterChain everythingElse(HttpSecurity http, CamundaUserAuthenticationProvider users) throws Exception {
        http.authenticationManager(new ProviderManager(users))
                .formLogin(form -> form.permitAll().failureHandler(loginFailure()))
                .logout(logout -> logout.permitAll())
                .headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives(EDITOR_CSP))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .authorizeHttpRequests(auth -> auth
                        // The forms Tasklist embeds are static HTML: the task's data comes from Camunda's API.
                        .requestMatchers("/error", "/webjars/**", "/favicon.ico", "/forms/**").permitAll()
                        .requestMatchers(HttpMethod.POST, "/editor", "/editor/**").hasAuthority(authority(RULE_AUTHORS))
                        .requestMatchers(HttpMethod.GET, "/editor/review").hasAuthority(authority(RULE_AUTHORS))
                        .requestMatchers(HttpMethod.GET, "/evidence").hasAnyAuthority(authority(RULE_AUTHORS),
                                authority(LEGAL_APPROVERS), authority(DPO), authority(ADMIN))
                        .anyRequest().authenticated());
        return http.build();
    }

    /** A wrong password goes back to the form; a throttled login is answered 429 (docs/security.md). */
    private static AuthenticationFailureHandler loginFailure() {
        var back = new SimpleUrlAuthenticationFailureHandler("/login?error");
        return (request, response, e) -> {
            if (e instanceof LoginThrottledException throttled) {
                response.setHeader("Retry-After", Long.toString(throttled.retryAfterSeconds()));
                response.setStatus(429);
                response.setContentType("text/plain;charset=UTF-8");
                response.getWriter().write("Too many failed logins for this user from your address; the password "
                        + "was not checked. Try again in " + throttled.retryAfterSeconds() + " seconds.\n");
                return;
            }
            back.onAuthenticationFailure(request, response, e);
        };
    }

    // Answers of the API are data, never a page to render or frame.
    private static final String API_CSP = ApiHeaders.CSP;

    // CodeMirror sets styles from script, and the generated login page has an inline style block.
    private static final String EDITOR_CSP = "default-src 'self'; script-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'self'; "
            + "frame-ancestors 'self'; form-action 'self'";

    @Bean
    FilterRegistrationBean<EngineRestIdentityFilter> engineRestIdentity(IdentityService identity) {
        var registration = new FilterRegistrationBean<>(new EngineRestIdentityFilter(identity));
        registration.addUrlPatterns("/engine-rest/*");
        // After Spring Security (order -100), which has authenticated the caller.
        registration.setOrder(0);
        return registration;
    }

    /** After authentication (an anonymous caller still gets 401), before Camunda's REST API and the webapps' API. */
    @Bean
    FilterRegistrationBean<GovernedRoutesFilter> governedRoutes() {
        var registration = new FilterRegistrationBean<>(new GovernedRoutesFilter());
        registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
        registration.setOrder(0);
        return registration;
    }

    @Bean
    FilterRegistrationBean<WebappLoginThrottleFilter> webappLoginThrottle(LoginThrottle throttle) {
        var registration = new FilterRegistrationBean<>(new WebappLoginThrottleFilter(throttle));
        registration.addUrlPatterns("/camunda/api/admin/auth/user/*");
        // After Spring Security's firewall (order -100), before Camunda's own filters.
        registration.setOrder(-90);
        return registration;
    }

    @Bean
    FilterRegistrationBean<NoStoreFilter> engineRestNoStore() {
        var registration = new FilterRegistrationBean<>(new NoStoreFilter());
        registration.addUrlPatterns("/engine-rest/*");
        registration.setOrder(0);
        return registration;
    }
}
