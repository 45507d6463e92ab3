package io.podsnap.testkit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * Every request clients sent to a {@link MockApiServer}, in arrival order, including those a fault rule answered.
 * Counting writes here measures what the code under test costs the API server ("API writes per checkpoint").
 */
public final class RequestLog {
    private final List<ApiRequest> requests = new CopyOnWriteArrayList<>();

    void record(ApiRequest request) {
        requests.add(request);
    }

    /** A snapshot of all requests so far. */
    public List<ApiRequest> all() {
        return List.copyOf(requests);
    }

    public List<ApiRequest> matching(Predicate<? super ApiRequest> filter) {
        return requests.stream().filter(filter).toList();
    }

    public long count(Predicate<? super ApiRequest> filter) {
        return requests.stream().filter(filter).count();
    }

    /** Requests with this verb on the main resource (no subresource). */
    public long count(Verb verb, String resource) {
        return count(r -> r.verb() == verb && resource.equals(r.resource()) && r.subresource() == null);
    }

    /** Requests with this verb on a subresource of the resource ({@link Subresource#ANY}: main resource included). */
    public long count(Verb verb, String resource, Subresource subresource) {
        return count(r -> r.verb() == verb && resource.equals(r.resource()) && subresource.matches(r.subresource()));
    }

    /** All writes (POST, PUT, PATCH, DELETE on resources), answered or refused. */
    public long writes() {
        return count(ApiRequest::isWrite);
    }

    /** Writes to one resource, its subresources included. */
    public long writes(String resource) {
        return count(r -> r.isWrite() && resource.equals(r.resource()));
    }

    /** Forget everything so far, e.g. after a test's setup so that only the code under test is counted. */
    public void clear() {
        requests.clear();
    }
}
