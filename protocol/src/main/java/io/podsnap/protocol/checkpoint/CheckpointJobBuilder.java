package io.podsnap.protocol.checkpoint;

import static io.podsnap.protocol.WireNames.ANNOTATION_ARTIFACT_VERSION;
import static io.podsnap.protocol.WireNames.ANNOTATION_ISTIO_INJECT;
import static io.podsnap.protocol.WireNames.ANNOTATION_LINKERD_INJECT;
import static io.podsnap.protocol.WireNames.ANNOTATION_TARGET_CONTAINERS;
import static io.podsnap.protocol.WireNames.DEFAULT_ARTIFACT_VERSION;
import static io.podsnap.protocol.WireNames.ISTIO_INJECT_DISABLED;
import static io.podsnap.protocol.WireNames.LABEL_CAPTURE_ELIGIBLE;
import static io.podsnap.protocol.WireNames.LABEL_CHECKPOINT_ID;
import static io.podsnap.protocol.WireNames.LABEL_IS_CHECKPOINT_SOURCE;
import static io.podsnap.protocol.WireNames.LABEL_IS_RESTORE_TARGET;
import static io.podsnap.protocol.WireNames.LABEL_SNAPSHOT_OWNER;
import static io.podsnap.protocol.WireNames.LINKERD_INJECT_DISABLED;
import static io.podsnap.protocol.WireNames.SENTINEL_READY_FOR_SNAPSHOT;
import static io.podsnap.protocol.WireNames.SHARED_MEMORY_MOUNT_PATH;
import static io.podsnap.protocol.WireNames.SHARED_MEMORY_VOLUME;
import static io.podsnap.protocol.WireNames.controlFile;
import static io.podsnap.protocol.WireNames.isRestoreProgressKey;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The desired checkpoint Job for a prepared pod template: the pod that will be loaded, quiesced and dumped by the
 * node agent (agent reference §3.1, operator reference §7.1). A pure function of its inputs: the template is deep
 * copied and never modified, and building from an already built template yields the same pod.
 *
 * <p>The Job carries no owner references (callers add their controller reference) and no
 * {@code ttlSecondsAfterFinished}: the controller deletes finished Jobs itself, after it has read their outcome.
 */
public final class CheckpointJobBuilder {
    private CheckpointJobBuilder() {}

    /** The workload writes this file once loaded and quiesced; pod Ready=True is the signal that capture may start. */
    public static final List<String> READY_FOR_SNAPSHOT_COMMAND = List.of("cat", controlFile(SENTINEL_READY_FOR_SNAPSHOT));

    /**
     * Builds the checkpoint Job.
     *
     * @param template        the prepared pod template (not modified)
     * @param checkpointId    the checkpoint (artifact) ID
     * @param artifactVersion the artifact version; blank means {@value io.podsnap.protocol.WireNames#DEFAULT_ARTIFACT_VERSION}
     * @param targetContainer the container to dump; if blank, the template's target-containers annotation must name
     *                        exactly one
     * @throws IllegalArgumentException if the template has no containers, the target is ambiguous or missing, or
     *                                  launch-job wrapping is asked for a target without a command
     */
    public static Job build(PodTemplateSpec template, String checkpointId, String artifactVersion,
                            String targetContainer, CheckpointJobOptions options) {
        if (checkpointId == null || checkpointId.isBlank()) {
            throw new IllegalArgumentException("checkpoint ID must not be empty");
        }
        String version = artifactVersion == null || artifactVersion.isBlank() ? DEFAULT_ARTIFACT_VERSION : artifactVersion;
        if (template == null || template.getSpec() == null
                || template.getSpec().getContainers() == null || template.getSpec().getContainers().isEmpty()) {
            throw new IllegalArgumentException("checkpoint pod template has no containers");
        }

        PodTemplateSpec pod = new PodTemplateSpecBuilder(template).build();
        ObjectMeta meta = pod.getMetadata() == null ? new ObjectMeta() : pod.getMetadata();
        pod.setMetadata(meta);
        PodSpec spec = pod.getSpec();

        String target = resolveTarget(targetContainer, meta.getAnnotations(), spec);
        stampSourceMetadata(meta, checkpointId, version, target, options.ownerLabel());

        // A Job pod must run to completion exactly once: a restarted container would be a fresh, unloaded process.
        spec.setRestartPolicy("Never");
        Seccomp.applyLocalhost(spec, options.seccompProfile());

        Container container = PodSpecEdits.findContainer(spec, target);
        ControlVolume.ensure(spec, container);
        container.setReadinessProbe(readyForSnapshotProbe());
        // A quiescing workload stops answering health checks; a liveness or startup kill would lose the capture.
        container.setLivenessProbe(null);
        container.setStartupProbe(null);
        applySharedMemory(spec, container, options.sharedMemory());
        if (options.launchJobWrap()) {
            LaunchJob.wrap(container);
        }

        return new JobBuilder()
                .withNewMetadata()
                    .withName(options.jobName())
                    .withNamespace(options.namespace())
                    .addToLabels(LABEL_CHECKPOINT_ID, checkpointId)
                .endMetadata()
                .withNewSpec()
                    // One attempt: a retried pod would dump a different process into the same artifact path.
                    .withBackoffLimit(0)
                    .withActiveDeadlineSeconds(options.activeDeadlineSeconds())
                    .withTemplate(pod)
                .endSpec()
                .build();
    }

