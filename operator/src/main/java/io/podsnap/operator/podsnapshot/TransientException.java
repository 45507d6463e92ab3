package io.podsnap.operator.podsnapshot;

/**
 * A pass that cannot finish now and must be retried with backoff: the source pod is not scheduled, the bound content
 * cannot be read, a write was refused (409 Conflict on a stale resourceVersion, 5xx). Thrown to JOSDK, whose retry
 * re-runs the reconcile; the PodSnapshot's status is never changed by it.
 */
final class TransientException extends RuntimeException {
    TransientException(String message) {
        super(message);
    }

    TransientException(String message, Throwable cause) {
        super(message, cause);
    }
}
