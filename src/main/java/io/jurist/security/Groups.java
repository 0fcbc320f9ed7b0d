package io.jurist.security;

/** The Camunda groups the service knows, and the Spring authorities they become. */
public final class Groups {

    public static final String RULE_AUTHORS = "rule-authors";
    public static final String LEGAL_APPROVERS = "legal-approvers";
    public static final String DPO = "dpo";
    public static final String ADMIN = "camunda-admin";
    public static final String DATA_PLATFORM = "data-platform";

    /** Prefix of the authority a group becomes. */
    public static final String AUTHORITY_PREFIX = "GROUP_";

    private Groups() {
    }

    public static String authority(String group) {
        return AUTHORITY_PREFIX + group;
    }
}
