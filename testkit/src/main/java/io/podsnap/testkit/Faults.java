package io.podsnap.testkit;

import io.fabric8.mockwebserver.http.MockResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Fault injection: refuse chosen requests with a Kubernetes {@code Status} instead of serving them.
 *
 * <pre>{@code
 * server.faults().on(Verb.PATCH, "podsnapshots", Subresource.STATUS).nth(3).respond(409);
 * server.faults().on(Verb.POST, "jobs").inNamespace("ns").times(2).respond(500);
 * }</pre>
 *
 * <p>A rule counts every request that matches it, in order. Counting is per rule and does not depend on other rules:
 * when two rules match the same request, both count it, and the one armed first answers if it is due. A request no
 * due rule answers is served by the mock as usual. A refused request changes nothing on the server.
 */
public final class Faults {
    /** Matches every resource in {@link #on(Verb, String)}. */
    public static final String ANY_RESOURCE = "*";

    private final List<FaultRule> rules = new ArrayList<>();

    Faults() {}

    /** Requests with this verb on the main resource (no subresource); {@link #ANY_RESOURCE} for any resource. */
    public FaultRule on(Verb verb, String resource) {
        return new FaultRule(this, verb, resource, null);
    }

    /** Requests with this verb on a subresource of the resource ({@link Subresource#ANY}: the main resource too). */
    public FaultRule on(Verb verb, String resource, Subresource subresource) {
        return new FaultRule(this, verb, resource, subresource);
    }

    /** The armed rules, in the order they were armed. */
    public synchronized List<FaultRule> rules() {
        return List.copyOf(rules);
    }

    /** Disarm every rule. */
    public synchronized void clear() {
        rules.clear();
    }

    synchronized void arm(FaultRule rule) {
        rules.add(rule);
    }

    /** The injected response for this request, if a rule is due; counts the request against every matching rule. */
    synchronized Optional<MockResponse> intercept(Verb verb, ApiPath path, String name) {
        FaultRule answering = null;
        for (FaultRule rule : rules) {
            if (rule.matches(verb, path, name) && rule.countAndDecide() && answering == null) {
                answering = rule;
            }
        }
        if (answering == null) {
            return Optional.empty();
        }
        answering.recordFired();
        return Optional.of(answering.response(verb, path, name));
    }
}
