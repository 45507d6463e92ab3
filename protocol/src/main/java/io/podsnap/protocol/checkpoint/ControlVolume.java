package io.podsnap.protocol.checkpoint;

import static io.podsnap.protocol.WireNames.CONTROL_MOUNT_PATH;
import static io.podsnap.protocol.WireNames.CONTROL_VOLUME;
import static io.podsnap.protocol.WireNames.ENV_CONTROL_DIR;
import static io.podsnap.protocol.WireNames.ENV_CONTROL_DIR_LEGACY;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;

/**
 * The {@code snapshot-control} emptyDir: the workload and the agent exchange sentinel files through it. One emptyDir
 * per pod, mounted by each target container with {@code subPath=<container>}, so every target sees a private
 * directory at the same path and the sentinels of one container can never release another.
 */
public final class ControlVolume {
    private ControlVolume() {}

    /**
     * Adds the control volume to {@code podSpec} and its mount and env to {@code container}, repairing entries of the
     * same name that differ. Idempotent. Mutates its arguments: pass your own copy, never an object from a cache.
     */
    public static void ensure(PodSpec podSpec, Container container) {
        Volume existing = PodSpecEdits.findVolume(podSpec, CONTROL_VOLUME);
        // A user's emptyDir (say with a sizeLimit) is kept; any other source under the reserved name is replaced,
        // since the agent writes sentinels through the pod's root and only an emptyDir is shared that way.
        if (existing == null || existing.getEmptyDir() == null) {
            PodSpecEdits.setVolume(podSpec,
                    new VolumeBuilder().withName(CONTROL_VOLUME).withNewEmptyDir().endEmptyDir().build());
        }
        PodSpecEdits.setVolumeMount(container, new VolumeMountBuilder()
                .withName(CONTROL_VOLUME)
                .withMountPath(CONTROL_MOUNT_PATH)
                .withSubPath(container.getName())
                .build());
        // Deployed workloads read either name: the successor's SNAPSHOT_CONTROL_DIR or Dynamo's legacy one.
        PodSpecEdits.setEnv(container, ENV_CONTROL_DIR, CONTROL_MOUNT_PATH);
        PodSpecEdits.setEnv(container, ENV_CONTROL_DIR_LEGACY, CONTROL_MOUNT_PATH);
    }
}
