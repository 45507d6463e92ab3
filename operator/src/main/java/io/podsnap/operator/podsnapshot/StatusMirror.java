package io.podsnap.operator.podsnapshot;

import static io.podsnap.protocol.WireNames.CONDITION_FAILED;
import static io.podsnap.protocol.WireNames.CONDITION_READY;

import io.fabric8.kubernetes.api.model.Condition;
import io.podsnap.api.v1alpha1.PodSnapshot;
import io.podsnap.api.v1alpha1.PodSnapshotContent;
import io.podsnap.operator.events.EventRecorder;
import io.podsnap.protocol.status.Conditions;
import io.podsnap.protocol.status.Reason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Mirrors a bound PodSnapshotContent's progress (written by the node agent) onto its PodSnapshot:
 * <ul>
 *   <li>content Ready=True → Ready=True, Failed=False, with the content's reason and message;</li>
 *   <li>content Failed=True → Failed=True, Ready=False, with the content's reason and message;</li>
 *   <li>otherwise → Ready=False reason Pending, and no Failed condition: nothing has failed.</li>
 * </ul>
 * Ready is not terminal: if the content stops being Ready the PodSnapshot goes back to Pending. Ready and Failed are
 * never both True. Only a change produces a write.
 */
final class StatusMirror {
    private StatusMirror() {}

    static Step mirror(PodSnapshot snapshot, PodSnapshotContent content, Instant now) {
        List<Condition> current = snapshot.getStatus() == null || snapshot.getStatus().getConditions() == null
                ? List.of() : snapshot.getStatus().getConditions();
        List<Condition> next = new ArrayList<>(current);
        List<Condition> observed = content.getStatus() == null || content.getStatus().getConditions() == null
                ? List.of() : content.getStatus().getConditions();
        long generation = snapshot.getMetadata().getGeneration() == null ? 0 : snapshot.getMetadata().getGeneration();
        String contentName = content.getMetadata().getName();
        boolean wasReady = Conditions.isTrue(current, CONDITION_READY);

        boolean changed;
        Step.Notice notice = null;
        if (Conditions.isTrue(observed, CONDITION_READY)) {
            Condition ready = Conditions.get(observed, CONDITION_READY).orElseThrow();
            String reason = reasonOr(ready.getReason(), Reason.Captured);
            String message = nullToEmpty(ready.getMessage());
            changed = Conditions.set(next, CONDITION_READY, Conditions.TRUE, reason, message, generation, now)
                    | Conditions.set(next, CONDITION_FAILED, Conditions.FALSE, reason, message, generation, now);
            if (!wasReady) {
                notice = new Step.Notice(EventRecorder.Type.Normal, eventReason(reason, Reason.Captured),
                        "checkpoint captured (PodSnapshotContent " + contentName + ")" + suffix(message));
            }
        } else if (Conditions.isTrue(observed, CONDITION_FAILED)) {
            Condition failed = Conditions.get(observed, CONDITION_FAILED).orElseThrow();
            String reason = reasonOr(failed.getReason(), Reason.CheckpointFailed);
            String message = nullToEmpty(failed.getMessage());
            changed = Conditions.set(next, CONDITION_FAILED, Conditions.TRUE, reason, message, generation, now)
                    | Conditions.set(next, CONDITION_READY, Conditions.FALSE, reason, message, generation, now);
            // A PodSnapshot reaching this point was not Failed (Failed is sticky and short-circuits earlier).
            notice = new Step.Notice(EventRecorder.Type.Warning, eventReason(reason, Reason.CheckpointFailed),
                    "capture failed (PodSnapshotContent " + contentName + ")" + suffix(message));
        } else {
            changed = Conditions.markPending(next, generation, now)
                    // Only a Failed=False left by an earlier Ready can be here; a pending object reports no Failed.
                    | Conditions.remove(next, CONDITION_FAILED);
            if (wasReady) {
                notice = new Step.Notice(EventRecorder.Type.Normal, Reason.Pending, "PodSnapshotContent " + contentName
                        + " is no longer Ready; " + Conditions.PENDING_MESSAGE);
            }
        }
        return changed ? new Step.WriteConditions(next, Optional.ofNullable(notice)) : new Step.Wait();
    }

    /** The agent's reason is copied verbatim; an agent that wrote none gets the protocol's default. */
    private static String reasonOr(String reason, Reason fallback) {
        return reason == null || reason.isEmpty() ? fallback.name() : reason;
    }

    /** Event reasons come from the one Reason list; a reason this operator does not know is announced as the fallback. */
    private static Reason eventReason(String reason, Reason fallback) {
        for (Reason r : Reason.values()) {
            if (r.name().equals(reason)) {
                return r;
            }
        }
        return fallback;
    }

    private static String suffix(String message) {
        return message.isEmpty() ? "" : ": " + message;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
