package io.jurist.api;

import java.util.List;

/** The checks every cursor-paged list shares: 'after' a cursor from an earlier answer, 'limit' 1 to 1000. */
public final class Paging {

    /** The largest page. */
    public static final int MAX_LIMIT = 1000;

    private Paging() {
    }

    /** Refuses a negative cursor or a limit outside 1..1000, naming the parameter. */
    public static void check(long after, int limit, String cursorName) {
        if (after < 0) {
            throw new InvalidRequestException("'after' must be 0 or " + cursorName + " from an earlier answer",
                    List.of(new FieldError("after", "must not be negative")));
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidRequestException("'limit' must be between 1 and " + MAX_LIMIT,
                    List.of(new FieldError("limit", "must be between 1 and " + MAX_LIMIT)));
        }
    }
}
