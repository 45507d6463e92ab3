package io.podsnap.operator.checkpoint;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.podsnap.api.v1alpha1.DynamoCheckpointStatus;
import io.podsnap.api.v1alpha1.PodSnapshot;
import io.podsnap.operator.events.EventRecorder;
import io.podsnap.operator.reconcile.Decision;
import io.podsnap.protocol.status.Reason;
import java.util.List;
import java.util.Objects;

/**
 * What one DynamoCheckpoint phase handler decided ({@link DynamoCheckpointPhases}). A value: the handlers are pure,
 * the reconciler carries the step out (status write, events, object creation, requeue) and tests assert on it.
 */
public sealed interface DynamoCheckpointStep {

    /** A Kubernetes event to record on the checkpoint. */
    record Event(EventRecorder.Type type, Reason reason, String message) {
        public Event {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(reason, "reason");
            message = message == null ? "" : message;
        }

        public static Event normal(Reason reason, String message) {
            return new Event(EventRecorder.Type.Normal, reason, message);
        }

        public static Event warning(Reason reason, String message) {
            return new Event(EventRecorder.Type.Warning, reason, message);
        }
    }

    /**
     * Write {@code status} when it differs from the stored one, record {@code events}, then follow {@code next}:
     * {@link Decision.WaitForEvent} (a watch will wake us), {@link Decision.RequeueAfter}, {@link Decision.Terminal}
     * (the status is Failed with that reason) or {@link Decision.Done} (the status is Ready).
     */
    record Transition(DynamoCheckpointStatus status, List<Event> events, Decision next) implements DynamoCheckpointStep {
        public Transition {
            Objects.requireNonNull(status, "status");
            events = List.copyOf(events);
            Objects.requireNonNull(next, "next");
        }
    }

    /** Normalisation only: write {@code status} when it differs, then dispatch on its phase. */
    record Continue(DynamoCheckpointStatus status) implements DynamoCheckpointStep {
        public Continue {
            Objects.requireNonNull(status, "status");
        }
    }

    /**
     * Create this checkpoint Job (it carries the checkpoint's controller reference); on success the checkpoint moves
     * to Creating ({@link DynamoCheckpointPhases#jobCreated}).
     */
    record CreateJob(Job job) implements DynamoCheckpointStep {
        public CreateJob {
            Objects.requireNonNull(job, "job");
        }
    }

    /**
     * Make sure this PodSnapshot exists, created by Server-Side Apply unless one of that name is already there; the
     * outcome goes through {@link DynamoCheckpointPhases#afterPodSnapshot}.
     */
    record EnsurePodSnapshot(PodSnapshot podSnapshot) implements DynamoCheckpointStep {
        public EnsurePodSnapshot {
            Objects.requireNonNull(podSnapshot, "podSnapshot");
        }
    }

    /**
     * Delete this PodSnapshot, which the checkpoint owns from an earlier capture (the artifact version was bumped),
     * then wait for its delete event: the new capture's PodSnapshot gets the same name.
     */
    record DeletePodSnapshot(PodSnapshot podSnapshot) implements DynamoCheckpointStep {
        public DeletePodSnapshot {
            Objects.requireNonNull(podSnapshot, "podSnapshot");
        }
    }

    /** A non-terminal error: record {@code events}, then retry with backoff. The phase does not change. */
    record Retry(List<Event> events, String message) implements DynamoCheckpointStep {
        public Retry {
            events = List.copyOf(events);
            Objects.requireNonNull(message, "message");
        }
    }
}
