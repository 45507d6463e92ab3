package io.podsnap.operator.podsnapshot;

import io.fabric8.kubernetes.api.model.Condition;
import io.podsnap.api.v1alpha1.PodSnapshotContent;
import io.podsnap.operator.events.EventRecorder;
import io.podsnap.protocol.status.Reason;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one pass over a PodSnapshot decided. {@link BindingDecisions} and {@link StatusMirror} return steps without
 * touching the API; {@link PodSnapshotReconciler} applies them (status write, event, create, retry).
 */
sealed interface Step {

    /** Nothing to write; the next PodSnapshotContent event brings the next pass. */
    record Wait() implements Step {}

    /** Not now: retry with backoff. Never a failure, never a status change. */
    record Retry(String message) implements Step {
        public Retry {
            Objects.requireNonNull(message, "message");
        }
    }

    /** Terminal: Failed=True and Ready=False with this reason and message, and a Warning event. Failed is sticky. */
    record Fail(Reason reason, String message) implements Step {
        public Fail {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
            if (reason.kind() != Reason.Kind.FAILURE) {
                throw new IllegalArgumentException(reason + " is not a failure reason");
            }
        }
    }

    /** Create this work order, then bind to it. */
    record CreateContent(PodSnapshotContent content) implements Step {
        public CreateContent {
            Objects.requireNonNull(content, "content");
        }
    }

    /**
     * Record {@code status.boundSnapshotContentName}. Conditions are not written on this pass: the content's own
     * events bring the first mirror.
     *
     * @param adopted the content already existed (a previous pass created it and its binding write was lost)
     */
    record Bind(String contentName, boolean adopted) implements Step {
        public Bind {
            Objects.requireNonNull(contentName, "contentName");
        }
    }

    /** Write these conditions (they differ from the current ones), then announce the transition, if there was one. */
    record WriteConditions(List<Condition> conditions, Optional<Notice> notice) implements Step {
        public WriteConditions {
            conditions = List.copyOf(conditions);
            Objects.requireNonNull(notice, "notice");
        }
    }

    /** A Kubernetes event announcing a user-visible transition. */
    record Notice(EventRecorder.Type type, Reason reason, String message) {
        public Notice {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }
}
