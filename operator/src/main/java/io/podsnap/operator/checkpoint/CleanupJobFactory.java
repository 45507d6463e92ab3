package io.podsnap.operator.checkpoint;

import static io.podsnap.protocol.WireNames.ANNOTATION_ISTIO_INJECT;
import static io.podsnap.protocol.WireNames.ANNOTATION_LINKERD_INJECT;
import static io.podsnap.protocol.WireNames.GMS_ARTIFACT_DIR;
import static io.podsnap.protocol.WireNames.ISTIO_INJECT_DISABLED;
import static io.podsnap.protocol.WireNames.LABEL_CHECKPOINT_ID;
import static io.podsnap.protocol.WireNames.LINKERD_INJECT_DISABLED;
import static io.podsnap.protocol.WireNames.STORAGE_VOLUME;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.podsnap.api.v1alpha1.DynamoCheckpoint;
import io.podsnap.operator.config.OperatorConfig;
import io.podsnap.protocol.Messages;
import io.podsnap.protocol.naming.Names;
import io.podsnap.protocol.storage.Storage;

/**
 * The artifact cleanup Job of an automatic checkpoint (operator doc §7.4): one busybox container that deletes
 * {@code <base>/<checkpointID>} and {@code <base>/gms/<checkpointID>} from the checkpoint PVC. Pure; the caller adds
 * the controller owner reference. The finalizer waits for it, so it runs once (no retries) and briefly.
 */
public final class CleanupJobFactory {
    private CleanupJobFactory() {}

    public static final String CONTAINER = "cleanup";
    public static final String ENV_BASE_PATH = "CHECKPOINT_BASE_PATH";
    public static final String ENV_CHECKPOINT_ID = "CHECKPOINT_ID";
    public static final long ACTIVE_DEADLINE_SECONDS = 300;
    public static final int TTL_SECONDS_AFTER_FINISHED = 300;

    /**
     * Deletes the checkpoint's artifact directories, refusing anything that could reach outside the base path.
     * Exit 0 when they are gone (also when they never existed), 1 when it refused or failed.
     *
     * <p>Why it is careful: the PVC is shared by every checkpoint, and {@code rm -rf} runs as whatever user the image
     * runs as. The ID is checked again here although the operator validated it, because the script is the last line.
     * Only the parent directory is resolved ({@code readlink -f}), so a symlink planted anywhere on the way cannot
     * redirect the delete; the final entry is removed by name from inside the resolved parent, and {@code rm -rf}
     * never follows symlinks inside the tree. A final entry that is itself a symlink is unlinked only when it points
     * inside the base path; one pointing outside is left alone and reported, since something is tampering with the
     * storage. An ID of {@code gms} is refused: {@code <base>/gms} holds every checkpoint's GPU memory artifacts.
     */
    public static final String SCRIPT = """
            set -u
            fail() { echo "checkpoint-cleanup: $*" >&2; exit 1; }
            base="${%1$s:-}"
            id="${%2$s:-}"
            case "$id" in
              ''|.|..|*/*|*\\\\*|%3$s) fail "refusing checkpoint ID '$id': it must name one directory under the base path" ;;
            esac
            case "$base" in
              /*) ;;
              *) fail "refusing base path '$base': it must be an absolute path" ;;
            esac
            [ -d "$base" ] || fail "base path $base is not a directory; is the checkpoint PVC mounted?"
            root=$(readlink -f -- "$base") || fail "cannot resolve base path $base"
            [ -n "$root" ] && [ "$root" != / ] || fail "refusing base path $base: it resolves to '$root'"
            remove() {
              parent=$1
              entry="$parent/$id"
              if [ ! -e "$entry" ] && [ ! -L "$entry" ]; then
                echo "checkpoint-cleanup: $entry does not exist"
                return 0
              fi
              real_parent=$(readlink -f -- "$parent") || fail "cannot resolve $parent"
              case "$real_parent" in
                "$root"|"$root"/*) ;;
                *) fail "refusing to delete $entry: $parent resolves to $real_parent, outside $root" ;;
              esac
              target="$real_parent/$id"
              if [ -L "$target" ]; then
                link=$(readlink -f -- "$target") || link=''
                case "$link" in
                  "$root"/?*) ;;
                  *) fail "refusing to delete $entry: it is a symlink to '$link', outside $root" ;;
                esac
                rm -f -- "$target" || fail "cannot unlink $target"
              else
                rm -rf -- "$target" || fail "cannot delete $target"
              fi
              echo "checkpoint-cleanup: deleted $target"
            }
            remove "$base"
            if [ -d "$base/%3$s" ] || [ -L "$base/%3$s" ]; then
              remove "$base/%3$s"
            fi
            """.formatted(ENV_BASE_PATH, ENV_CHECKPOINT_ID, GMS_ARTIFACT_DIR);

