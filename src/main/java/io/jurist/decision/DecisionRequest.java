package io.jurist.decision;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A question from the data platform. Fields stay text here so that each bad one is named in the
 * answer rather than lost in a parse error.
 *
 * @param subject the member
 * @param purpose the purpose code, one of {@code GET /api/v1/purposes}
 * @param consent the member's own setting: OPTED_IN, OPTED_OUT or NOT_SET (absent means NOT_SET)
 * @param at      the ISO-8601 instant the decision is about; absent means now
 */
public record DecisionRequest(
        Subject subject,
        @Schema(example = "GENAI_TRAINING") String purpose,
        @Schema(allowableValues = {"OPTED_IN", "OPTED_OUT", "NOT_SET"}, example = "NOT_SET") String consent,
        @Schema(format = "date-time", example = "2024-11-25T00:00:00Z") String at) {

    /**
     * The member the decision is about.
     *
     * @param id      required, non-blank, at most 128 characters
     * @param country ISO 3166-1 alpha-2, any case; UK and EL accepted
     * @param age     0..150, absent when unknown
     */
    public record Subject(
            @Schema(example = "member-42", maxLength = 128) String id,
            @Schema(example = "GB") String country,
            @Schema(minimum = "0", maximum = "150", example = "34") Integer age) {
    }
}
