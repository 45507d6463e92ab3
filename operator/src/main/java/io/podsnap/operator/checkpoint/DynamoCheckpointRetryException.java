package io.podsnap.operator.checkpoint;

/**
 * A non-terminal DynamoCheckpoint error that is not an API error: the reconcile is retried with backoff and the
 * checkpoint's phase does not change (an ambiguous PodSnapshot lookup, a create that raced with a lagging read).
 */
public class DynamoCheckpointRetryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DynamoCheckpointRetryException(String message) {
        super(message);
    }

    public DynamoCheckpointRetryException(String message, Throwable cause) {
        super(message, cause);
    }
}
