package io.podsnap.protocol.restore;

import static io.podsnap.protocol.WireNames.DEFAULT_ARTIFACT_VERSION;
import static io.podsnap.protocol.WireNames.SECCOMP_PROFILE_BLOCK_IOURING;

import io.podsnap.protocol.checkpoint.TargetContainers;
import io.podsnap.protocol.storage.Storage;
import java.util.List;

/**
 * What to restore into a pod and how to shape it.
 *
 * @param checkpointId       the checkpoint (artifact) ID
 * @param artifactVersion    artifact version; blank means {@value io.podsnap.protocol.WireNames#DEFAULT_ARTIFACT_VERSION}
 * @param targets            containers to restore into, one or more, each must exist in the pod
 * @param storage            the checkpoint storage, or null when unknown (then no PVC volume is added)
 * @param seccompProfile     Localhost seccomp profile; empty leaves the pod's own setting unchanged
 * @param placeholderCommand what each target runs until the agent restores the process into it; it must stay inert
 */
public record RestorePodOptions(
        String checkpointId,
        String artifactVersion,
        List<String> targets,
        Storage storage,
        String seccompProfile,
        List<String> placeholderCommand) {

    /** Dynamo's placeholder: sleeps until CRIU places the restored process tree beside it. */
    public static final List<String> DEFAULT_PLACEHOLDER_COMMAND = List.of("sleep", "infinity");

    public RestorePodOptions {
        if (checkpointId == null || checkpointId.isBlank()) {
            throw new IllegalArgumentException("checkpoint ID must not be empty");
        }
        artifactVersion = artifactVersion == null || artifactVersion.isBlank() ? DEFAULT_ARTIFACT_VERSION : artifactVersion;
        targets = TargetContainers.parse(TargetContainers.format(targets));
        seccompProfile = seccompProfile == null ? "" : seccompProfile.trim();
        if (placeholderCommand == null || placeholderCommand.isEmpty()) {
            throw new IllegalArgumentException("placeholder command must not be empty");
        }
        placeholderCommand = List.copyOf(placeholderCommand);
    }

    /** Block-io_uring seccomp and the {@code sleep infinity} placeholder. */
    public static RestorePodOptions of(String checkpointId, String artifactVersion, List<String> targets, Storage storage) {
        return new RestorePodOptions(checkpointId, artifactVersion, targets, storage, SECCOMP_PROFILE_BLOCK_IOURING,
                DEFAULT_PLACEHOLDER_COMMAND);
    }

    public RestorePodOptions withSeccompProfile(String profile) {
        return new RestorePodOptions(checkpointId, artifactVersion, targets, storage, profile, placeholderCommand);
    }

    public RestorePodOptions withPlaceholderCommand(List<String> command) {
        return new RestorePodOptions(checkpointId, artifactVersion, targets, storage, seccompProfile, command);
    }
}
