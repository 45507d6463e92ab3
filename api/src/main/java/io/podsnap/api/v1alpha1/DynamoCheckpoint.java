package io.podsnap.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type;
import io.fabric8.crd.generator.annotation.Annotations;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A request to capture one workload pod into a reusable checkpoint artifact: the operator runs the checkpoint Job
 * from {@code spec.job}, captures its target container through a PodSnapshot and reports the artifact ID in
 * {@code status.checkpointID}.
 *
 * <p>The identity rule sits on the root schema because a transition rule needs {@code oldSelf} at the level where
 * the field may appear or disappear: it also blocks adding or removing {@code spec.identity} after creation.
 */
@Group("nvidia.com")
@Version("v1alpha1")
@Plural("dynamocheckpoints")
@ShortNames("dckpt")
@Annotations(ApiPatterns.HELM_KEEP)
@ValidationRule(
        value = "!has(oldSelf.spec.identity) || self.spec.identity == oldSelf.spec.identity",
        message = "spec.identity is immutable after creation")
@AdditionalPrinterColumn(name = "Model", jsonPath = ".spec.identity.model", type = Type.STRING,
        getDescription = "Model identifier")
@AdditionalPrinterColumn(name = "Backend", jsonPath = ".spec.identity.backendFramework", type = Type.STRING,
        getDescription = "Backend framework")
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = Type.STRING,
        getDescription = "Current phase of the checkpoint")
@AdditionalPrinterColumn(name = "CheckpointID", jsonPath = ".status.checkpointID", type = Type.STRING,
        getDescription = "Artifact ID of the checkpoint")
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = Type.DATE)
public class DynamoCheckpoint extends CustomResource<DynamoCheckpointSpec, DynamoCheckpointStatus> implements Namespaced {

    @Override
    @JsonPropertyDescription("Desired checkpoint: what to run (job), optional GPU Memory Service metadata and the"
            + " deprecated model identity.")
    public DynamoCheckpointSpec getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonPropertyDescription("Observed state, written by the operator: phase, checkpoint ID and the objects it created.")
    public DynamoCheckpointStatus getStatus() {
        return super.getStatus();
    }
}
