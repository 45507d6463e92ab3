package io.podsnap.operator.podsnapshot;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.podsnap.api.v1alpha1.PodSnapshot;
import io.podsnap.operator.events.EventRecorder;
import java.time.Clock;

/** STUB (being implemented): PodSnapshot → PodSnapshotContent binding, operator doc §6.3. Constructor signature is fixed. */
@ControllerConfiguration(name = PodSnapshotReconciler.NAME)
public class PodSnapshotReconciler implements Reconciler<PodSnapshot> {
    public static final String NAME = "podsnapshot";

    private final EventRecorder events;
    private final Clock clock;

    public PodSnapshotReconciler(EventRecorder events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    @Override
    public UpdateControl<PodSnapshot> reconcile(PodSnapshot resource, Context<PodSnapshot> context) {
        return UpdateControl.noUpdate();
    }
}
