package io.podsnap.operator.checkpoint;

import io.podsnap.api.v1alpha1.DynamoCheckpoint;
import io.podsnap.api.v1alpha1.DynamoCheckpointPhase;
import io.podsnap.api.v1alpha1.DynamoCheckpointStatus;
import io.podsnap.protocol.status.Conditions;
import io.podsnap.protocol.status.Reason;
import java.time.Instant;
import java.util.ArrayList;

/**
 * DynamoCheckpoint status values, built without touching the stored object: every builder starts from a copy, so a
 * handler can compare "before" and "after" and the reconciler writes only when they differ.
 *
 * <p>The condition types are the deprecated pair Dynamo still writes; older readers key off them.
 */
public final class DynamoCheckpointStatuses {
    private DynamoCheckpointStatuses() {}

    /** Condition type: the checkpoint Job exists (True) or could not be created / was deleted (False). */
    public static final String CONDITION_JOB_CREATED = "JobCreated";
    /** Condition type: the capture finished (True, reason PodSnapshotAndJobReady) or failed (False). */
    public static final String CONDITION_JOB_COMPLETED = "JobCompleted";

    public static final String MESSAGE_DISABLED = "checkpoint functionality is disabled in the operator configuration";
    public static final String MESSAGE_JOB_MISSING = "checkpoint job is missing from status";
    public static final String MESSAGE_JOB_DELETED = "checkpoint job was deleted";
    public static final String MESSAGE_GMS_DISABLED_PREFIX = "GMS + Snapshot is temporarily disabled";

    /** A deep enough copy: the condition list is new, its entries are replaced (never edited) by {@link Conditions}. */
    public static DynamoCheckpointStatus copy(DynamoCheckpointStatus status) {
        DynamoCheckpointStatus copy = new DynamoCheckpointStatus();
        if (status == null) {
            return copy;
        }
        copy.setPhase(status.getPhase());
        copy.setCheckpointID(status.getCheckpointID());
        copy.setIdentityHash(status.getIdentityHash());
        copy.setJobName(status.getJobName());
        copy.setPodSnapshotName(status.getPodSnapshotName());
        copy.setCreatedAt(status.getCreatedAt());
        copy.setMessage(status.getMessage());
        copy.setConditions(status.getConditions() == null ? new ArrayList<>() : new ArrayList<>(status.getConditions()));
        copy.setLocation(status.getLocation());
        copy.setStorageType(status.getStorageType());
        return copy;
    }

    /** A copy of the checkpoint's status (an empty one if it has none). */
    public static DynamoCheckpointStatus copyOf(DynamoCheckpoint checkpoint) {
        return copy(checkpoint.getStatus());
    }

    /** Pending → Creating: the Job exists. */
    public static DynamoCheckpointStatus creating(DynamoCheckpoint checkpoint, String jobName, Instant now) {
        DynamoCheckpointStatus status = copyOf(checkpoint);
        status.setPhase(DynamoCheckpointPhase.Creating);
        status.setJobName(jobName);
        status.setCreatedAt(null);
        status.setMessage(null);
        Conditions.set(status.getConditions(), CONDITION_JOB_CREATED, true, Reason.JobCreated,
                jobCreatedMessage(jobName), generation(checkpoint), now);
        return status;
    }

    /** Failure before the Job exists: no Job to keep, JobCreated=False with the reason. */
    public static DynamoCheckpointStatus failedPending(DynamoCheckpoint checkpoint, Reason reason, String message,
                                                       Instant now) {
        DynamoCheckpointStatus status = failed(checkpoint, CONDITION_JOB_CREATED, reason, message, now);
        status.setJobName(null);
        return status;
    }

    /**
     * Failure while capturing: jobName is kept (terminal Job cleanup needs it), JobCompleted=False with the reason.
     */
    public static DynamoCheckpointStatus failedCreating(DynamoCheckpoint checkpoint, Reason reason, String message,
                                                        Instant now) {
        return failed(checkpoint, CONDITION_JOB_COMPLETED, reason, message, now);
    }

    /** The Job vanished before any PodSnapshot existed: JobCreated=False reason JobDeleted, jobName kept. */
    public static DynamoCheckpointStatus jobDeleted(DynamoCheckpoint checkpoint, Instant now) {
        return failed(checkpoint, CONDITION_JOB_CREATED, Reason.JobDeleted, MESSAGE_JOB_DELETED, now);
    }

    /** Failed with {@code message}, createdAt cleared, and {@code conditionType}=False carrying the reason. */
    private static DynamoCheckpointStatus failed(DynamoCheckpoint checkpoint, String conditionType, Reason reason,
                                                 String message, Instant now) {
        DynamoCheckpointStatus status = copyOf(checkpoint);
        status.setPhase(DynamoCheckpointPhase.Failed);
        status.setCreatedAt(null);
        status.setMessage(message);
        Conditions.set(status.getConditions(), conditionType, false, reason, message, generation(checkpoint), now);
        return status;
    }

    /** The bound PodSnapshot is Ready and the Job completed. */
    public static DynamoCheckpointStatus ready(DynamoCheckpoint checkpoint, String checkpointId, String readyMessage,
                                               Instant now) {
        DynamoCheckpointStatus status = copyOf(checkpoint);
        status.setPhase(DynamoCheckpointPhase.Ready);
        status.setCheckpointID(checkpointId);
        status.setCreatedAt(Conditions.formatTime(now));
        status.setMessage(null);
        Conditions.set(status.getConditions(), CONDITION_JOB_COMPLETED, true, Reason.PodSnapshotAndJobReady,
                readyMessage, generation(checkpoint), now);
        return status;
    }

    /** Whether the phase is terminal: Ready or Failed. */
    public static boolean isTerminal(DynamoCheckpointStatus status) {
        return status != null
                && (status.getPhase() == DynamoCheckpointPhase.Ready || status.getPhase() == DynamoCheckpointPhase.Failed);
    }

    /**
     * Whether the checkpoint Job may be deleted (§5.5): always once Failed; once Ready only with the durable success
     * proof, condition JobCompleted=True reason PodSnapshotAndJobReady. A Ready written by an older operator without
     * that proof keeps its Job, whose outcome might still be needed to explain the artifact.
     */
    public static boolean terminalJobCleanupDue(DynamoCheckpointStatus status) {
        if (status == null || status.getJobName() == null || status.getJobName().isBlank()) {
            return false;
        }
        if (status.getPhase() == DynamoCheckpointPhase.Failed) {
            return true;
        }
        return status.getPhase() == DynamoCheckpointPhase.Ready
                && Conditions.get(status.getConditions(), CONDITION_JOB_COMPLETED)
                        .filter(c -> Conditions.TRUE.equals(c.getStatus()))
                        .filter(c -> Reason.PodSnapshotAndJobReady.name().equals(c.getReason()))
                        .isPresent();
    }

    public static String jobCreatedMessage(String jobName) {
        return "Checkpoint job " + jobName + " created";
    }

    static long generation(DynamoCheckpoint checkpoint) {
        Long generation = checkpoint.getMetadata() == null ? null : checkpoint.getMetadata().getGeneration();
        return generation == null ? 0 : generation;
    }
}
