package io.jurist.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses with 413 a JSON body over the limit for {@code /api} (a single decision is a few hundred
 * bytes), counted as it is read, so a chunked body cannot slip past. Bulk decisions stream and are
 * exempt.
 */
@Component
@Order(0) // after Spring Security (-100): an anonymous caller learns nothing but 401
class BodySizeLimitFilter extends OncePerRequestFilter {

    /** Body limits for the API. */
    @ConfigurationProperties("jurist.api")
    record Limits(@DefaultValue("64KB") DataSize maxBody, @DefaultValue("2MB") DataSize maxRulesetBody) {
    }

    private final Limits limits;

    BodySizeLimitFilter(Limits limits) {
        this.limits = limits;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !path.startsWith("/api/") || path.startsWith("/api/v1/decisions/batch");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        // A Spark run's summary holds up to 10,000 count lines: it gets the rulesets' limit.
        long limit = path.startsWith("/api/v1/rulesets") || path.equals("/api/v1/decisions/summaries")
                ? limits.maxRulesetBody().toBytes() : limits.maxBody().toBytes();
        long length = request.getContentLengthLong();
        if (length > limit) {
            tooLarge(response, limit);
            return;
        }
        // A declared length within the limit needs no counting: the container reads no more than it declares.
        // A body without one (chunked) is counted as it is read.
        chain.doFilter(length >= 0 ? request : new LimitedRequest(request, limit), response);
    }

    private static void tooLarge(HttpServletResponse response, long limit) throws IOException {
        response.setStatus(413);
        response.setContentType("application/problem+json");
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Content Too Large\",\"status\":413,"
                + "\"detail\":\"The request body is larger than " + limit + " bytes, the limit for this endpoint."
                + " Send one request per call, or use /api/v1/decisions/batch for many.\"}");
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream in = super.getInputStream();
                stream = new ServletInputStream() {
                    private long count;

                    @Override
                    public int read() throws IOException {
                        int b = in.read();
                        if (b >= 0) {
                            count(1);
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        int n = in.read(buffer, offset, length);
                        if (n > 0) {
                            count(n);
                        }
                        return n;
                    }

                    private void count(int n) throws IOException {
                        count += n;
                        if (count > limit) {
                            throw new BodyTooLargeException(limit);
                        }
                    }

                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        in.setReadListener(listener);
                    }
                };
            }
            return stream;
        }
    }
}
