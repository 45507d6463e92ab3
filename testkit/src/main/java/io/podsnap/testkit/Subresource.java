package io.podsnap.testkit;

/**
 * The subresource part of a fault rule. Without one, a rule matches the main resource only, as RBAC does: a rule on
 * {@code podsnapshots} does not cover {@code podsnapshots/status}.
 */
public enum Subresource {
    STATUS("status"),
    SCALE("scale"),
    EVICTION("eviction"),
    BINDING("binding"),
    LOG("log"),
    EXEC("exec"),
    /** The main resource and every subresource. */
    ANY(null);

    private final String wireName;

    Subresource(String wireName) {
        this.wireName = wireName;
    }

    /** As in the URL ({@code status}); null for {@link #ANY}. */
    public String wireName() {
        return wireName;
    }

    /** Whether this rule part matches a request's subresource (null for the main resource). */
    boolean matches(String requestSubresource) {
        return this == ANY || wireName.equals(requestSubresource);
    }
}
