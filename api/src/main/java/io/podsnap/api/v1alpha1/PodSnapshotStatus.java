package io.podsnap.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Observed state of a PodSnapshot, written by the operator. */
public class PodSnapshotStatus {
    // The wire name keeps the older "Snapshot" spelling (upstream Go field: BoundPodSnapshotContentName).
    @JsonProperty("boundSnapshotContentName")
    @JsonPropertyDescription("Name of the cluster-scoped PodSnapshotContent this PodSnapshot is bound to; unset until"
            + " the content exists and the binding is recorded.")
    private String boundSnapshotContentName;

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonPropertyDescription("Latest observations. Ready=True: the capture is complete and restorable. Failed=True:"
            + " the capture failed for good (sticky). Both False: pending. Ready and Failed are never both True.")
    private List<Condition> conditions = new ArrayList<>();

    public String getBoundSnapshotContentName() { return boundSnapshotContentName; }
    public void setBoundSnapshotContentName(String boundSnapshotContentName) { this.boundSnapshotContentName = boundSnapshotContentName; }
    public List<Condition> getConditions() { return conditions; }
    public void setConditions(List<Condition> conditions) { this.conditions = conditions; }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof PodSnapshotStatus that
                && Objects.equals(boundSnapshotContentName, that.boundSnapshotContentName)
                && Objects.equals(conditions, that.conditions);
    }

    @Override
    public int hashCode() { return Objects.hash(boundSnapshotContentName, conditions); }

    @Override
    public String toString() {
        return "PodSnapshotStatus{boundSnapshotContentName=" + boundSnapshotContentName + ", conditions=" + conditions + "}";
    }
}
