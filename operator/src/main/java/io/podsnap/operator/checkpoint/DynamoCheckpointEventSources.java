package io.podsnap.operator.checkpoint;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnAddFilter;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnDeleteFilter;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.podsnap.api.v1alpha1.DynamoCheckpoint;
import io.podsnap.api.v1alpha1.PodSnapshot;
import io.podsnap.protocol.WireNames;
import java.util.List;
import java.util.Set;

/**
 * What wakes the DynamoCheckpoint controller besides its own resource (operator doc §5.1). Each informer is narrowed
 * by a label selector so the operator caches checkpoint objects only, never every Job and pod of the cluster.
 * <ul>
 *   <li>Jobs with the checkpoint-ID label (checkpoint Jobs and cleanup Jobs), mapped to their controlling checkpoint.
 *       Creates are ignored (we made them); updates carry the Complete/Failed conditions, deletes the JobDeleted
 *       path.</li>
 *   <li>PodSnapshots with the owner label, mapped to their controlling checkpoint. Creates are ignored; updates carry
 *       the binding and the Ready/Failed mirror, deletes the lookup change. (JOSDK's "generic" filter applies to
 *       every event, unlike controller-runtime's Generic events, so it is left alone.)</li>
 *   <li>Checkpoint source pods ({@code nvidia.com/snapshot-is-checkpoint-source=true}), mapped through the
 *       {@code nvidia.com/snapshot-owner} label. Only creates: pod status updates (kubelet heartbeats, probes) would
 *       storm the controller, and a pod's end reaches us through its Job.</li>
 * </ul>
 * The caches stay complete whatever the filters: filters only decide which changes trigger a reconcile.
 */
public final class DynamoCheckpointEventSources {
    private DynamoCheckpointEventSources() {}

    public static final String JOBS = "dynamocheckpoint-jobs";
    public static final String POD_SNAPSHOTS = "dynamocheckpoint-podsnapshots";
    public static final String SOURCE_PODS = "dynamocheckpoint-source-pods";

    /** Label selectors of the three informers. */
    public static final String JOB_SELECTOR = WireNames.LABEL_CHECKPOINT_ID;
    public static final String POD_SNAPSHOT_SELECTOR = WireNames.LABEL_SNAPSHOT_OWNER;
    public static final String SOURCE_POD_SELECTOR = WireNames.LABEL_IS_CHECKPOINT_SOURCE + "=true";

    static final OnAddFilter<Job> JOB_ON_ADD = job -> false;
    static final OnUpdateFilter<Job> JOB_ON_UPDATE = (newJob, oldJob) -> true;
    static final OnDeleteFilter<Job> JOB_ON_DELETE = (job, unknownFinalState) -> true;

    static final OnAddFilter<PodSnapshot> POD_SNAPSHOT_ON_ADD = podSnapshot -> false;
    static final OnUpdateFilter<PodSnapshot> POD_SNAPSHOT_ON_UPDATE = (newPs, oldPs) -> true;
    static final OnDeleteFilter<PodSnapshot> POD_SNAPSHOT_ON_DELETE = (ps, unknownFinalState) -> true;

    static final OnAddFilter<Pod> POD_ON_ADD = DynamoCheckpointEventSources::isCheckpointSourcePod;
    static final OnUpdateFilter<Pod> POD_ON_UPDATE = (newPod, oldPod) -> false;
    static final OnDeleteFilter<Pod> POD_ON_DELETE = (pod, unknownFinalState) -> false;

    public static List<EventSource<?, DynamoCheckpoint>> all(EventSourceContext<DynamoCheckpoint> context) {
        return List.of(
                new InformerEventSource<>(jobs(), context),
                new InformerEventSource<>(podSnapshots(), context),
                new InformerEventSource<>(sourcePods(), context));
    }

    public static InformerEventSourceConfiguration<Job> jobs() {
        return InformerEventSourceConfiguration.from(Job.class, DynamoCheckpoint.class)
                .withName(JOBS)
                .withLabelSelector(JOB_SELECTOR)
                .withSecondaryToPrimaryMapper(DynamoCheckpointEventSources::controllingCheckpoint)
                .withOnAddFilter(JOB_ON_ADD)
                .withOnUpdateFilter(JOB_ON_UPDATE)
                .withOnDeleteFilter(JOB_ON_DELETE)
                .build();
    }

    public static InformerEventSourceConfiguration<PodSnapshot> podSnapshots() {
        return InformerEventSourceConfiguration.from(PodSnapshot.class, DynamoCheckpoint.class)
                .withName(POD_SNAPSHOTS)
                .withLabelSelector(POD_SNAPSHOT_SELECTOR)
                .withSecondaryToPrimaryMapper(DynamoCheckpointEventSources::controllingCheckpoint)
                .withOnAddFilter(POD_SNAPSHOT_ON_ADD)
                .withOnUpdateFilter(POD_SNAPSHOT_ON_UPDATE)
                .withOnDeleteFilter(POD_SNAPSHOT_ON_DELETE)
                .build();
    }

    public static InformerEventSourceConfiguration<Pod> sourcePods() {
        return InformerEventSourceConfiguration.from(Pod.class, DynamoCheckpoint.class)
                .withName(SOURCE_PODS)
                .withLabelSelector(SOURCE_POD_SELECTOR)
                .withSecondaryToPrimaryMapper(DynamoCheckpointEventSources::checkpointOfSourcePod)
                .withOnAddFilter(POD_ON_ADD)
                .withOnUpdateFilter(POD_ON_UPDATE)
                .withOnDeleteFilter(POD_ON_DELETE)
                .build();
    }

    /** The DynamoCheckpoint controlling {@code object}, by its controller reference; none if another kind controls it. */
    public static Set<ResourceID> controllingCheckpoint(HasMetadata object) {
        return DynamoCheckpointOwnership.controllingCheckpointName(object)
                .map(name -> Set.of(new ResourceID(name, object.getMetadata().getNamespace())))
                .orElse(Set.of());
    }

    /**
     * The checkpoint a source pod belongs to: {@code <pod namespace>/<nvidia.com/snapshot-owner>}. The Job's pod
     * template carries the label, so the pod names its checkpoint before the Job controller has finished with it.
     */
    public static Set<ResourceID> checkpointOfSourcePod(Pod pod) {
        if (!isCheckpointSourcePod(pod)) {
            return Set.of();
        }
        String owner = DynamoCheckpointJobs.label(pod, WireNames.LABEL_SNAPSHOT_OWNER);
        if (owner == null || owner.isBlank()) {
            return Set.of();
        }
        return Set.of(new ResourceID(owner, pod.getMetadata().getNamespace()));
    }

    /** {@code nvidia.com/snapshot-is-checkpoint-source=true}. */
    public static boolean isCheckpointSourcePod(Pod pod) {
        return "true".equals(DynamoCheckpointJobs.label(pod, WireNames.LABEL_IS_CHECKPOINT_SOURCE));
    }
}
