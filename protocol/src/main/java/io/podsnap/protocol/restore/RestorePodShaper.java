package io.podsnap.protocol.restore;

import static io.podsnap.protocol.WireNames.ANNOTATION_ARTIFACT_VERSION;
import static io.podsnap.protocol.WireNames.ANNOTATION_TARGET_CONTAINERS;
import static io.podsnap.protocol.WireNames.LABEL_CAPTURE_ELIGIBLE;
import static io.podsnap.protocol.WireNames.LABEL_CHECKPOINT_ID;
import static io.podsnap.protocol.WireNames.LABEL_IS_CHECKPOINT_SOURCE;
import static io.podsnap.protocol.WireNames.LABEL_IS_RESTORE_TARGET;
import static io.podsnap.protocol.WireNames.SENTINEL_RESTORE_COMPLETE;
import static io.podsnap.protocol.WireNames.STORAGE_VOLUME;
import static io.podsnap.protocol.WireNames.controlFile;
import static io.podsnap.protocol.WireNames.isRestoreProgressKey;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.podsnap.protocol.checkpoint.ControlVolume;
import io.podsnap.protocol.checkpoint.PodSpecEdits;
import io.podsnap.protocol.checkpoint.Seccomp;
import io.podsnap.protocol.checkpoint.TargetContainers;
import io.podsnap.protocol.storage.Storage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Shapes a worker pod into a restore target ({@code PrepareRestorePodSpec} / {@code NewRestorePod}, agent reference
 * §4.1): each target container runs an inert placeholder until the agent restores the checkpointed process into it,
 * and a startup probe holds the pod un-Ready until then. Pure and idempotent: the input is deep copied, and shaping
 * an already shaped pod gives the same pod.
 *
 * <p>Only shape once the checkpoint is Ready. Before that a worker must cold-start untouched: the control-dir env
 * alone puts a Dynamo worker into checkpoint mode, where it waits forever.
 */
public final class RestorePodShaper {
    private RestorePodShaper() {}

    /** Installed when the target has no probe of its own: the agent writes this file after a successful restore. */
    public static final List<String> RESTORE_COMPLETE_COMMAND = List.of("cat", controlFile(SENTINEL_RESTORE_COMPLETE));

    /** Shapes a pod template (Deployments, DGD workers). */
    public static PodTemplateSpec prepare(PodTemplateSpec template, RestorePodOptions options) {
        PodTemplateSpec copy = new PodTemplateSpecBuilder(template).build();
        if (copy.getMetadata() == null) {
            copy.setMetadata(new ObjectMeta());
        }
        shape(copy.getMetadata(), copy.getSpec(), options);
        return copy;
    }

    /** Shapes a pod. */
    public static Pod prepare(Pod pod, RestorePodOptions options) {
        Pod copy = new PodBuilder(pod).build();
        if (copy.getMetadata() == null) {
            copy.setMetadata(new ObjectMeta());
        }
        shape(copy.getMetadata(), copy.getSpec(), options);
        return copy;
    }

    /**
     * A new restore pod from a pod manifest (snapshotctl): name and namespace kept, server-populated fields and
     * status dropped so the result can be created, {@code restartPolicy: Never} because a restarted placeholder would
     * be an empty container that no agent restores into again.
     */
    public static Pod newRestorePod(Pod manifest, RestorePodOptions options) {
        Pod pod = prepare(manifest, options);
        ObjectMeta meta = pod.getMetadata();
        meta.setUid(null);
        meta.setResourceVersion(null);
        meta.setCreationTimestamp(null);
        meta.setDeletionTimestamp(null);
        meta.setDeletionGracePeriodSeconds(null);
        meta.setGeneration(null);
        meta.setManagedFields(new ArrayList<>());
        pod.setStatus(null);
        pod.getSpec().setRestartPolicy("Never");
        return pod;
    }