    /**
     * @throws IllegalArgumentException when the storage has no PVC, the base path is the root, or the ID cannot
     *                                  name a Job or a directory
     */
    public static Job desiredCleanupJob(DynamoCheckpoint checkpoint, String checkpointId, Storage storage,
                                        OperatorConfig config) {
        String jobName = Names.cleanupJob(checkpointId);
        String where = "artifact cleanup of DynamoCheckpoint " + checkpoint.getMetadata().getNamespace() + "/"
                + checkpoint.getMetadata().getName();
        if (GMS_ARTIFACT_DIR.equals(checkpointId)) {
            throw new IllegalArgumentException(where + ": checkpoint ID " + Messages.quote(checkpointId)
                    + " is the directory that holds every checkpoint's GPU memory artifacts; it cannot be deleted as"
                    + " one checkpoint's artifact");
        }
        if (!storage.hasPvc()) {
            throw new IllegalArgumentException(where + " needs the checkpoint PVC, but the storage (type "
                    + storage.type() + ", base path " + storage.basePath() + ", access mode " + storage.accessMode()
                    + ") names none; configure checkpoint.storage.pvc.pvcName, or delete the artifact directory by hand");
        }
        if ("/".equals(storage.basePath())) {
            throw new IllegalArgumentException(where + ": the storage base path is /, and the checkpoint PVC cannot be"
                    + " mounted over the cleanup container's root; configure a base path such as /checkpoints");
        }
        return new JobBuilder()
                .withNewMetadata()
                    .withName(jobName)
                    .withNamespace(checkpoint.getMetadata().getNamespace())
                    .addToLabels(LABEL_CHECKPOINT_ID, checkpointId)
                .endMetadata()
                .withNewSpec()
                    // One attempt: the finalizer deletes a failed cleanup Job and creates a fresh one.
                    .withBackoffLimit(0)
                    .withActiveDeadlineSeconds(ACTIVE_DEADLINE_SECONDS)
                    .withTtlSecondsAfterFinished(TTL_SECONDS_AFTER_FINISHED)
                    .withNewTemplate()
                        // No checkpoint-ID label on the pod: the agent treats any pod carrying one (and not marked
                        // as a checkpoint source) as a restore target.
                        .withNewMetadata()
                            // An injected service-mesh sidecar never exits, so the Job would never complete.
                            .addToAnnotations(ANNOTATION_LINKERD_INJECT, LINKERD_INJECT_DISABLED)
                            .addToAnnotations(ANNOTATION_ISTIO_INJECT, ISTIO_INJECT_DISABLED)
                        .endMetadata()
                        .withNewSpec()
                            .withRestartPolicy("Never")
                            .addNewVolume()
                                .withName(STORAGE_VOLUME)
                                .withNewPersistentVolumeClaim().withClaimName(storage.pvcName()).endPersistentVolumeClaim()
                            .endVolume()
                            .addNewContainer()
                                .withName(CONTAINER)
                                .withImage(config.cleanupImage())
                                .withCommand("/bin/sh", "-c", SCRIPT)
                                .addNewEnv().withName(ENV_BASE_PATH).withValue(storage.basePath()).endEnv()
                                .addNewEnv().withName(ENV_CHECKPOINT_ID).withValue(checkpointId).endEnv()
                                .addNewVolumeMount().withName(STORAGE_VOLUME).withMountPath(storage.basePath()).endVolumeMount()
                            .endContainer()
                        .endSpec()
                    .endTemplate()
                .endSpec()
                .build();
    }
}
