package io.jurist.support;

import java.util.HashMap;
import java.util.Map;

/** Builds proposal bodies that change the jurisdiction table of the rules directory. */
public final class Proposals {

    private Proposals() {
    }

    /** A jurisdiction table with extra rows appended (tests that share one application build on the active table). */
    public static String tableWith(String base, String... rows) {
        StringBuilder table = new StringBuilder(base);
        for (String row : rows) {
            table.append(row).append('\n');
        }
        return table.toString();
    }

    /** The active version's jurisdiction table, read over HTTP. */
    public static String activeTable(Http http) {
        return http.get("/api/v1/rulesets/active", Http.DATA_PLATFORM).json().at("/files/reference~1jurisdictions.csv")
                .asText();
    }

    /**
     * A row enabling generative-AI training in a country under opt-out from mid-2024, earlier than the
     * terms' date everywhere else: a permissive change (some decisions turn DENY to PERMIT).
     */
    public static String enableEarlier(String country) {
        return country + ",GENAI_TRAINING,ENABLED,OPT_OUT,2024-06-01,Test earlier enablement of " + country;
    }

    /** A row suspending generative-AI training in a country. */
    public static String suspend(String country) {
        return country + ",GENAI_TRAINING,SUSPENDED,OPT_IN,2025-01-01T00:00:00Z,Test suspension of " + country;
    }

    /** A row enabling generative-AI training in a country under opt-in. */
    public static String enableOptIn(String country) {
        return country + ",GENAI_TRAINING,ENABLED,OPT_IN,2025-01-01T00:00:00Z,Test re-enablement of " + country;
    }

    /** A proposal JSON body changing the jurisdiction table. */
    public static String body(String summary, String table) {
        Map<String, Object> body = new HashMap<>();
        body.put("summary", summary);
        body.put("files", Map.of("reference/jurisdictions.csv", table));
        return Http.json(body);
    }
}
