package io.podsnap.operator.events;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.podsnap.protocol.status.Reason;

/**
 * Kubernetes events for user-visible transitions. The reason is always a {@link Reason}, the same string the
 * conditions carry, so `kubectl describe` and alerts speak one vocabulary.
 */
public interface EventRecorder {

    enum Type { Normal, Warning }

    void record(HasMetadata regarding, Type type, Reason reason, String message);

    default void normal(HasMetadata regarding, Reason reason, String message) {
        record(regarding, Type.Normal, reason, message);
    }

    default void warning(HasMetadata regarding, Reason reason, String message) {
        record(regarding, Type.Warning, reason, message);
    }
}
