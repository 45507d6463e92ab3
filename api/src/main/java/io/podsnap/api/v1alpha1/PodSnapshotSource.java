package io.podsnap.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import java.util.Objects;

/** What a PodSnapshot captures. An object, not a bare reference, so other kinds of source can be added later. */
public class PodSnapshotSource {
    @Required
    @JsonPropertyDescription("The pod, in this PodSnapshot's namespace, and the container to capture. The pod must"
            + " already be prepared for capture (control volume, checkpoint storage).")
    private PodReference podRef;

    public PodSnapshotSource() {}

    public PodSnapshotSource(PodReference podRef) {
        this.podRef = podRef;
    }

    public PodReference getPodRef() { return podRef; }
    public void setPodRef(PodReference podRef) { this.podRef = podRef; }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof PodSnapshotSource that && Objects.equals(podRef, that.podRef);
    }

    @Override
    public int hashCode() { return Objects.hashCode(podRef); }

    @Override
    public String toString() { return "PodSnapshotSource{podRef=" + podRef + "}"; }
}
