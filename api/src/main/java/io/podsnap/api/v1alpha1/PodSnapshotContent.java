package io.podsnap.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type;
import io.fabric8.crd.generator.annotation.Annotations;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Cluster-scoped work order and record of one container capture, created by the operator for a PodSnapshot and
 * executed by the node agent of {@code spec.source.nodeName}. Not {@code Namespaced}: it is cluster-scoped.
 */
@Group("nvidia.com")
@Version("v1alpha1")
@Plural("podsnapshotcontents")
@ShortNames("podsnapcontent")
@Annotations(ApiPatterns.HELM_KEEP)
@ValidationRule(value = "!has(oldSelf.spec) || self.spec == oldSelf.spec", message = "spec is immutable")
@AdditionalPrinterColumn(name = "PodSnapshot", jsonPath = ".spec.snapshotRef.name", type = Type.STRING,
        getDescription = "Bound PodSnapshot")
@AdditionalPrinterColumn(name = "Namespace", jsonPath = ".spec.snapshotRef.namespace", type = Type.STRING,
        getDescription = "PodSnapshot namespace")
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
        type = Type.STRING, getDescription = "Ready condition")
@AdditionalPrinterColumn(name = "Mounts", jsonPath = ".status.source.mountCount", type = Type.INTEGER,
        getDescription = "Source mounts a restore must provide")
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = Type.DATE)
public class PodSnapshotContent extends CustomResource<PodSnapshotContentSpec, PodSnapshotContentStatus> {

    @Override
    @JsonPropertyDescription("The bound PodSnapshot and the pod to dump. Immutable.")
    public PodSnapshotContentSpec getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonPropertyDescription("Capture progress and the recorded source environment, written by the node agent.")
    public PodSnapshotContentStatus getStatus() {
        return super.getStatus();
    }
}
