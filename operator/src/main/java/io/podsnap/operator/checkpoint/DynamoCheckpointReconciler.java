package io.podsnap.operator.checkpoint;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.podsnap.api.v1alpha1.DynamoCheckpoint;
import io.podsnap.operator.config.OperatorConfig;
import io.podsnap.operator.events.EventRecorder;
import java.time.Clock;

/** STUB (being implemented): DynamoCheckpoint controller, operator doc §5. Constructor signature is fixed. */
@ControllerConfiguration(name = DynamoCheckpointReconciler.NAME)
public class DynamoCheckpointReconciler implements Reconciler<DynamoCheckpoint> {
    public static final String NAME = "dynamocheckpoint";

    private final OperatorConfig config;
    private final EventRecorder events;
    private final Clock clock;

    public DynamoCheckpointReconciler(OperatorConfig config, EventRecorder events, Clock clock) {
        this.config = config;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public UpdateControl<DynamoCheckpoint> reconcile(DynamoCheckpoint resource, Context<DynamoCheckpoint> context) {
        return UpdateControl.noUpdate();
    }
}
