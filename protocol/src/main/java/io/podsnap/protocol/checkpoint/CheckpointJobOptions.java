package io.podsnap.protocol.checkpoint;

import static io.podsnap.protocol.WireNames.SECCOMP_PROFILE_BLOCK_IOURING;

import java.util.Objects;

/**
 * How to build a checkpoint Job, apart from what is being checkpointed.
 *
 * @param jobName               the Job's name
 * @param namespace             the Job's namespace
 * @param seccompProfile        Localhost seccomp profile for the pod; empty leaves the pod's own setting unchanged
 * @param activeDeadlineSeconds hard limit on the whole Job (the pod has to load, quiesce and be dumped in this time)
 * @param ownerLabel            value of {@code nvidia.com/snapshot-owner} on the pod template, or null for none
 * @param sharedMemory          the {@code /dev/shm} volume of the target container
 * @param launchJobWrap         wrap the target's entrypoint in {@code cuda-checkpoint --launch-job} (multi-GPU)
 */
public record CheckpointJobOptions(
        String jobName,
        String namespace,
        String seccompProfile,
        long activeDeadlineSeconds,
        String ownerLabel,
        SharedMemory sharedMemory,
        boolean launchJobWrap) {

    public static final long DEFAULT_ACTIVE_DEADLINE_SECONDS = 3600;

    public CheckpointJobOptions {
        requireNonBlank(jobName, "jobName");
        requireNonBlank(namespace, "namespace");
        seccompProfile = seccompProfile == null ? "" : seccompProfile.trim();
        if (activeDeadlineSeconds <= 0) {
            throw new IllegalArgumentException("activeDeadlineSeconds must be > 0, got " + activeDeadlineSeconds);
        }
        ownerLabel = ownerLabel == null || ownerLabel.isBlank() ? null : ownerLabel;
        Objects.requireNonNull(sharedMemory, "sharedMemory");
    }

    /** Block-io_uring seccomp, 3600 s deadline, no owner label, 8Gi shared memory, no launch-job wrapping. */
    public static CheckpointJobOptions defaults(String jobName, String namespace) {
        return new CheckpointJobOptions(jobName, namespace, SECCOMP_PROFILE_BLOCK_IOURING,
                DEFAULT_ACTIVE_DEADLINE_SECONDS, null, SharedMemory.DEFAULT, false);
    }

    public CheckpointJobOptions withSeccompProfile(String profile) {
        return new CheckpointJobOptions(jobName, namespace, profile, activeDeadlineSeconds, ownerLabel, sharedMemory,
                launchJobWrap);
    }

    public CheckpointJobOptions withActiveDeadlineSeconds(long seconds) {
        return new CheckpointJobOptions(jobName, namespace, seccompProfile, seconds, ownerLabel, sharedMemory,
                launchJobWrap);
    }

    public CheckpointJobOptions withOwnerLabel(String owner) {
        return new CheckpointJobOptions(jobName, namespace, seccompProfile, activeDeadlineSeconds, owner, sharedMemory,
                launchJobWrap);
    }

    public CheckpointJobOptions withSharedMemory(SharedMemory shm) {
        return new CheckpointJobOptions(jobName, namespace, seccompProfile, activeDeadlineSeconds, ownerLabel, shm,
                launchJobWrap);
    }

    public CheckpointJobOptions withLaunchJobWrap(boolean wrap) {
        return new CheckpointJobOptions(jobName, namespace, seccompProfile, activeDeadlineSeconds, ownerLabel,
                sharedMemory, wrap);
    }

    private static void requireNonBlank(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
    }
}