    private static void shape(ObjectMeta meta, PodSpec spec, RestorePodOptions o) {
        if (spec == null || spec.getContainers() == null || spec.getContainers().isEmpty()) {
            throw new IllegalArgumentException("restore pod has no containers");
        }
        for (String target : o.targets()) {
            if (PodSpecEdits.findContainer(spec, target) == null) {
                throw new IllegalArgumentException("restore target container " + target + " not found in the pod (containers: "
                        + spec.getContainers().stream().map(Container::getName).collect(Collectors.joining(", ")) + ")");
            }
        }
        stampRestoreMetadata(meta, o);
        Seccomp.applyLocalhost(spec, o.seccompProfile());

        Storage storage = o.storage();
        boolean mountStorage = storage != null && storage.hasPvc();
        if (mountStorage) {
            PodSpecEdits.setVolume(spec, new VolumeBuilder()
                    .withName(STORAGE_VOLUME)
                    .withNewPersistentVolumeClaim().withClaimName(storage.pvcName()).endPersistentVolumeClaim()
                    .build());
        }
        for (String target : o.targets()) {
            Container c = PodSpecEdits.findContainer(spec, target);
            if (mountStorage) {
                PodSpecEdits.setVolumeMount(c, new VolumeMountBuilder()
                        .withName(STORAGE_VOLUME).withMountPath(storage.basePath()).build());
            }
            ControlVolume.ensure(spec, c);
            // The placeholder must stay inert: the real process arrives through CRIU, never through exec.
            c.setCommand(new ArrayList<>(o.placeholderCommand()));
            c.setArgs(new ArrayList<>());
            c.setStartupProbe(restoreStartupProbe(c));
        }
    }

    private static void stampRestoreMetadata(ObjectMeta meta, RestorePodOptions o) {
        Map<String, String> labels = meta.getLabels() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(meta.getLabels());
        Map<String, String> annotations = meta.getAnnotations() == null
                ? new LinkedHashMap<>() : new LinkedHashMap<>(meta.getAnnotations());

        // Reset first, so re-shaping for a new checkpoint leaves nothing of the old one. A stale
        // restore-status "completed" would make the agent skip the new attempt; a leftover source label would hide
        // the pod from the restore selector (checkpoint-id present, is-checkpoint-source absent).
        labels.remove(LABEL_IS_CHECKPOINT_SOURCE);
        labels.remove(LABEL_IS_RESTORE_TARGET);
        labels.remove(LABEL_CHECKPOINT_ID);
        // Copied from a source pod manifest, this label would make the agent capture the restored pod.
        labels.remove(LABEL_CAPTURE_ELIGIBLE);
        annotations.remove(ANNOTATION_ARTIFACT_VERSION);
        annotations.remove(ANNOTATION_TARGET_CONTAINERS);
        annotations.keySet().removeIf(key -> isRestoreProgressKey(key));

        labels.put(LABEL_CHECKPOINT_ID, o.checkpointId());
        labels.put(LABEL_IS_RESTORE_TARGET, "true");
        annotations.put(ANNOTATION_ARTIFACT_VERSION, o.artifactVersion());
        annotations.put(ANNOTATION_TARGET_CONTAINERS, TargetContainers.format(o.targets()));

        meta.setLabels(labels);
        meta.setAnnotations(annotations);
    }

    /**
     * The startup probe that holds the target un-Ready until the restore is done: a copy of the container's own
     * startup, else liveness, else readiness probe (the restored process answers it, the placeholder does not), else
     * a check for {@code restore-complete}. Probed every second with an unlimited failure budget, because a
     * restore's duration is bounded by the agent's restore timeout, not by the kubelet.
     */
    static Probe restoreStartupProbe(Container c) {
        Probe source = c.getStartupProbe() != null ? c.getStartupProbe()
                : c.getLivenessProbe() != null ? c.getLivenessProbe()
                : c.getReadinessProbe();
        ProbeBuilder probe = source != null ? new ProbeBuilder(source)
                : new ProbeBuilder().withNewExec().withCommand(RESTORE_COMPLETE_COMMAND).endExec();
        return probe
                .withInitialDelaySeconds(0)
                .withPeriodSeconds(1)
                .withTimeoutSeconds(1)
                .withFailureThreshold(Integer.MAX_VALUE)
                .withSuccessThreshold(1)
                .build();
    }
}
