package io.podsnap.operator.podsnapshot;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.podsnap.operator.events.EventRecorder;
import io.podsnap.protocol.status.Reason;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An {@link EventRecorder} that keeps what it was told, for assertions. Thread-safe (the operator test uses it). */
final class RecordingEvents implements EventRecorder {

    record Recorded(String regarding, Type type, Reason reason, String message) {
        @Override
        public String toString() {
            return type + " " + reason + " on " + regarding + ": " + message;
        }
    }

    private final List<Recorded> recorded = new CopyOnWriteArrayList<>();

    @Override
    public void record(HasMetadata regarding, Type type, Reason reason, String message) {
        recorded.add(new Recorded(regarding.getMetadata().getNamespace() + "/" + regarding.getMetadata().getName(),
                type, reason, message));
    }

    List<Recorded> all() {
        return List.copyOf(recorded);
    }

    /** "Type Reason" of each event, in order: what most cases assert. */
    List<String> summary() {
        return recorded.stream().map(r -> r.type() + " " + r.reason()).toList();
    }

    void clear() {
        recorded.clear();
    }
}
