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
 * The namespaced request and handle for one container capture. The operator binds it to a cluster-scoped
 * PodSnapshotContent (the work order the node agent executes); restore pods name it in
 * {@code nvidia.com/restore-from}.
 */
@Group("nvidia.com")
@Version("v1alpha1")
@Plural("podsnapshots")
@ShortNames("podsnap")
@Annotations(ApiPatterns.HELM_KEEP)
@ValidationRule(value = "!has(oldSelf.spec) || self.spec == oldSelf.spec", message = "spec is immutable")
@AdditionalPrinterColumn(name = "Content", jsonPath = ".status.boundSnapshotContentName", type = Type.STRING,
        getDescription = "Bound PodSnapshotContent")
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
        type = Type.STRING, getDescription = "Ready condition")
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = Type.DATE)
public class PodSnapshot extends CustomResource<PodSnapshotSpec, PodSnapshotStatus> implements Namespaced {

    @Override
    @JsonPropertyDescription("What to capture. Immutable.")
    public PodSnapshotSpec getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonPropertyDescription("Binding and capture progress, written by the operator.")
    public PodSnapshotStatus getStatus() {
        return super.getStatus();
    }
}
