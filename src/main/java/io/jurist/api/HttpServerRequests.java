package io.jurist.api;

import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.ObservationRegistry;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.filter.ServerHttpObservationFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * The {@code http.server.requests} timer, with the meaning and tags Spring's observation gives it (uri pattern,
 * method, status, outcome, exception, error; {@code http.server.requests.active} for requests in progress),
 * recorded by one filter that keeps its meters instead of building an observation, its key values and a meter id
 * for every request: the observation cost more than a decision itself (docs/benchmarks.md). Spring's
 * {@link ServerHttpObservationFilter} is off in its place.
 */
@Configuration
class HttpServerRequests {

    @Bean
    FilterRegistrationBean<RequestTimer> httpServerRequestsTimer(MeterRegistry meters,
            @Value("${management.observations.http.server.requests.name:http.server.requests}") String name) {
        var registration = new FilterRegistrationBean<>(new RequestTimer(meters, name));
        // Where Spring Boot puts its observation filter: before Spring Security, so refused requests count too.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
        return registration;
    }

    /** Spring Boot adds its observation filter only when there is none: this one, never registered. */
    @Bean
    FilterRegistrationBean<ServerHttpObservationFilter> webMvcObservationFilterReplaced() {
        var registration = new FilterRegistrationBean<>(new ServerHttpObservationFilter(ObservationRegistry.NOOP));
        registration.setEnabled(false);
        return registration;
    }

    /** Times each request (its async part included) under tags computed once it has been answered. */
    static final class RequestTimer extends OncePerRequestFilter {

        private static final Set<String> METHODS =
                Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE");
        private static final String ERROR_EXCEPTION = "jakarta.servlet.error.exception";

        private final MeterRegistry meters;
        private final String name;
        private final Map<Key, Timer> timers = new ConcurrentHashMap<>();
        private final Map<String, LongTaskTimer> active = new ConcurrentHashMap<>();

        RequestTimer(MeterRegistry meters, String name) {
            this.meters = meters;
            this.name = name;
        }

        private record Key(String method, String uri, int status, String exception) {
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String method = method(request);
            LongTaskTimer.Sample inProgress = active.computeIfAbsent(method, this::activeTimer).start();
            long start = System.nanoTime();
            Throwable error = null;
            try {
                chain.doFilter(request, response);
            } catch (IOException | ServletException | RuntimeException | Error e) {
                error = unwrap(e);
                response.setStatus(500);
                throw e;
            } finally {
                if (request.isAsyncStarted()) {
                    request.getAsyncContext().addListener(new Completion(request, response, method, start,
                            inProgress));
                } else {
                    record(request, response, method, start, error, inProgress);
                }
            }
        }

        private void record(HttpServletRequest request, HttpServletResponse response, String method, long start,
                            Throwable error, LongTaskTimer.Sample inProgress) {
            long took = System.nanoTime() - start;
            inProgress.stop();
            if (error == null && request.getAttribute(ERROR_EXCEPTION) instanceof Throwable failed) {
                error = failed;
            }
            int status = response.getStatus();
            var key = new Key(method, uri(request, status), status, exception(error));
            Timer timer = timers.get(key);
            if (timer == null) {
                timer = timers.computeIfAbsent(key, this::timer);
            }
            timer.record(took, TimeUnit.NANOSECONDS);
        }

        private Timer timer(Key key) {
            return Timer.builder(name)
                    .tags(Tags.of("exception", key.exception(), "method", key.method(), "outcome",
                            outcome(key.status()), "status", Integer.toString(key.status()), "uri", key.uri(),
                            // Micrometer's observation handler adds the error's class name as "error" as well.
                            "error", key.exception()))
                    .register(meters);
        }

        /** Tagged as Spring's observation tags it when it starts: nothing answered, no route matched yet. */
        private LongTaskTimer activeTimer(String method) {
            return LongTaskTimer.builder(name + ".active")
                    .tags(Tags.of("exception", "none", "method", method, "outcome", "SUCCESS", "status", "200",
                            "uri", "UNKNOWN"))
                    .register(meters);
        }

        private static String method(HttpServletRequest request) {
            String method = request.getMethod();
            return METHODS.contains(method) ? method : "UNKNOWN";
        }

        private static String uri(HttpServletRequest request, int status) {
            Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
            if (pattern != null) {
                String text = pattern.toString();
                return text.isEmpty() ? "root" : text;
            }
            if (status >= 300 && status < 400) {
                return "REDIRECTION";
            }
            return status == 404 ? "NOT_FOUND" : "UNKNOWN";
        }

        private static String outcome(int status) {
            if (status >= 100 && status < 200) {
                return "INFORMATIONAL";
            }
            if (status >= 200 && status < 300) {
                return "SUCCESS";
            }
            if (status >= 300 && status < 400) {
                return "REDIRECTION";
            }
            if (status >= 400 && status < 500) {
                return "CLIENT_ERROR";
            }
            return status >= 500 && status < 600 ? "SERVER_ERROR" : "UNKNOWN";
        }

        private static String exception(Throwable error) {
            if (error == null) {
                return "none";
            }
            String simple = error.getClass().getSimpleName();
            return simple.isEmpty() ? error.getClass().getName() : simple;
        }

        private static Throwable unwrap(Throwable e) {
            return e instanceof ServletException && e.getCause() != null ? e.getCause() : e;
        }

        /** Records an async request when it completes, as Spring's observation does. */
        private final class Completion implements AsyncListener {

            private final HttpServletRequest request;
            private final HttpServletResponse response;
            private final String method;
            private final long start;
            private final LongTaskTimer.Sample inProgress;
            private Throwable error;

            Completion(HttpServletRequest request, HttpServletResponse response, String method, long start,
                       LongTaskTimer.Sample inProgress) {
                this.request = request;
                this.response = response;
                this.method = method;
                this.start = start;
                this.inProgress = inProgress;
            }

            @Override
            public void onComplete(AsyncEvent event) {
                record(request, response, method, start, error, inProgress);
            }

            @Override
            public void onTimeout(AsyncEvent event) {
            }

            @Override
            public void onError(AsyncEvent event) {
                error = event.getThrowable();
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
                event.getAsyncContext().addListener(this);
            }
        }
    }
}
