package io.podsnap.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.Objects;

/** What a PodSnapshotContent captures: the source pod and the node it runs on ({@code spec.source}). */
public class PodSnapshotContentSource {
    @Required
    @JsonPropertyDescription("The pod and container to dump. Its uid guards against dumping a same-named"
            + " re-creation of the pod.")
    private PodReference podRef;

    // Copied from the live pod so the pod and its node travel as one immutable unit; the node agent selects its
    // work by this value (mirrored in the nvidia.com/snapshot-node label).
    @Required
    @Size(min = 1)
    @JsonPropertyDescription("Node the source pod runs on; selects the node agent that performs the dump.")
    private String nodeName;

    public PodSnapshotContentSource() {}

    public PodSnapshotContentSource(PodReference podRef, String nodeName) {
        this.podRef = podRef;
        this.nodeName = nodeName;
    }

    public PodReference getPodRef() { return podRef; }
    public void setPodRef(PodReference podRef) { this.podRef = podRef; }
    public String getNodeName() { return nodeName; }
    public void setNodeName(String nodeName) { this.nodeName = nodeName; }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof PodSnapshotContentSource that
                && Objects.equals(podRef, that.podRef)
                && Objects.equals(nodeName, that.nodeName);
    }

    @Override
    public int hashCode() { return Objects.hash(podRef, nodeName); }

    @Override
    public String toString() { return "PodSnapshotContentSource{podRef=" + podRef + ", nodeName=" + nodeName + "}"; }
}
