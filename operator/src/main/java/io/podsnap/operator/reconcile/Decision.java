package io.podsnap.operator.reconcile;

import io.podsnap.protocol.status.Reason;
import java.time.Duration;
import java.util.Objects;

/**
 * What one reconcile step decided. Phase handlers are pure functions returning a decision; the reconciler applies
 * it at the edge (status write, event, requeue). Tests assert on decisions, not on API calls.
 */
public sealed interface Decision {

    /** Nothing more to do until something we watch changes (a Job, a PodSnapshot, a pod create). */
    record WaitForEvent() implements Decision {}

    /** Try again after {@code delay} even if nothing changes (cleanup pending, cascade delete in progress). */
    record RequeueAfter(Duration delay) implements Decision {
        public RequeueAfter {
            Objects.requireNonNull(delay, "delay");
        }
    }

    /**
     * The object failed for good: record {@code reason} and {@code message} in its status, emit a Warning event,
     * never retry. The message says what was expected, what was found and what to do.
     */
    record Terminal(Reason reason, String message) implements Decision {
        public Terminal {
            Objects.requireNonNull(reason, "reason");
            if (reason.kind() != Reason.Kind.FAILURE) {
                throw new IllegalArgumentException(reason + " is not a failure reason");
            }
        }
    }

    /** The object reached a successful terminal state. */
    record Done() implements Decision {}

    static Decision waitForEvent() {
        return new WaitForEvent();
    }

    static Decision requeueAfter(Duration delay) {
        return new RequeueAfter(delay);
    }

    static Decision terminal(Reason reason, String message) {
        return new Terminal(reason, message);
    }

    static Decision done() {
        return new Done();
    }
}
