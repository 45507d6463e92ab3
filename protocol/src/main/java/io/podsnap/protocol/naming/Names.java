package io.podsnap.protocol.naming;

import static io.podsnap.protocol.WireNames.AUTOMATIC_CHECKPOINT_PREFIX;
import static io.podsnap.protocol.WireNames.CHECKPOINT_JOB_PREFIX;
import static io.podsnap.protocol.WireNames.CHECKPOINT_LEASE_PREFIX;
import static io.podsnap.protocol.WireNames.CLEANUP_JOB_PREFIX;
import static io.podsnap.protocol.WireNames.POD_SNAPSHOT_CONTENT_PREFIX;
import static io.podsnap.protocol.WireNames.SNAPSHOTCTL_JOB_SUFFIX;

import io.podsnap.api.v1alpha1.DynamoCheckpoint;
import io.podsnap.protocol.Messages;
import io.podsnap.protocol.WireNames;
import java.util.ArrayList;
import java.util.List;

/**
 * The names of the objects the snapshot protocol creates. Each is a pure function of its inputs (the operator, the
 * agent and snapshotctl must all arrive at the same name), and each builder validates what it returns: when it
 * cannot produce a valid name it throws {@link InvalidNameException} naming the input to change.
 *
 * <p>Job names are held to 63 characters although the API accepts 253 for a Job: the Job controller copies the
 * name into the {@code batch.kubernetes.io/job-name} label of its pods, and a label value longer than 63 makes
 * the Job fail to create its pods.
 */
public final class Names {
    private Names() {}

    static final String CHECKPOINT_ID = "checkpoint ID";
    static final String ARTIFACT_VERSION = "artifact version";

    /** The artifact version to use: blank or missing means {@value WireNames#DEFAULT_ARTIFACT_VERSION}. */
    public static String artifactVersion(String annotationValue) {
        return annotationValue == null || annotationValue.isBlank()
                ? WireNames.DEFAULT_ARTIFACT_VERSION
                : annotationValue.strip();
    }

    /**
     * Returns {@code checkpointId} if it can name objects and directories: a DNS-1123 label, and never a path
     * trick ({@code /}, {@code \}, {@code ..}, {@code .}) — the ID becomes a directory on shared storage, so a
     * bad one must fail here with its own message, not as a regex mismatch further on.
     */
    public static String requireCheckpointId(String checkpointId) {
        if (checkpointId == null || checkpointId.isEmpty()) {
            throw new InvalidNameException(CHECKPOINT_ID, checkpointId, List.of(), null);
        }
        List<String> errors = new ArrayList<>();
        if (checkpointId.equals(".")) {
            errors.add("must not be '.'");
        }
        for (String forbidden : List.of("/", "\\", "..")) {
            if (checkpointId.contains(forbidden)) {
                errors.add("must not contain '" + forbidden + "'");
            }
        }
        errors.addAll(Dns1123.labelErrors(checkpointId));
        if (!errors.isEmpty()) {
            throw new InvalidNameException(CHECKPOINT_ID, checkpointId, errors, null);
        }
        return checkpointId;
    }

    /** {@code checkpoint-job-<checkpointID>-<artifactVersion>} (≤63); a blank version means "1". */
    public static String checkpointJob(String checkpointId, String artifactVersion) {
        requireCheckpointId(checkpointId);
        String version = artifactVersion(artifactVersion);
        List<String> versionErrors = Dns1123.labelErrors(version);
        if (!versionErrors.isEmpty()) {
            throw new InvalidNameException(ARTIFACT_VERSION, version, versionErrors,
                    "the version is part of the checkpoint Job name");
        }
        String name = CHECKPOINT_JOB_PREFIX + checkpointId + "-" + version;
        int room = Dns1123.LABEL_MAX_LENGTH - CHECKPOINT_JOB_PREFIX.length() - 1;
        return requireJobName("checkpoint Job name", name, "the checkpoint ID (" + checkpointId.length()
                + " characters) and the artifact version (" + version.length() + " characters) together may have at most "
                + room + " characters");
    }

    /** {@code checkpoint-cleanup-<checkpointID>} (≤63, so the ID may have at most 44 characters). */
    public static String cleanupJob(String checkpointId) {
        requireCheckpointId(checkpointId);
        String name = CLEANUP_JOB_PREFIX + checkpointId;
        if (name.length() > Dns1123.LABEL_MAX_LENGTH) {
            throw new InvalidNameException(CHECKPOINT_ID, checkpointId,
                    List.of(Dns1123.maxLengthError(Dns1123.LABEL_MAX_LENGTH - CLEANUP_JOB_PREFIX.length())),
                    "its cleanup Job would be named " + Messages.quote(name)
                            + ", and a Job name may have at most " + Dns1123.LABEL_MAX_LENGTH + " characters");
        }
        return requireJobName("cleanup Job name", name, null);
    }

