package io.jurist.api;

import java.io.IOException;

/** Thrown while reading a request body that passes its limit; answered 413. */
class BodyTooLargeException extends IOException {

    BodyTooLargeException(long limit) {
        super("The request body is larger than " + limit + " bytes, the limit for this endpoint.");
    }
}
