package io.jurist.security;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.rest.impl.DefaultProcessEngineRestServiceImpl;

/**
 * Every method and path of Camunda's REST API, found the way JAX-RS finds them: from the root
 * resource that serves the default engine, through its sub-resource locators, reading {@code @Path}
 * and the HTTP method annotations from the classes and the interfaces they implement.
 */
final class EngineRestRoutes {

    /** One route: its method and its path below {@code /engine-rest}, path parameters as {@code {name}}. */
    record Route(String method, String path) implements Comparable<Route> {
        @Override
        public int compareTo(Route other) {
            return (path + " " + method).compareTo(other.path + " " + other.method);
        }

        boolean namesAnObject() {
            return path.contains("{");
        }
    }

    private static final Map<Class<? extends Annotation>, String> METHODS = Map.of(GET.class, "GET", POST.class,
            "POST", PUT.class, "PUT", DELETE.class, "DELETE", OPTIONS.class, "OPTIONS", HEAD.class, "HEAD",
            PATCH.class, "PATCH");

    private EngineRestRoutes() {
    }

    static Set<Route> all() {
        Set<Route> routes = new TreeSet<>();
        walk(DefaultProcessEngineRestServiceImpl.class, "", new ArrayDeque<>(), routes);
        return routes;
    }

    private static void walk(Class<?> type, String prefix, Deque<Class<?>> seen, Set<Route> routes) {
        if (seen.contains(type)) {
            return;
        }
        seen.push(type);
        for (Method method : type.getMethods()) {
            Path path = annotation(method, Path.class);
            String full = normalise(prefix + "/" + (path == null ? "" : path.value()));
            String verb = METHODS.entrySet().stream().filter(e -> annotation(method, e.getKey()) != null)
                    .map(Map.Entry::getValue).findFirst().orElse(null);
            if (verb != null) {
                routes.add(new Route(verb, full));
            } else if (path != null) {
                walk(method.getReturnType(), full, seen, routes);
            }
        }
        seen.pop();
    }

    private static String normalise(String path) {
        String single = path.replaceAll("/+", "/");
        return single.length() > 1 && single.endsWith("/") ? single.substring(0, single.length() - 1) : single;
    }

    /** The annotation on the method or on the method it implements or overrides (JAX-RS inherits them so). */
    private static <A extends Annotation> A annotation(Method method, Class<A> type) {
        A found = method.getAnnotation(type);
        if (found != null) {
            return found;
        }
        for (Class<?> owner : hierarchy(method.getDeclaringClass())) {
            try {
                found = owner.getMethod(method.getName(), method.getParameterTypes()).getAnnotation(type);
            } catch (NoSuchMethodException e) {
                continue;
            }
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static Set<Class<?>> hierarchy(Class<?> type) {
        Set<Class<?>> all = new LinkedHashSet<>();
        Deque<Class<?>> todo = new ArrayDeque<>(List.of(type));
        while (!todo.isEmpty()) {
            Class<?> next = todo.pop();
            if (all.add(next)) {
                todo.addAll(List.of(next.getInterfaces()));
                if (next.getSuperclass() != null) {
                    todo.add(next.getSuperclass());
                }
            }
        }
        return all;
    }
}
