package io.jurist.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Camunda's REST API (and the webapps' copy of it) answers a server error with the exception's message,
 * which for a database failure holds the SQL statement, table and column names. Such answers keep their
 * status but get a fixed message instead; Camunda logs the failure itself.
 */
@Configuration
class EngineServerErrors {

    static final String MESSAGE = "{\"type\":\"ServerError\",\"message\":\"The engine could not carry out the "
            + "request; the failure is logged.\",\"code\":0}";

    @Bean
    FilterRegistrationBean<HideServerErrors> engineServerErrorsHidden() {
        var registration = new FilterRegistrationBean<>(new HideServerErrors());
        registration.addUrlPatterns("/engine-rest/*", "/camunda/api/*");
        registration.setOrder(0);
        return registration;
    }

    static final class HideServerErrors extends OncePerRequestFilter {

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            Hiding hiding = new Hiding(response);
            chain.doFilter(request, hiding);
            hiding.release();
            if (hiding.hidden) {
                if (!response.isCommitted()) {
                    response.resetBuffer();
                    response.setContentType("application/json");
                    response.setCharacterEncoding("UTF-8");
                }
                response.getOutputStream().write(MESSAGE.getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    /**
     * Drops the body of an answer whose status is a server error, and its length. Camunda's REST API sets
     * the length before the status, so the length is held back until the body is written.
     */
    private static final class Hiding extends HttpServletResponseWrapper {
        boolean hidden;
        private Long length;

        Hiding(HttpServletResponse response) {
            super(response);
        }

        private boolean serverError() {
            return getStatus() >= 500;
        }

        /** Passes the held-back length on, unless the body is dropped. */
        void release() {
            if (length != null && !hidden && !serverError() && !isCommitted()) {
                super.setContentLengthLong(length);
            }
            length = null;
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (!serverError()) {
                release();
                return super.getOutputStream();
            }
            hidden = true;
            return new ServletOutputStream() {
                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                    throw new UnsupportedOperationException("blocking writes only");
                }

                @Override
                public void write(int b) {
                }

                @Override
                public void write(byte[] b, int off, int len) {
                }
            };
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            if (!serverError()) {
                release();
                return super.getWriter();
            }
            hidden = true;
            return new PrintWriter(OutputStream.nullOutputStream());
        }

        @Override
        public void setContentLength(int length) {
            this.length = (long) length;
        }

        @Override
        public void setContentLengthLong(long length) {
            this.length = length;
        }

        @Override
        public void setHeader(String name, String value) {
            if ("Content-Length".equalsIgnoreCase(name)) {
                length = parse(value);
            } else {
                super.setHeader(name, value);
            }
        }

        @Override
        public void addHeader(String name, String value) {
            if ("Content-Length".equalsIgnoreCase(name)) {
                length = parse(value);
            } else {
                super.addHeader(name, value);
            }
        }

        @Override
        public void setIntHeader(String name, int value) {
            if ("Content-Length".equalsIgnoreCase(name)) {
                length = (long) value;
            } else {
                super.setIntHeader(name, value);
            }
        }

        private static Long parse(String value) {
            try {
                return value == null ? null : Long.parseLong(value.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }

        @Override
        public void sendError(int status, String message) throws IOException {
            // The container's error page never shows the message (server.error.include-message: never).
            if (status >= 500) {
                super.sendError(status);
            } else {
                super.sendError(status, message);
            }
        }
    }
}
