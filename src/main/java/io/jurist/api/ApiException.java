package io.jurist.api;

import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A failure a caller can act on, answered as a problem detail with the given status, a title and
 * optional extra members.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String title;
    private final transient Map<String, Object> properties;

    public ApiException(HttpStatus status, String title, String detail) {
        this(status, title, detail, Map.of());
    }

    public ApiException(HttpStatus status, String title, String detail, Map<String, Object> properties) {
        super(detail);
        this.status = status;
        this.title = title;
        this.properties = Map.copyOf(properties);
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    public Map<String, Object> properties() {
        return properties;
    }
}
