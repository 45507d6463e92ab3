package io.podsnap.testkit;

import io.fabric8.mockwebserver.http.MockResponse;

/**
 * One fault: which requests ({@link #inNamespace}, {@link #named}), which of them ({@link #nth}, {@link #times},
 * {@link #always}; always by default) and the answer ({@link #respond(int)}, which arms the rule).
 *
 * <p>Counting: the rule lets the first {@code skip} matching requests through, then answers the next {@code limit}
 * of them, then lets all others through. {@code nth(3)} is skip 2, limit 1; {@code times(2)} is limit 2;
 * {@code nth(3).times(2)} answers the 3rd and 4th; {@code nth(3).always()} the 3rd and every later one.
 */
public final class FaultRule {
    private static final int UNLIMITED = -1;

    private final Faults faults;
    private final Verb verb;
    private final String resource;
    private final Subresource subresource;
    private String namespace;
    private String name;
    private int skip;
    private int limit = UNLIMITED;
    private int code;
    private String reason;
    private String message;
    private boolean armed;
    private int matched;
    private int fired;

    FaultRule(Faults faults, Verb verb, String resource, Subresource subresource) {
        if (verb == null || resource == null) {
            throw new IllegalArgumentException("a fault rule needs a verb and a resource (Faults.ANY_RESOURCE for any)");
        }
        this.faults = faults;
        this.verb = verb;
        this.resource = resource;
        this.subresource = subresource;
    }

    /** Only requests in this namespace. */
    public FaultRule inNamespace(String namespace) {
        checkNotArmed();
        this.namespace = namespace;
        return this;
    }

    /** Only requests for the object with this name (for a POST: the name in the body). */
    public FaultRule named(String name) {
        checkNotArmed();
        this.name = name;
        return this;
    }

    /** Answer the n-th matching request (1-based) only. */
    public FaultRule nth(int n) {
        checkNotArmed();
        if (n < 1) {
            throw new IllegalArgumentException("nth is 1-based, got " + n);
        }
        this.skip = n - 1;
        this.limit = 1;
        return this;
    }

    /** Answer n matching requests (after those {@link #nth} skips), then let requests pass again. */
    public FaultRule times(int n) {
        checkNotArmed();
        if (n < 1) {
            throw new IllegalArgumentException("times needs n >= 1, got " + n);
        }
        this.limit = n;
        return this;
    }

    /** Answer every matching request (after those {@link #nth} skips). The default. */
    public FaultRule always() {
        checkNotArmed();
        this.limit = UNLIMITED;
        return this;
    }

    /**
     * Arm the rule: matching requests get this HTTP status with the apiserver's reason and message for it
     * (409 is {@code AlreadyExists} on POST and {@code Conflict} otherwise).
     */
    public FaultRule respond(int code) {
        return respond(code, null, null);
    }

    /** Arm the rule with an explicit reason (e.g. {@code "Conflict"}) and message; null means the default. */
    public FaultRule respond(int code, String reason, String message) {
        checkNotArmed();
        if (code < 400 || code > 599) {
            throw new IllegalArgumentException("a fault is an HTTP error status (4xx or 5xx), got " + code);
        }
        this.code = code;
        this.reason = reason;
        this.message = message;
        this.armed = true;
        faults.arm(this);
        return this;
    }

    /** How many requests matched this rule so far (answered or not). */
    public int matched() {
        synchronized (faults) {
            return matched;
        }
    }

    /** How many requests this rule answered. */
    public int fired() {
        synchronized (faults) {
            return fired;
        }
    }

    boolean matches(Verb requestVerb, ApiPath path, String requestName) {
        if (requestVerb != verb || !path.isResource()) {
            return false;
        }
        if (!Faults.ANY_RESOURCE.equals(resource) && !resource.equals(path.resource())) {
            return false;
        }
        boolean subresourceMatches = subresource == null ? path.subresource() == null : subresource.matches(path.subresource());
        return subresourceMatches
                && (namespace == null || namespace.equals(path.namespace()))
                && (name == null || name.equals(requestName));
    }

    /** Count a matching request; true when this one is to be answered. Called under the Faults lock. */
    boolean countAndDecide() {
        int index = matched++;
        return index >= skip && (limit == UNLIMITED || index < skip + limit);
    }

    void recordFired() {
        fired++;
    }

    MockResponse response(Verb requestVerb, ApiPath path, String requestName) {
        String r = reason != null ? reason : KubeStatus.defaultReason(code, requestVerb);
        String m = message != null ? message : KubeStatus.defaultMessage(r, requestVerb, path, requestName);
        return KubeStatus.failure(code, r, m, path, requestName);
    }

    private void checkNotArmed() {
        if (armed) {
            throw new IllegalStateException("this fault rule is armed already; start a new one with faults().on(...)");
        }
    }

    @Override
    public String toString() {
        return verb + " " + resource + (subresource == null ? "" : "/" + subresource)
                + (namespace == null ? "" : " in " + namespace) + (name == null ? "" : " named " + name)
                + " skip " + skip + " limit " + (limit == UNLIMITED ? "unlimited" : limit) + " -> " + code;
    }
}
