package io.podsnap.operator.podsnapshot;

import io.podsnap.api.v1alpha1.PodSnapshot;
import io.podsnap.protocol.WireNames;
import io.podsnap.protocol.status.Conditions;

/**
 * Where a live PodSnapshot stands. A PodSnapshot being deleted is not a phase here: JOSDK hands it to
 * {@link PodSnapshotReconciler#cleanup} instead of {@code reconcile}.
 */
enum Phase {
    /** Failed=True. Sticky: nothing is re-evaluated, whatever the content or the pod do next. */
    FAILED,
    /** {@code status.boundSnapshotContentName} is set: mirror the content's progress. Ready is not terminal. */
    BOUND,
    /** No binding recorded: find the source pod and create (or adopt) the work order. */
    UNBOUND;

    static Phase of(PodSnapshot snapshot) {
        var status = snapshot.getStatus();
        if (status == null) {
            return UNBOUND;
        }
        if (Conditions.isTrue(status.getConditions(), WireNames.CONDITION_FAILED)) {
            return FAILED;
        }
        String bound = status.getBoundSnapshotContentName();
        return bound == null || bound.isEmpty() ? UNBOUND : BOUND;
    }
}
