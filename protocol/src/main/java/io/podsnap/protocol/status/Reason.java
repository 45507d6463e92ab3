package io.podsnap.protocol.status;

/**
 * Every condition reason and event reason podsnap writes. Reason strings are a public alerting contract: the
 * constant's name is the wire string (so Java and wire spelling cannot drift), and {@code docs/reasons.md}
 * mirrors this list — a test fails when the two differ. Never rename a constant; add new ones.
 */
public enum Reason {
    // ---- PodSnapshotContent (written by the node agent) ----
    Captured(Kind.SUCCESS, On.CONTENT, "The agent dumped the container and published a verified artifact."),
    SourcePodNotFound(Kind.FAILURE, On.CONTENT_AND_PODSNAPSHOT, "The source pod named by spec.source.podRef does not exist."),
    StalePodReference(Kind.FAILURE, On.CONTENT_AND_PODSNAPSHOT, "The source pod exists but its UID differs from the pinned podRef.uid (it was recreated)."),
    SourcePodGone(Kind.FAILURE, On.CONTENT, "The source pod is being deleted or has finished (Succeeded/Failed) before capture."),
    MissingCheckpointID(Kind.FAILURE, On.CONTENT, "The source pod has no nvidia.com/snapshot-checkpoint-id label."),
    InvalidCheckpointID(Kind.FAILURE, On.CONTENT, "The checkpoint ID label is not a DNS-1123 label / clean path element."),
    CheckpointContainerFailed(Kind.FAILURE, On.CONTENT, "A container of the source pod exited non-zero before capture; running siblings were killed."),
    InvalidTargetContainer(Kind.FAILURE, On.CONTENT, "spec.source.podRef.containers does not name exactly one existing container."),
    ContainerNotResolved(Kind.FAILURE, On.CONTENT, "The target container's ID or host PID could not be resolved through the container runtime."),
    InvalidDestination(Kind.FAILURE, On.CONTENT, "The artifact location could not be computed (bad base path, ID or version)."),
    ContainerChanged(Kind.FAILURE, On.CONTENT, "The target container restarted or its PID changed while the capture was being prepared."),
    CheckpointFailed(Kind.FAILURE, On.CONTENT_AND_EVENT, "The dump itself failed (CRIU, GPU checkpoint, rootfs diff or publish; see the message and dump.log); also the event when a DynamoCheckpoint fails."),
    LeaseCancelled(Kind.FAILURE, On.CONTENT, "The agent lost the checkpoint lease during the dump; the result was discarded."),

    // ---- PodSnapshot (written by the operator) ----
    Pending(Kind.PROGRESS, On.PODSNAPSHOT, "Bound, waiting for the node agent to capture the checkpoint."),
    ContentConflict(Kind.FAILURE, On.PODSNAPSHOT, "The PodSnapshotContent named in the binding points back at a different PodSnapshot."),

    // ---- DynamoCheckpoint (written by the operator) ----
    JobCreated(Kind.PROGRESS, On.CHECKPOINT, "The checkpoint Job was created (condition JobCreated=True)."),
    PodSnapshotAndJobReady(Kind.SUCCESS, On.CHECKPOINT, "The bound PodSnapshot is Ready and the checkpoint Job completed (condition JobCompleted=True)."),
    DuplicateCheckpointID(Kind.FAILURE, On.CHECKPOINT, "Another DynamoCheckpoint in the namespace already owns this checkpoint ID."),
    GMSSnapshotDisabled(Kind.FAILURE, On.CHECKPOINT, "spec.gpuMemoryService is enabled but GMS snapshots are disabled in the operator."),
    GMSPodTemplateNotPrepared(Kind.FAILURE, On.CHECKPOINT, "GPU memory service is enabled but the pod template lacks the required GMS wiring."),
    JobFailed(Kind.FAILURE, On.CHECKPOINT, "The checkpoint Job failed (a failed Job wins even after the PodSnapshot is Ready)."),
    JobDeleted(Kind.FAILURE, On.CHECKPOINT, "The checkpoint Job was deleted before a PodSnapshot existed."),
    JobDeletedBeforeComplete(Kind.FAILURE, On.CHECKPOINT, "The PodSnapshot is Ready but the checkpoint Job was deleted before it completed."),
    PodSnapshotFailed(Kind.FAILURE, On.CHECKPOINT, "The owned PodSnapshot failed; the message is the PodSnapshot's Failed message."),
    PodSnapshotNameConflict(Kind.FAILURE, On.CHECKPOINT, "A PodSnapshot with the checkpoint's name exists and is controlled by something else."),
    PodSnapshotCreateFailed(Kind.FAILURE, On.CHECKPOINT_AND_EVENT, "The API server rejected the PodSnapshot (invalid, forbidden)."),
    PodSnapshotBuildFailed(Kind.FAILURE, On.CHECKPOINT_AND_EVENT, "The PodSnapshot could not be built (e.g. empty target container name)."),
    JobBuildFailed(Kind.FAILURE, On.CHECKPOINT, "The checkpoint Job could not be built from spec.job (missing target container, unknown DRA claim, bad name)."),
    JobCreateFailed(Kind.FAILURE, On.CHECKPOINT, "The API server rejected the checkpoint Job (invalid, forbidden)."),
    JobNameConflict(Kind.FAILURE, On.CHECKPOINT, "A Job with the checkpoint Job's name exists and is controlled by something else."),

