package io.podsnap.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import java.util.Objects;

/** Desired state of a PodSnapshotContent, set by the operator at creation; immutable. */
public class PodSnapshotContentSpec {
    // Upstream Go field: PodSnapshotRef; the wire name is snapshotRef.
    @Required
    @JsonProperty("snapshotRef")
    @JsonPropertyDescription("The PodSnapshot this content is bound to. May name any namespace, since the content is"
            + " cluster-scoped.")
    private SnapshotReference snapshotRef;

    @Required
    @JsonPropertyDescription("The pod to dump and the node it runs on.")
    private PodSnapshotContentSource source;

    public PodSnapshotContentSpec() {}

    public PodSnapshotContentSpec(SnapshotReference snapshotRef, PodSnapshotContentSource source) {
        this.snapshotRef = snapshotRef;
        this.source = source;
    }

    public SnapshotReference getSnapshotRef() { return snapshotRef; }
    public void setSnapshotRef(SnapshotReference snapshotRef) { this.snapshotRef = snapshotRef; }
    public PodSnapshotContentSource getSource() { return source; }
    public void setSource(PodSnapshotContentSource source) { this.source = source; }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof PodSnapshotContentSpec that
                && Objects.equals(snapshotRef, that.snapshotRef)
                && Objects.equals(source, that.source);
    }

    @Override
    public int hashCode() { return Objects.hash(snapshotRef, source); }

    @Override
    public String toString() { return "PodSnapshotContentSpec{snapshotRef=" + snapshotRef + ", source=" + source + "}"; }
}
