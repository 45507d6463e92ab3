package io.podsnap.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import java.util.Objects;

/** Desired state of a PodSnapshot; immutable once created. */
public class PodSnapshotSpec {
    @Required
    @JsonPropertyDescription("The workload to capture.")
    private PodSnapshotSource source;

    public PodSnapshotSpec() {}

    public PodSnapshotSpec(PodSnapshotSource source) {
        this.source = source;
    }

    public PodSnapshotSource getSource() { return source; }
    public void setSource(PodSnapshotSource source) { this.source = source; }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof PodSnapshotSpec that && Objects.equals(source, that.source);
    }

    @Override
    public int hashCode() { return Objects.hashCode(source); }

    @Override
    public String toString() { return "PodSnapshotSpec{source=" + source + "}"; }
}
