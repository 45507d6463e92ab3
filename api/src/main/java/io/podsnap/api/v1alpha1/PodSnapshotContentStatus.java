package io.podsnap.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Observed state of a PodSnapshotContent, written by the node agent. */
public class PodSnapshotContentStatus {
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonPropertyDescription("Latest observations, written by the node agent. Ready=True (reason Captured): the"
            + " checkpoint is complete. Failed=True: the capture failed for good; the reason says why.")
    private List<Condition> conditions = new ArrayList<>();

    @JsonPropertyDescription("Facts about the captured source (GPUs, node, mounts) that a restore must reproduce.")
    private CheckpointSource source;

    public List<Condition> getConditions() { return conditions; }
    public void setConditions(List<Condition> conditions) { this.conditions = conditions; }
    public CheckpointSource getSource() { return source; }
    public void setSource(CheckpointSource source) { this.source = source; }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof PodSnapshotContentStatus that
                && Objects.equals(conditions, that.conditions)
                && Objects.equals(source, that.source);
    }

    @Override
    public int hashCode() { return Objects.hash(conditions, source); }

    @Override
    public String toString() { return "PodSnapshotContentStatus{conditions=" + conditions + ", source=" + source + "}"; }
}