    // ---- events ----
    CheckpointDisabled(Kind.EVENT, On.EVENT, "Checkpointing is disabled in the operator configuration; nothing is created."),
    CheckpointIDUnresolved(Kind.EVENT, On.EVENT, "The DynamoCheckpoint has no checkpoint ID: no spec.identity and no nvidia.com/snapshot-checkpoint-id label; status.message says what to set."),
    PodSnapshotCreated(Kind.EVENT, On.EVENT, "The operator created the checkpoint's PodSnapshot."),
    PodSnapshotLookupAmbiguous(Kind.EVENT, On.EVENT, "More than one PodSnapshot is controlled by the checkpoint; retrying."),
    CheckpointReady(Kind.EVENT, On.EVENT, "The checkpoint became Ready."),
    SnapshotContentCreateFailed(Kind.EVENT, On.EVENT, "Creating the PodSnapshotContent work order failed; retrying."),
    RestoreRequested(Kind.EVENT, On.EVENT, "The agent started restoring a container of this pod."),
    RestoreSucceeded(Kind.EVENT, On.EVENT, "The agent restored the container and wrote restore-complete."),
    RestoreFailed(Kind.FAILURE, On.RESTORE_POD_AND_EVENT, "The restore failed; the placeholder was killed so Kubernetes restarts or fails it."),
    RestoreWorkerFailed(Kind.EVENT, On.EVENT, "The agent's restore worker returned an error outside the restore itself."),
    IncompatibleRestoreTarget(Kind.FAILURE, On.RESTORE_POD_AND_EVENT, "The restore target does not match the artifact (image, format version or pod shape).");

    /** What a reason says about the object. */
    public enum Kind {
        /** Terminal: the object is Failed and will not be retried. */
        FAILURE,
        /** A successful terminal state. */
        SUCCESS,
        /** An intermediate, non-failure condition reason. */
        PROGRESS,
        /** Used only as a Kubernetes event reason. */
        EVENT
    }

    /** Where the reason appears, as docs/reasons.md names it. */
    public enum On {
        CONTENT("PodSnapshotContent"),
        PODSNAPSHOT("PodSnapshot"),
        CONTENT_AND_PODSNAPSHOT("PodSnapshotContent, PodSnapshot"),
        CONTENT_AND_EVENT("PodSnapshotContent, event"),
        CHECKPOINT("DynamoCheckpoint"),
        CHECKPOINT_AND_EVENT("DynamoCheckpoint, event"),
        RESTORE_POD_AND_EVENT("restore pod, event"),
        EVENT("event");

        private final String label;

        On(String label) { this.label = label; }

        public String label() { return label; }
    }

    private final Kind kind;
    private final On on;
    private final String meaning;

    Reason(Kind kind, On on, String meaning) {
        this.kind = kind;
        this.on = on;
        this.meaning = meaning;
    }

    public Kind kind() { return kind; }

    public On on() { return on; }

    /** One line a user can act on; mirrored in docs/reasons.md. */
    public String meaning() { return meaning; }

    /** This reason's row in the table of docs/reasons.md. */
    public String docRow() {
        return "| `" + name() + "` | " + kind + " | " + on.label() + " | " + meaning + " |";
    }
}