    /** The readiness probe installed on the target: ready once the workload wrote {@code ready-for-snapshot}. */
    public static Probe readyForSnapshotProbe() {
        return new ProbeBuilder()
                .withNewExec().withCommand(READY_FOR_SNAPSHOT_COMMAND).endExec()
                .withPeriodSeconds(1)
                .build();
    }

    private static String resolveTarget(String targetContainer, Map<String, String> annotations, PodSpec spec) {
        String target;
        if (targetContainer != null && !targetContainer.isBlank()) {
            target = targetContainer.trim();
        } else if (annotations != null && annotations.containsKey(ANNOTATION_TARGET_CONTAINERS)) {
            List<String> names = TargetContainers.fromAnnotations(annotations);
            if (names.size() != 1) {
                throw new IllegalArgumentException("checkpoint needs exactly one target container, but "
                        + ANNOTATION_TARGET_CONTAINERS + " names " + names.size() + " (" + String.join(", ", names)
                        + "); set the target container explicitly");
            }
            target = names.get(0);
        } else {
            throw new IllegalArgumentException("checkpoint needs a target container: none was given and the pod "
                    + "template has no " + ANNOTATION_TARGET_CONTAINERS + " annotation");
        }
        if (PodSpecEdits.findContainer(spec, target) == null) {
            throw new IllegalArgumentException("checkpoint target container " + target
                    + " not found in the pod template (containers: " + containerNames(spec) + ")");
        }
        return target;
    }

    private static void stampSourceMetadata(ObjectMeta meta, String checkpointId, String version, String target,
                                            String owner) {
        Map<String, String> labels = meta.getLabels() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(meta.getLabels());
        Map<String, String> annotations = meta.getAnnotations() == null
                ? new LinkedHashMap<>() : new LinkedHashMap<>(meta.getAnnotations());

        // A template copied from a restore pod must not look like one: the agent would try to restore into it.
        labels.remove(LABEL_IS_RESTORE_TARGET);
        annotations.keySet().removeIf(key -> isRestoreProgressKey(key));
        // Only the agent's pre-bind gate may mark a pod eligible, after it has checked the pod's identity.
        labels.remove(LABEL_CAPTURE_ELIGIBLE);

        labels.put(LABEL_IS_CHECKPOINT_SOURCE, "true");
        labels.put(LABEL_CHECKPOINT_ID, checkpointId);
        if (owner != null) {
            labels.put(LABEL_SNAPSHOT_OWNER, owner);
        }
        annotations.put(ANNOTATION_ARTIFACT_VERSION, version);
        annotations.put(ANNOTATION_TARGET_CONTAINERS, TargetContainers.format(List.of(target)));
        // An injected service-mesh sidecar never exits, so the Job would never complete.
        annotations.put(ANNOTATION_LINKERD_INJECT, LINKERD_INJECT_DISABLED);
        annotations.put(ANNOTATION_ISTIO_INJECT, ISTIO_INJECT_DISABLED);

        meta.setLabels(labels);
        meta.setAnnotations(annotations);
    }

    private static void applySharedMemory(PodSpec spec, Container target, SharedMemory shm) {
        if (!shm.enabled()) {
            return;
        }
        List<VolumeMount> mounts = target.getVolumeMounts() == null ? List.of() : target.getVolumeMounts();
        // A prepared template that mounts its own volume at /dev/shm keeps it: two mounts at one path are invalid,
        // and the template author chose that volume deliberately.
        boolean ownShm = mounts.stream().anyMatch(m ->
                SHARED_MEMORY_MOUNT_PATH.equals(m.getMountPath()) && !SHARED_MEMORY_VOLUME.equals(m.getName()));
        if (ownShm) {
            return;
        }
        PodSpecEdits.setVolume(spec, new VolumeBuilder()
                .withName(SHARED_MEMORY_VOLUME)
                .withNewEmptyDir().withMedium("Memory").withSizeLimit(new Quantity(shm.size().getAmount(), shm.size().getFormat())).endEmptyDir()
                .build());
        PodSpecEdits.setVolumeMount(target, new VolumeMountBuilder()
                .withName(SHARED_MEMORY_VOLUME)
                .withMountPath(SHARED_MEMORY_MOUNT_PATH)
                .build());
    }

    private static String containerNames(PodSpec spec) {
        return spec.getContainers().stream().map(Container::getName).collect(Collectors.joining(", "));
    }
}