    /** {@code checkpoint-lease-<checkpointID>}. */
    public static String checkpointLease(String checkpointId) {
        requireCheckpointId(checkpointId);
        return Dns1123.requireSubdomain("checkpoint lease name", CHECKPOINT_LEASE_PREFIX + checkpointId);
    }

    /**
     * {@code checkpoint-<checkpointID>}: the name of a DGD-managed DynamoCheckpoint and the
     * {@code nvidia.com/restore-from} value of its restore targets. Held to 63 characters because the name is also
     * the value of the {@code nvidia.com/snapshot-owner} label on the PodSnapshot and the checkpoint pod.
     */
    public static String automaticCheckpoint(String checkpointId) {
        requireCheckpointId(checkpointId);
        String name = AUTOMATIC_CHECKPOINT_PREFIX + checkpointId;
        if (name.length() > Dns1123.LABEL_MAX_LENGTH) {
            throw new InvalidNameException(CHECKPOINT_ID, checkpointId, List.of(Dns1123.maxLengthError(
                    Dns1123.LABEL_MAX_LENGTH - AUTOMATIC_CHECKPOINT_PREFIX.length())),
                    "the automatic checkpoint name " + name + " is used as a label value");
        }
        return Dns1123.requireLabel("automatic checkpoint name", name);
    }

    /**
     * The PodSnapshot owned by a DynamoCheckpoint has the checkpoint's own name. Lookups go through the owner
     * label, never through this name, so a PodSnapshot of that name owned by something else is a conflict, not a
     * match.
     */
    public static String podSnapshotFor(DynamoCheckpoint checkpoint) {
        String name = checkpoint.getMetadata() == null ? null : checkpoint.getMetadata().getName();
        return Dns1123.requireSubdomain("DynamoCheckpoint name", name);
    }

    /** {@code podsnapshotcontent-<PodSnapshot UID>}: unique per PodSnapshot incarnation, like {@code pvc-<uid>}. */
    public static String podSnapshotContent(String podSnapshotUid) {
        if (podSnapshotUid == null || podSnapshotUid.isEmpty()) {
            throw new InvalidNameException("PodSnapshot UID", podSnapshotUid, List.of(),
                    "the PodSnapshot must be read back from the API server before its content is named");
        }
        String name = POD_SNAPSHOT_CONTENT_PREFIX + podSnapshotUid;
        List<String> errors = Dns1123.subdomainErrors(name);
        if (!errors.isEmpty()) {
            throw new InvalidNameException("PodSnapshot UID", podSnapshotUid, errors,
                    "it would make the PodSnapshotContent name " + Messages.quote(name));
        }
        return name;
    }

    /** {@code <pod>-checkpoint}: the Job snapshotctl creates for a pod manifest (≤63, so the pod name ≤52). */
    public static String snapshotctlJob(String podName) {
        Dns1123.requireSubdomain("pod name", podName);
        String name = podName + SNAPSHOTCTL_JOB_SUFFIX;
        int room = Dns1123.LABEL_MAX_LENGTH - SNAPSHOTCTL_JOB_SUFFIX.length();
        if (name.length() > Dns1123.LABEL_MAX_LENGTH) {
            throw new InvalidNameException("pod name", podName, List.of(Dns1123.maxLengthError(room)),
                    "snapshotctl names its Job " + Messages.quote(name) + ", and a Job name may have at most "
                            + Dns1123.LABEL_MAX_LENGTH + " characters");
        }
        return Dns1123.requireSubdomain("snapshotctl Job name", name);
    }

    /** The PodSnapshot snapshotctl creates: the Job name cut to 63 characters, trailing {@code -} and {@code .} trimmed. */
    public static String snapshotctlPodSnapshot(String jobName) {
        return Dns1123.truncate("snapshotctl Job name", jobName, Dns1123.LABEL_MAX_LENGTH);
    }

    private static String requireJobName(String input, String name, String hint) {
        List<String> errors = Dns1123.labelErrors(name);
        if (!errors.isEmpty()) {
            throw new InvalidNameException(input, name, errors, hint);
        }
        return name;
    }
}
