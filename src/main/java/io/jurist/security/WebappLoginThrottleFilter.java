package io.jurist.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Puts the login of Camunda's webapps (Tasklist, Cockpit, Admin) under the same {@link LoginThrottle}
 * as HTTP Basic and the editor's login form. Camunda checks the password itself, so this filter reads
 * the user name from the login form (the body is handed on unchanged), lets the login run, and counts
 * a 401 as a failed login and a 200 as a successful one.
 */
class WebappLoginThrottleFilter extends OncePerRequestFilter {

    private static final Pattern LOGIN = Pattern.compile("/camunda/api/admin/auth/user/[^/]+/login/[^/]+/?");
    /** A login form is a few dozen bytes; a larger one is refused rather than read past the throttle. */
    private static final int MAX_FORM = 16 * 1024;

    private final LoginThrottle throttle;

    WebappLoginThrottleFilter(LoginThrottle throttle) {
        this.throttle = throttle;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return !"POST".equals(request.getMethod()) || !LOGIN.matcher(path).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > MAX_FORM) {
            ProblemResponses.write(response, 413, "Content Too Large", "A login form is at most " + MAX_FORM + " bytes.");
            return;
        }
        byte[] body = request.getInputStream().readNBytes(MAX_FORM + 1);
        if (body.length > MAX_FORM) {
            ProblemResponses.write(response, 413, "Content Too Large", "A login form is at most " + MAX_FORM + " bytes.");
            return;
        }
        Charset charset = charset(request.getCharacterEncoding());
        String user = formField(new String(body, charset), "username", charset);
        HttpServletRequest replayed = new Replayed(request, body);
        LoginThrottle.Outcome outcome;
        try {
            outcome = throttle.attempt(user, request.getRemoteAddr(), () -> {
            try {
                chain.doFilter(replayed, response);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (ServletException e) {
                throw new IllegalStateException(e);
            }
            int status = response.getStatus();
            return status == 401 ? Boolean.FALSE : status == 200 ? Boolean.TRUE : null;
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (outcome.throttled()) {
            ProblemResponses.tooManyLogins(response, outcome.retryAfterSeconds());
        }
    }

    private static Charset charset(String name) {
        try {
            return name == null ? StandardCharsets.UTF_8 : Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return StandardCharsets.UTF_8;
        }
    }

    /** The first value of a field of an {@code application/x-www-form-urlencoded} body, as Camunda reads it. */
    static String formField(String form, String name, Charset charset) {
        for (String pair : form.split("&")) {
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            try {
                if (URLDecoder.decode(key, charset).equals(name)) {
                    return equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), charset);
                }
            } catch (IllegalArgumentException e) {
                // Not decodable: Camunda will not read it as this field either.
            }
        }
        return "";
    }

    /** The request with its body read again from memory. */
    private static final class Replayed extends HttpServletRequestWrapper {
        private final byte[] body;

        Replayed(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("blocking reads only");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), charset(getCharacterEncoding())));
        }
    }
}
