package io.podsnap.protocol.restore;

import static io.podsnap.protocol.WireNames.ANNOTATION_TARGET_CONTAINERS;
import static io.podsnap.protocol.WireNames.CONTROL_MOUNT_PATH;
import static io.podsnap.protocol.WireNames.CONTROL_VOLUME;
import static io.podsnap.protocol.WireNames.ENV_CONTROL_DIR;
import static io.podsnap.protocol.WireNames.ENV_CONTROL_DIR_LEGACY;
import static io.podsnap.protocol.WireNames.STORAGE_VOLUME;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.podsnap.protocol.checkpoint.PodSpecEdits;
import io.podsnap.protocol.checkpoint.Seccomp;
import io.podsnap.protocol.checkpoint.TargetContainers;
import io.podsnap.protocol.storage.Storage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Read-only counterpart of {@link RestorePodShaper} ({@code ValidateRestorePodSpec}): checks that a user-supplied
 * restore pod has the shape the agent relies on. Returns every problem at once, each a complete sentence naming the
 * object and the expected value, so the user can fix the manifest in one pass. An empty list means valid.
 */
public final class RestorePodValidator {
    private RestorePodValidator() {}

    /**
     * Validates a pod whose targets are named by its {@code nvidia.com/snapshot-target-containers} annotation.
     *
     * @param storage        the checkpoint storage; PVC checks run only when it names a PVC
     * @param seccompProfile the expected Localhost profile; blank skips the check
     */
    public static List<String> validate(Pod pod, Storage storage, String seccompProfile) {
        Map<String, String> annotations = pod.getMetadata() == null ? null : pod.getMetadata().getAnnotations();
        if (annotations == null || !annotations.containsKey(ANNOTATION_TARGET_CONTAINERS)) {
            return List.of("missing " + ANNOTATION_TARGET_CONTAINERS + " annotation");
        }
        List<String> targets;
        try {
            targets = TargetContainers.fromAnnotations(annotations);
        } catch (IllegalArgumentException e) {
            return List.of(e.getMessage());
        }
        return validateSpec(pod.getSpec() == null ? new PodSpec() : pod.getSpec(), targets, storage, seccompProfile);
    }

    /** Validates a pod spec against explicitly named targets. */
    public static List<String> validateSpec(PodSpec spec, List<String> targets, Storage storage, String seccompProfile) {
        List<String> problems = new ArrayList<>();
        checkSeccomp(spec, seccompProfile, problems);

        boolean pvc = storage != null && storage.hasPvc();
        if (pvc) {
            checkStorageVolume(spec, storage.pvcName(), problems);
        }
        Volume control = PodSpecEdits.findVolume(spec, CONTROL_VOLUME);
        if (control == null) {
            problems.add("missing " + CONTROL_VOLUME + " emptyDir volume");
        } else if (control.getEmptyDir() == null) {
            problems.add(CONTROL_VOLUME + " volume is not an emptyDir");
        }

        for (String target : targets) {
            Container c = PodSpecEdits.findContainer(spec, target);
            if (c == null) {
                problems.add("target container " + target + " not found");
                continue;
            }
            if (pvc) {
                checkStorageMount(c, storage.basePath(), problems);
            }
            checkControlMount(c, problems);
            checkControlEnv(c, problems);
            if (c.getStartupProbe() == null) {
                problems.add("missing startupProbe on container " + target);
            }
        }
        return problems;
    }

    private static void checkSeccomp(PodSpec spec, String profile, List<String> problems) {
        if (profile == null || profile.isBlank()) {
            return;
        }
        SeccompProfile want = new SeccompProfile(profile.trim(), Seccomp.TYPE_LOCALHOST);
        SeccompProfile have = spec.getSecurityContext() == null ? null : spec.getSecurityContext().getSeccompProfile();
        if (have == null) {
            problems.add("missing seccomp profile " + Seccomp.describe(want));
        } else if (!Objects.equals(have.getType(), want.getType())
                || !Objects.equals(have.getLocalhostProfile(), want.getLocalhostProfile())) {
            problems.add("seccomp profile is " + Seccomp.describe(have) + ", expected " + Seccomp.describe(want));
        }
    }

    private static void checkStorageVolume(PodSpec spec, String pvcName, List<String> problems) {
        Volume v = PodSpecEdits.findVolume(spec, STORAGE_VOLUME);
        if (v == null) {
            problems.add("missing " + STORAGE_VOLUME + " volume for PVC " + pvcName);
        } else if (v.getPersistentVolumeClaim() == null) {
            problems.add(STORAGE_VOLUME + " volume is not backed by a PVC, expected PVC " + pvcName);
        } else if (!pvcName.equals(v.getPersistentVolumeClaim().getClaimName())) {
            problems.add(STORAGE_VOLUME + " volume uses PVC " + v.getPersistentVolumeClaim().getClaimName()
                    + ", expected PVC " + pvcName);
        }
    }

    private static void checkStorageMount(Container c, String basePath, List<String> problems) {
        VolumeMount m = PodSpecEdits.findVolumeMount(c, STORAGE_VOLUME);
        if (m == null) {
            problems.add("missing " + STORAGE_VOLUME + " mount at " + basePath + " on container " + c.getName());
        } else if (!basePath.equals(m.getMountPath())) {
            problems.add(STORAGE_VOLUME + " mount on container " + c.getName() + " is at " + m.getMountPath()
                    + ", expected " + basePath);
        }
    }

    private static void checkControlMount(Container c, List<String> problems) {
        VolumeMount m = PodSpecEdits.findVolumeMount(c, CONTROL_VOLUME);
        if (m == null) {
            problems.add("missing " + CONTROL_VOLUME + " mount at " + CONTROL_MOUNT_PATH + " on container " + c.getName());
            return;
        }
        if (!CONTROL_MOUNT_PATH.equals(m.getMountPath())) {
            problems.add(CONTROL_VOLUME + " mount on container " + c.getName() + " is at " + m.getMountPath()
                    + ", expected " + CONTROL_MOUNT_PATH);
        }
        // Without its own subPath a container would share sentinels with the other targets of the pod.
        if (!c.getName().equals(m.getSubPath())) {
            problems.add(CONTROL_VOLUME + " mount on container " + c.getName() + " has subPath \""
                    + (m.getSubPath() == null ? "" : m.getSubPath()) + "\", expected \"" + c.getName() + "\"");
        }
    }

    /** Either env name satisfies the workload; a name that is present must carry the right value. */
    private static void checkControlEnv(Container c, List<String> problems) {
        EnvVar current = PodSpecEdits.findEnv(c, ENV_CONTROL_DIR);
        EnvVar legacy = PodSpecEdits.findEnv(c, ENV_CONTROL_DIR_LEGACY);
        if (current == null && legacy == null) {
            problems.add("missing env " + ENV_CONTROL_DIR + "=" + CONTROL_MOUNT_PATH + " on container " + c.getName());
            return;
        }
        for (EnvVar e : new EnvVar[] {current, legacy}) {
            if (e != null && !CONTROL_MOUNT_PATH.equals(e.getValue())) {
                problems.add("env " + e.getName() + " on container " + c.getName() + " is \""
                        + (e.getValue() == null ? "" : e.getValue()) + "\", expected \"" + CONTROL_MOUNT_PATH + "\"");
            }
        }
    }
}
