package io.podsnap.operator.checkpoint;

import static io.podsnap.operator.checkpoint.DynamoCheckpointStep.Event.normal;
import static io.podsnap.operator.checkpoint.DynamoCheckpointStep.Event.warning;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.podsnap.api.v1alpha1.DynamoCheckpoint;
import io.podsnap.api.v1alpha1.DynamoCheckpointPhase;
import io.podsnap.api.v1alpha1.DynamoCheckpointStatus;
import io.podsnap.api.v1alpha1.PodSnapshot;
import io.podsnap.operator.checkpoint.DynamoCheckpointStep.Continue;
import io.podsnap.operator.checkpoint.DynamoCheckpointStep.CreateJob;
import io.podsnap.operator.checkpoint.DynamoCheckpointStep.EnsurePodSnapshot;
import io.podsnap.operator.checkpoint.DynamoCheckpointStep.Event;
import io.podsnap.operator.checkpoint.DynamoCheckpointStep.Retry;
import io.podsnap.operator.checkpoint.DynamoCheckpointStep.Transition;
import io.podsnap.operator.config.OperatorConfig;
import io.podsnap.operator.reconcile.Decision;
import io.podsnap.protocol.WireNames;
import io.podsnap.protocol.identity.CheckpointIds;
import io.podsnap.protocol.identity.InvalidCheckpointException;
import io.podsnap.protocol.naming.Names;
import io.podsnap.protocol.status.Reason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The DynamoCheckpoint state machine (operator doc §5.2–§5.4) as pure functions: each takes the checkpoint and what
 * was observed (Job, PodSnapshots, the Job's pods, the other checkpoints of the namespace), the operator config and
 * the time, and returns a {@link DynamoCheckpointStep}. No client, no clock, no cache: the reconciler observes,
 * calls one of these, and carries the step out.
 *
 * <pre>
 *   (none) ──normalize──▶ Pending ──Job created/adopted──▶ Creating ──PodSnapshot Ready ∧ Job Complete──▶ Ready
 *                            │                                 │
 *                            └── gate/GMS/build/name errors ──▶ Failed ◀── Job failed/deleted, PodSnapshot failed
 * </pre>
 * Ready and Failed are terminal; only an artifact-version bump (a new Job name) sends a terminal checkpoint back to
 * Pending.
 */
public final class DynamoCheckpointPhases {
    private DynamoCheckpointPhases() {}

    /** Prefix of every PodSnapshot build/create failure message, as Dynamo words it. */
    public static final String SNAPSHOT_CREATION_FAILED = "snapshot creation failed: ";

    // ---- top level (§5.2 steps 6–10) ----------------------------------------------------------------------------

    /**
     * Brings the status in line with the checkpoint before dispatch: checkpointID and identityHash mirror the
     * resolved ID; a checkpoint whose ID an older checkpoint of the namespace already claims fails (terminal); a
     * checkpoint that never had a phase becomes Pending and stops there (its own status write wakes it again); a
     * non-Creating checkpoint whose recorded Job is not the Job its artifact version asks for (the version was
     * bumped) goes back to Pending without that Job.
     *
     * @return a {@link Transition} that ends this reconcile, or {@link Continue} to dispatch on the returned phase
     */
    public static DynamoCheckpointStep normalize(DynamoCheckpoint checkpoint, String checkpointId,
                                                 List<DynamoCheckpoint> namespaceCheckpoints, Instant now) {
        DynamoCheckpointStatus status = DynamoCheckpointStatuses.copyOf(checkpoint);
        status.setCheckpointID(checkpointId);
        status.setIdentityHash(checkpointId);

        Optional<DynamoCheckpoint> primary = primaryOwner(checkpoint, checkpointId, namespaceCheckpoints);
        if (primary.isPresent()) {
            String message = "checkpoint ID " + checkpointId + " is already owned by "
                    + primary.get().getMetadata().getName();
            status.setPhase(DynamoCheckpointPhase.Failed);
            status.setCreatedAt(null);
            status.setMessage(message);
            return transition(checkpoint, status, List.of(failedEvent(Reason.DuplicateCheckpointID, message)),
                    Decision.terminal(Reason.DuplicateCheckpointID, message));
        }

        boolean neverReconciled = status.getPhase() == null;
        if (neverReconciled) {
            status.setPhase(DynamoCheckpointPhase.Pending);
            status.setMessage(null);
        }
        String jobName = status.getJobName();
        if (status.getPhase() != DynamoCheckpointPhase.Creating && jobName != null && !jobName.isBlank()) {
            Optional<String> desired = desiredJobName(checkpoint, checkpointId);
            if (desired.isPresent() && !desired.get().equals(jobName)) {
                status.setPhase(DynamoCheckpointPhase.Pending);
                status.setJobName(null);
                status.setCreatedAt(null);
                status.setMessage(null);
            }
        }
        if (neverReconciled) {
            return new Transition(status, List.of(), Decision.waitForEvent());
        }
        return new Continue(status);
    }

    /**
     * The checkpoint that owns {@code checkpointId} when it is not {@code checkpoint}: the oldest live checkpoint of
     * the namespace claiming the ID (creation time, then name). Oldest-wins keeps the verdict stable: the first
     * checkpoint never fails because a later one copied its identity, and two claimants never fail each other.
     * A claim is the ID label; checkpoints without the label (written by older operators) claim the ID they resolve
     * to; automatic checkpoints claim only by label.
     */
    public static Optional<DynamoCheckpoint> primaryOwner(DynamoCheckpoint checkpoint, String checkpointId,
                                                         List<DynamoCheckpoint> namespaceCheckpoints) {
        String namespace = checkpoint.getMetadata().getNamespace();
        List<DynamoCheckpoint> claimants = new ArrayList<>();
        for (DynamoCheckpoint other : namespaceCheckpoints) {
            if (isSameObject(other, checkpoint) || !Objects.equals(namespace, other.getMetadata().getNamespace())
                    || other.getMetadata().getDeletionTimestamp() != null) {
                continue;
            }
            if (claims(other, checkpointId)) {
                claimants.add(other);
            }
        }
        if (claimants.isEmpty()) {
            return Optional.empty();
        }
        claimants.add(checkpoint);
        DynamoCheckpoint oldest = claimants.stream().min(Comparator
                .comparing((DynamoCheckpoint c) -> c.getMetadata().getCreationTimestamp(),
                        Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(c -> c.getMetadata().getName())).orElseThrow();
        return isSameObject(oldest, checkpoint) ? Optional.empty() : Optional.of(oldest);
    }

    // ---- Pending (§5.3) -----------------------------------------------------------------------------------------

    /**
     * Pending: check the gates and the GMS template, clear away the PodSnapshot of an earlier capture, then adopt the
     * Job a previous attempt created (ours: the controller reference carries this checkpoint's UID) or ask for the
     * desired one to be created.
     *
     * @param existingJob        the Job that has the desired name, if one exists
     * @param ownedPodSnapshots  PodSnapshots this checkpoint owns ({@link DynamoCheckpointPodSnapshots#owned})
     */
    public static DynamoCheckpointStep onPending(DynamoCheckpoint checkpoint, String checkpointId,
                                                 Optional<Job> existingJob, List<PodSnapshot> ownedPodSnapshots,
                                                 OperatorConfig config, Instant now) {
        return onPending(checkpoint, checkpointId, existingJob, ownedPodSnapshots, config, CheckpointDra.NONE, now);
    }

    /** As above, with the DRA objects the pod template refers to (they decide multi-GPU launch-job wrapping). */
    public static DynamoCheckpointStep onPending(DynamoCheckpoint checkpoint, String checkpointId,
                                                 Optional<Job> existingJob, List<PodSnapshot> ownedPodSnapshots,
                                                 OperatorConfig config, CheckpointDra dra, Instant now) {
        if (!config.checkpointEnabled()) {
            return disabled(checkpoint);
        }
        if (gmsEnabled(checkpoint) && !config.gmsSnapshotEnabled()) {
            return failPending(checkpoint, Reason.GMSSnapshotDisabled, DynamoCheckpointStatuses.MESSAGE_GMS_DISABLED_PREFIX
                    + ": spec.gpuMemoryService.enabled is true but this operator does not capture GPU memory service"
                    + " pods; enable GMS snapshots in the operator (DYN_OPERATOR_ALLOW_GMS_SNAPSHOT=1) or disable"
                    + " spec.gpuMemoryService", now);
        }
        List<String> problems = GmsTemplateValidator.problems(checkpoint);
        if (!problems.isEmpty()) {
            return failPending(checkpoint, Reason.GMSPodTemplateNotPrepared, "GPU memory service is enabled but the"
                    + " pod template is not prepared for it: " + String.join("; ", problems), now);
        }
        if (!ownedPodSnapshots.isEmpty()) {
            // A PodSnapshot is only ever created in Creating, for that Job's pod; one that exists while Pending is
            // left from the capture before an artifact-version bump. It is pinned to the old pod and may be Ready:
            // kept, it would make the new capture Ready without capturing anything. Its name is needed again.
            return ownedPodSnapshots.stream()
                    .filter(ps -> ps.getMetadata().getDeletionTimestamp() == null)
                    .findFirst()
                    .<DynamoCheckpointStep>map(DynamoCheckpointStep.DeletePodSnapshot::new)
                    .orElseGet(() -> new Transition(DynamoCheckpointStatuses.copyOf(checkpoint), List.of(),
                            Decision.waitForEvent()));
        }
        String jobName;
        try {
            jobName = jobName(checkpoint, checkpointId);
        } catch (IllegalArgumentException e) {
            return failPending(checkpoint, Reason.JobBuildFailed, "checkpoint job cannot be named: " + e.getMessage(), now);
        }
        if (existingJob.isPresent()) {
            Job existing = existingJob.get();
            if (DynamoCheckpointOwnership.isControlledBy(existing, checkpoint)) {
                // A previous attempt created it and stopped before recording it. Its spec is immutable: adopt as is.
                return new Transition(DynamoCheckpointStatuses.creating(checkpoint, jobName, now), List.of(),
                        Decision.waitForEvent());
            }
            return failPending(checkpoint, Reason.JobNameConflict, "checkpoint job " + jobName + " already exists and is"
                    + " not controlled by checkpoint " + DynamoCheckpointPodSnapshots.describe(checkpoint) + " (it has "
                    + DynamoCheckpointOwnership.describeController(existing) + "); delete that Job, or change the"
                    + " checkpoint's artifact version", now);
        }
        Job desired;
        try {
            desired = CheckpointJobFactory.desiredJob(checkpoint, checkpointId, config, dra.templates(), dra.claims());
        } catch (IllegalArgumentException e) {
            return failPending(checkpoint, Reason.JobBuildFailed, "checkpoint job cannot be built: " + e.getMessage(), now);
        }
        return new CreateJob(DynamoCheckpointJobs.withController(desired, checkpoint));
    }

    /**
     * The Job was created: Creating, condition JobCreated=True. No event: the Job's own creation shows in `kubectl
     * describe` of the Job, and the condition carries it on the checkpoint.
     */
    public static Transition jobCreated(DynamoCheckpoint checkpoint, String jobName, Instant now) {
        return transition(checkpoint, DynamoCheckpointStatuses.creating(checkpoint, jobName, now), List.of(),
                Decision.waitForEvent());
    }

    /** The API server refused the Job for good. */
    public static Transition jobCreateRejected(DynamoCheckpoint checkpoint, String apiMessage, Instant now) {
        return failPending(checkpoint, Reason.JobCreateFailed, "checkpoint job could not be created: " + apiMessage, now);
    }

    // ---- Creating (§5.4) ----------------------------------------------------------------------------------------

    /**
     * Creating: create the PodSnapshot once the Job's pod exists, then wait until the PodSnapshot is Ready and the
     * Job Complete. A failed Job always wins, even over a Ready PodSnapshot: a GMS saver or helper container that
     * failed after the dump means the artifact may be partial.
     *
     * @param job                 the Job named in status.jobName, absent when it does not exist
     * @param ownedPodSnapshots   PodSnapshots labelled with this checkpoint and controlled by it
     *                            ({@link DynamoCheckpointPodSnapshots#owned})
     * @param jobPods             pods labelled with the Job's name (the handler keeps those the Job controls)
     */
    public static DynamoCheckpointStep onCreating(DynamoCheckpoint checkpoint, String checkpointId, Optional<Job> job,
                                                  List<PodSnapshot> ownedPodSnapshots, List<Pod> jobPods,
                                                  OperatorConfig config, Instant now) {
        DynamoCheckpointStatus current = DynamoCheckpointStatuses.copyOf(checkpoint);
        if (current.getJobName() == null || current.getJobName().isBlank()) {
            current.setPhase(DynamoCheckpointPhase.Pending);
            current.setMessage(DynamoCheckpointStatuses.MESSAGE_JOB_MISSING);
            return new Transition(current, List.of(), Decision.waitForEvent());
        }
        if (ownedPodSnapshots.size() > 1) {
            String message = "multiple PodSnapshots owned by checkpoint " + DynamoCheckpointPodSnapshots.describe(checkpoint)
                    + ": " + ownedPodSnapshots.stream().map(ps -> ps.getMetadata().getName())
                            .collect(Collectors.joining(", "))
                    + "; delete all but " + Names.podSnapshotFor(checkpoint);
            return new Retry(List.of(warning(Reason.PodSnapshotLookupAmbiguous, message)), message);
        }
        Optional<PodSnapshot> podSnapshot = ownedPodSnapshots.stream().findFirst();

        if (job.isEmpty()) {
            if (podSnapshot.isPresent()) {
                return observe(checkpoint, checkpointId, podSnapshot.get(), null, now);
            }
            // Failed, not Pending: a new Job would run a new pod, and a deleted Job is usually a deliberate cancel.
            return transition(checkpoint, DynamoCheckpointStatuses.jobDeleted(checkpoint, now),
                    List.of(failedEvent(Reason.JobDeleted, DynamoCheckpointStatuses.MESSAGE_JOB_DELETED)),
                    Decision.terminal(Reason.JobDeleted, DynamoCheckpointStatuses.MESSAGE_JOB_DELETED));
        }
        if (podSnapshot.isPresent()) {
            return observe(checkpoint, checkpointId, podSnapshot.get(), job.get(), now);
        }

        // No PodSnapshot yet.
        if (DynamoCheckpointJobs.isFailed(job.get())) {
            return failCreating(checkpoint, Reason.JobFailed, DynamoCheckpointJobs.failedMessage(job.get()), null,
                    List.of(), now);
        }
        if (!config.checkpointEnabled()) {
            return disabled(checkpoint);
        }
        Optional<Pod> sourcePod = DynamoCheckpointJobs.sourcePod(job.get(), jobPods);
        if (sourcePod.isEmpty()) {
            // The pod-create watch wakes us when the Job controller makes it; no requeue.
            return new Transition(current, List.of(), Decision.waitForEvent());
        }
        PodSnapshot desired;
        try {
            desired = DynamoCheckpointPodSnapshots.desired(checkpoint, checkpointId, sourcePod.get());
        } catch (IllegalArgumentException e) {
            return failCreating(checkpoint, Reason.PodSnapshotBuildFailed, SNAPSHOT_CREATION_FAILED + e.getMessage(),
                    null, List.of(warning(Reason.PodSnapshotBuildFailed, e.getMessage())), now);
        }
        return new EnsurePodSnapshot(desired);
    }

    /** What {@link DynamoCheckpointPodSnapshots#ensure} came back with. */
    public static Transition afterPodSnapshot(DynamoCheckpoint checkpoint, DynamoCheckpointPodSnapshots.Outcome outcome,
                                              Instant now) {
        return switch (outcome) {
            case DynamoCheckpointPodSnapshots.Outcome.Created created -> {
                DynamoCheckpointStatus status = DynamoCheckpointStatuses.copyOf(checkpoint);
                status.setPodSnapshotName(created.podSnapshot().getMetadata().getName());
                yield new Transition(status, List.of(normal(Reason.PodSnapshotCreated, "Created PodSnapshot "
                        + created.podSnapshot().getMetadata().getName() + " for pod "
                        + created.podSnapshot().getSpec().getSource().getPodRef().getName())), Decision.waitForEvent());
            }
            case DynamoCheckpointPodSnapshots.Outcome.Adopted adopted -> {
                DynamoCheckpointStatus status = DynamoCheckpointStatuses.copyOf(checkpoint);
                status.setPodSnapshotName(adopted.podSnapshot().getMetadata().getName());
                yield new Transition(status, List.of(), Decision.waitForEvent());
            }
            case DynamoCheckpointPodSnapshots.Outcome.NameConflict conflict ->
                    failCreating(checkpoint, Reason.PodSnapshotNameConflict, conflict.message(), null, List.of(), now);
            case DynamoCheckpointPodSnapshots.Outcome.Rejected rejected ->
                    failCreating(checkpoint, Reason.PodSnapshotCreateFailed, SNAPSHOT_CREATION_FAILED + rejected.message(),
                            null, List.of(warning(Reason.PodSnapshotCreateFailed, rejected.message())), now);
        };
    }

    /**
     * The PodSnapshot exists: heal status.podSnapshotName, then PodSnapshot failed → Failed; Job failed → Failed
     * (wins over Ready); not Ready → wait; Ready but Job gone → Failed; Ready but Job not Complete → wait;
     * Ready ∧ Complete → Ready.
     */
    private static Transition observe(DynamoCheckpoint checkpoint, String checkpointId, PodSnapshot podSnapshot,
                                      Job job, Instant now) {
        String podSnapshotName = podSnapshot.getMetadata().getName();
        if (DynamoCheckpointPodSnapshots.isFailed(podSnapshot)) {
            return failCreating(checkpoint, Reason.PodSnapshotFailed,
                    DynamoCheckpointPodSnapshots.conditionMessage(podSnapshot, WireNames.CONDITION_FAILED),
                    podSnapshotName, List.of(), now);
        }
        if (job != null && DynamoCheckpointJobs.isFailed(job)) {
            return failCreating(checkpoint, Reason.JobFailed, DynamoCheckpointJobs.failedMessage(job), podSnapshotName,
                    List.of(), now);
        }
        DynamoCheckpointStatus waiting = DynamoCheckpointStatuses.copyOf(checkpoint);
        waiting.setPodSnapshotName(podSnapshotName);
        if (!DynamoCheckpointPodSnapshots.isReady(podSnapshot)) {
            return new Transition(waiting, List.of(), Decision.waitForEvent());
        }
        if (job == null) {
            return failCreating(checkpoint, Reason.JobDeletedBeforeComplete, "PodSnapshot " + podSnapshotName
                    + " is Ready but checkpoint job " + checkpoint.getStatus().getJobName()
                    + " was deleted before it completed; the artifact cannot be trusted, create the checkpoint again",
                    podSnapshotName, List.of(), now);
        }
        if (!DynamoCheckpointJobs.isComplete(job)) {
            // Succeeded pods are not enough: only the Complete condition says no container is still running.
            return new Transition(waiting, List.of(), Decision.waitForEvent());
        }
        DynamoCheckpointStatus ready = DynamoCheckpointStatuses.ready(checkpoint, checkpointId,
                DynamoCheckpointPodSnapshots.conditionMessage(podSnapshot, WireNames.CONDITION_READY), now);
        ready.setPodSnapshotName(podSnapshotName);
        return transition(checkpoint, ready, List.of(normal(Reason.CheckpointReady, "Checkpoint " + checkpointId
                + " is ready (PodSnapshot " + podSnapshotName + ")")), Decision.done());
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    /** The name of the Job this checkpoint's artifact version asks for, empty when the ID or version cannot name one. */
    public static Optional<String> desiredJobName(DynamoCheckpoint checkpoint, String checkpointId) {
        try {
            return Optional.of(jobName(checkpoint, checkpointId));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String jobName(DynamoCheckpoint checkpoint, String checkpointId) {
        Map<String, String> annotations = checkpoint.getMetadata().getAnnotations();
        return Names.checkpointJob(checkpointId,
                annotations == null ? null : annotations.get(WireNames.ANNOTATION_ARTIFACT_VERSION));
    }

    /** Gate off: say so in the status message, warn once (only when the message changes), change nothing else. */
    private static Transition disabled(DynamoCheckpoint checkpoint) {
        DynamoCheckpointStatus status = DynamoCheckpointStatuses.copyOf(checkpoint);
        boolean alreadySaid = DynamoCheckpointStatuses.MESSAGE_DISABLED.equals(status.getMessage());
        status.setMessage(DynamoCheckpointStatuses.MESSAGE_DISABLED);
        return new Transition(status, alreadySaid ? List.of()
                : List.of(warning(Reason.CheckpointDisabled, DynamoCheckpointStatuses.MESSAGE_DISABLED)),
                Decision.waitForEvent());
    }

    private static Transition failPending(DynamoCheckpoint checkpoint, Reason reason, String message, Instant now) {
        return transition(checkpoint, DynamoCheckpointStatuses.failedPending(checkpoint, reason, message, now),
                List.of(failedEvent(reason, message)), Decision.terminal(reason, message));
    }

    private static Transition failCreating(DynamoCheckpoint checkpoint, Reason reason, String message,
                                           String podSnapshotName, List<Event> before, Instant now) {
        DynamoCheckpointStatus status = DynamoCheckpointStatuses.failedCreating(checkpoint, reason, message, now);
        if (podSnapshotName != null) {
            status.setPodSnapshotName(podSnapshotName);
        }
        List<Event> events = new ArrayList<>(before);
        events.add(failedEvent(reason, message));
        return transition(checkpoint, status, events, Decision.terminal(reason, message));
    }

    /** Events only when the status changes: a reconcile that finds the checkpoint already there stays silent. */
    private static Transition transition(DynamoCheckpoint checkpoint, DynamoCheckpointStatus status, List<Event> events,
                                         Decision next) {
        boolean changed = !status.equals(checkpoint.getStatus());
        return new Transition(status, changed ? events : List.of(), next);
    }

    private static Event failedEvent(Reason reason, String message) {
        return warning(Reason.CheckpointFailed, reason.name() + ": " + message);
    }

    private static boolean gmsEnabled(DynamoCheckpoint checkpoint) {
        return checkpoint.getSpec() != null && checkpoint.getSpec().getGpuMemoryService() != null
                && Boolean.TRUE.equals(checkpoint.getSpec().getGpuMemoryService().getEnabled());
    }

    private static boolean claims(DynamoCheckpoint other, String checkpointId) {
        Map<String, String> labels = other.getMetadata().getLabels();
        String label = labels == null ? null : labels.get(WireNames.LABEL_CHECKPOINT_ID);
        if (label != null && !label.isBlank()) {
            return label.equals(checkpointId);
        }
        if (CheckpointIds.isAutomatic(other)) {
            return false;
        }
        try {
            return checkpointId.equals(CheckpointIds.resolve(other));
        } catch (InvalidCheckpointException e) {
            return false;
        }
    }

    private static boolean isSameObject(DynamoCheckpoint a, DynamoCheckpoint b) {
        String uidA = a.getMetadata().getUid();
        String uidB = b.getMetadata().getUid();
        if (uidA != null && uidB != null) {
            return uidA.equals(uidB);
        }
        return Objects.equals(a.getMetadata().getNamespace(), b.getMetadata().getNamespace())
                && Objects.equals(a.getMetadata().getName(), b.getMetadata().getName());
    }
}
