package io.podsnap.operator.checkpoint;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.podsnap.api.v1alpha1.DynamoCheckpoint;
import io.podsnap.operator.config.OperatorConfig;
import io.podsnap.protocol.WireNames;
import io.podsnap.protocol.checkpoint.CheckpointJobBuilder;
import io.podsnap.protocol.checkpoint.CheckpointJobOptions;
import io.podsnap.protocol.naming.Names;

/**
 * The desired checkpoint Job of a DynamoCheckpoint (operator doc §7.1): the protocol's generic Job builder plus
 * what only the operator knows (owner label, deadline and shared memory from the spec, seccomp from the config).
 * Pure: no client calls; the caller adds the controller owner reference and creates it.
 *
 * <p>STUB CONTRACT (being completed): {@link #desiredJob} keeps this signature.
 */
public final class CheckpointJobFactory {
    private CheckpointJobFactory() {}

    /**
     * @throws IllegalArgumentException when the spec cannot produce a Job (no containers, missing target); the
     *                                  message is user-facing
     */
    public static Job desiredJob(DynamoCheckpoint checkpoint, String checkpointId, OperatorConfig config) {
        var spec = checkpoint.getSpec().getJob();
        String version = Names.artifactVersion(checkpoint.getMetadata().getAnnotations() == null ? null
                : checkpoint.getMetadata().getAnnotations().get(WireNames.ANNOTATION_ARTIFACT_VERSION));
        String target = spec.getTargetContainerName() == null || spec.getTargetContainerName().isBlank()
                ? WireNames.DEFAULT_TARGET_CONTAINER : spec.getTargetContainerName();
        var options = CheckpointJobOptions.defaults(Names.checkpointJob(checkpointId, version),
                        checkpoint.getMetadata().getNamespace())
                .withSeccompProfile(config.seccompProfile())
                .withOwnerLabel(checkpoint.getMetadata().getName());
        if (spec.getActiveDeadlineSeconds() != null) {
            options = options.withActiveDeadlineSeconds(spec.getActiveDeadlineSeconds());
        }
        return CheckpointJobBuilder.build(spec.getPodTemplateSpec(), checkpointId, version, target, options);
    }
}
