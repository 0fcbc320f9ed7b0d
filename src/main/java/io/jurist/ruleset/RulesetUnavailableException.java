package io.jurist.ruleset;

import io.jurist.api.ApiException;
import org.springframework.http.HttpStatus;

/** No active ruleset can be evaluated: decisions fail with 503, never permit. */
public class RulesetUnavailableException extends ApiException {

    public RulesetUnavailableException(String message) {
        super(HttpStatus.SERVICE_UNAVAILABLE, "No ruleset available", message + "; nothing was decided.");
    }
}
