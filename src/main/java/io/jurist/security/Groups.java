package io.jurist.security;

import java.util.List;

/** The Camunda groups the service knows, and the Spring authorities they become. */
public final class Groups {

    public static final String RULE_AUTHORS = "rule-authors";
    public static final String LEGAL_APPROVERS = "legal-approvers";
    public static final String DPO = "dpo";
    public static final String ADMIN = "camunda-admin";
    public static final String DATA_PLATFORM = "data-platform";

    /** Prefix of the authority a group becomes. */
    public static final String AUTHORITY_PREFIX = "GROUP_";

    /**
     * The authorities that may ask for decisions ({@code POST /api/v1/decisions}, its batch, and the benchmark
     * profile's echo): SecurityConfig's rule and the decision API's direct lane both read this one list.
     */
    public static final List<String> MAY_DECIDE =
            List.of(authority(DATA_PLATFORM), authority(RULE_AUTHORS), authority(ADMIN));

    private Groups() {
    }

    public static String authority(String group) {
        return AUTHORITY_PREFIX + group;
    }
}
