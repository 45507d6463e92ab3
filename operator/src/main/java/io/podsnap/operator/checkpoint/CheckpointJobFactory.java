package io.podsnap.operator.checkpoint;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.resource.v1.ResourceClaim;
import io.fabric8.kubernetes.api.model.resource.v1.ResourceClaimTemplate;
import io.podsnap.api.v1alpha1.DynamoCheckpoint;
import io.podsnap.api.v1alpha1.DynamoCheckpointJobConfig;
import io.podsnap.api.v1alpha1.GPUMemoryServiceSpec;
import io.podsnap.operator.config.OperatorConfig;
import io.podsnap.protocol.Messages;
import io.podsnap.protocol.WireNames;
import io.podsnap.protocol.checkpoint.CheckpointJobBuilder;
import io.podsnap.protocol.checkpoint.CheckpointJobOptions;
import io.podsnap.protocol.checkpoint.PodSpecEdits;
import io.podsnap.protocol.checkpoint.SharedMemory;
import io.podsnap.protocol.naming.Names;
import java.util.Map;

/**
 * The desired checkpoint Job of a DynamoCheckpoint (operator doc §7.1, late state D): the protocol's generic Job
 * builder plus what only the operator knows (owner label, deadline and shared memory from the spec, seccomp from the
 * config, the podinfo volume, and launch-job wrapping from the target's GPU count). Pure: no client calls; the caller
 * adds the controller owner reference and creates it. Building twice from the same inputs gives equal Jobs.
 *
 * <p>The prepared template is taken as the user wrote it: its service account (even an empty one), its env (no
 * POD_NAME or endpoint env is added; the podinfo files carry the pod identity), and every container other than the
 * target. {@code spec.job.backoffLimit} and {@code spec.job.ttlSecondsAfterFinished} are deprecated and ignored: the
 * Job never retries and has no TTL, because the controller reads its outcome and deletes it itself.
 */
public final class CheckpointJobFactory {
    private CheckpointJobFactory() {}

    /** Kubernetes label values have at most this many characters. */
    static final int LABEL_VALUE_MAX_LENGTH = 63;

    /**
     * The Job for a checkpoint whose pod uses no DRA claims. A target that uses a claim backed by a template or a
     * ResourceClaim fails with "failed to get ResourceClaimTemplate …": use the overloads that take them.
     *
     * @throws IllegalArgumentException when the spec cannot produce a Job (no containers, missing target, unusable
     *                                  names, a multi-GPU target without a command); the message is user-facing
     */
    public static Job desiredJob(DynamoCheckpoint checkpoint, String checkpointId, OperatorConfig config) {
        return desiredJob(checkpoint, checkpointId, config, Map.of(), Map.of());
    }

    /**
     * As {@link #desiredJob(DynamoCheckpoint, String, OperatorConfig)}, counting the target's GPUs through the
     * ResourceClaimTemplates the pod's resource claims name.
     *
     * @param claimTemplatesByName the checkpoint namespace's ResourceClaimTemplates, by name; a template the target
     *                             uses but that is missing here fails the build
     */
    public static Job desiredJob(DynamoCheckpoint checkpoint, String checkpointId, OperatorConfig config,
                                 Map<String, ResourceClaimTemplate> claimTemplatesByName) {
        return desiredJob(checkpoint, checkpointId, config, claimTemplatesByName, Map.of());
    }

    /**
     * As above, also resolving pod resource claims that name an existing ResourceClaim ({@code resourceClaimName}).
     *
     * @param claimsByName the checkpoint namespace's ResourceClaims, by name
     */
    public static Job desiredJob(DynamoCheckpoint checkpoint, String checkpointId, OperatorConfig config,
                                 Map<String, ResourceClaimTemplate> claimTemplatesByName,
                                 Map<String, ResourceClaim> claimsByName) {
        DynamoCheckpointJobConfig spec = jobConfig(checkpoint);
        String name = checkpoint.getMetadata().getName();
        String namespace = checkpoint.getMetadata().getNamespace();
        requireOwnerLabelValue(name);
        String version = Names.artifactVersion(annotation(checkpoint, WireNames.ANNOTATION_ARTIFACT_VERSION));
        String target = targetContainerName(spec);
        PodTemplateSpec template = spec.getPodTemplateSpec();

        int gpus = gpus(template, target, namespace, gmsDeviceClass(checkpoint), claimTemplatesByName, claimsByName);
        CheckpointJobOptions options = CheckpointJobOptions.defaults(Names.checkpointJob(checkpointId, version), namespace)
                .withSeccompProfile(config.seccompProfile())
                .withOwnerLabel(name)
                .withSharedMemory(SharedMemory.fromSpec(spec.getSharedMemory()))
                .withLaunchJobWrap(gpus > 1);
        if (spec.getActiveDeadlineSeconds() != null) {
            options = options.withActiveDeadlineSeconds(spec.getActiveDeadlineSeconds());
        }

        Job job = CheckpointJobBuilder.build(template, checkpointId, version, target, options);
        // The builder worked on its own copy of the template, so this edits nothing the caller holds.
        PodSpec pod = job.getSpec().getTemplate().getSpec();
        CheckpointJobPodInfo.ensure(pod, PodSpecEdits.findContainer(pod, target));
        return job;
    }

    /** {@code spec.job.targetContainerName}, or {@code main} when unset. */
    public static String targetContainerName(DynamoCheckpointJobConfig spec) {
        String target = spec.getTargetContainerName();
        return target == null || target.isBlank() ? WireNames.DEFAULT_TARGET_CONTAINER : target.trim();
    }

    private static DynamoCheckpointJobConfig jobConfig(DynamoCheckpoint checkpoint) {
        if (checkpoint.getSpec() == null || checkpoint.getSpec().getJob() == null
                || checkpoint.getSpec().getJob().getPodTemplateSpec() == null) {
            throw new IllegalArgumentException("spec.job.podTemplateSpec is required: it is the pod the checkpoint "
                    + "Job runs and captures");
        }
        return checkpoint.getSpec().getJob();
    }

    private static void requireOwnerLabelValue(String name) {
        if (name != null && name.length() > LABEL_VALUE_MAX_LENGTH) {
            throw new IllegalArgumentException("DynamoCheckpoint name " + Messages.quote(name) + " has " + name.length()
                    + " characters, but it is the value of label " + WireNames.LABEL_SNAPSHOT_OWNER
                    + " on the checkpoint pod, which may have at most " + LABEL_VALUE_MAX_LENGTH
                    + "; use a shorter name");
        }
    }

    private static int gpus(PodTemplateSpec template, String target, String namespace, String gmsDeviceClass,
                            Map<String, ResourceClaimTemplate> templates, Map<String, ResourceClaim> claims) {
        PodSpec pod = template.getSpec();
        Container container = pod == null ? null : PodSpecEdits.findContainer(pod, target);
        // No such container: the builder rejects the template with the message that names the containers there are.
        return container == null ? 0 : CheckpointJobGpus.count(pod, container, namespace, gmsDeviceClass, templates, claims);
    }

    private static String gmsDeviceClass(DynamoCheckpoint checkpoint) {
        GPUMemoryServiceSpec gms = checkpoint.getSpec().getGpuMemoryService();
        return gms == null ? null : gms.getDeviceClassName();
    }

    private static String annotation(DynamoCheckpoint checkpoint, String key) {
        Map<String, String> annotations = checkpoint.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(key);
    }
}
