package io.podsnap.operator.reconcile;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;

/**
 * The one place that maps an API server answer to a decision kind. Transient errors are retried with backoff and
 * never change an object's phase; terminal ones fail the object with a reason. A 404 is neither: what "not found"
 * means depends on what was looked up, so callers handle it before asking here.
 */
public final class ApiErrors {
    private ApiErrors() {}

    /** HTTP 422: the object is invalid (schema, CEL); retrying the same object cannot succeed. */
    public static final int UNPROCESSABLE_ENTITY = 422;
    /** HTTP 429: the API server is shedding load. */
    public static final int TOO_MANY_REQUESTS = 429;

    /** How a failed API call should be treated. */
    public enum Kind {
        /** Conflict, AlreadyExists, throttling, 5xx, timeouts, connection errors: retry with backoff. */
        TRANSIENT,
        /** Bad request, invalid, forbidden, unauthorized, method not allowed: the same call will fail again. */
        TERMINAL
    }

    public static Kind classify(KubernetesClientException e) {
        int code = e.getCode();
        return switch (code) {
            case HttpURLConnection.HTTP_BAD_REQUEST, HttpURLConnection.HTTP_UNAUTHORIZED, HttpURLConnection.HTTP_FORBIDDEN,
                 HttpURLConnection.HTTP_BAD_METHOD, HttpURLConnection.HTTP_UNSUPPORTED_TYPE, UNPROCESSABLE_ENTITY -> Kind.TERMINAL;
            // 0: no HTTP answer at all (timeout, connection refused); 409, 429, 5xx: the server may accept it later.
            default -> Kind.TRANSIENT;
        };
    }

    public static boolean isTerminal(KubernetesClientException e) {
        return classify(e) == Kind.TERMINAL;
    }

    public static boolean isNotFound(KubernetesClientException e) {
        return e.getCode() == HttpURLConnection.HTTP_NOT_FOUND;
    }

    /** 409 with reason AlreadyExists (a create lost a race or the cache lags), as opposed to a write conflict. */
    public static boolean isAlreadyExists(KubernetesClientException e) {
        return e.getCode() == HttpURLConnection.HTTP_CONFLICT && e.getStatus() != null
                && "AlreadyExists".equals(e.getStatus().getReason());
    }

    /** 409 Conflict on a write with a stale resourceVersion. */
    public static boolean isConflict(KubernetesClientException e) {
        return e.getCode() == HttpURLConnection.HTTP_CONFLICT && !isAlreadyExists(e);
    }
}
