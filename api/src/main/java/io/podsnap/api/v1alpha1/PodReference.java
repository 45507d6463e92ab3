package io.podsnap.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;
import java.util.Objects;

/**
 * The source pod of a capture ({@code spec.source.podRef} of PodSnapshot and PodSnapshotContent). The UID pins one
 * incarnation of the pod: an agent must never dump a same-named pod that replaced it.
 */
public class PodReference {
    @Required
    @Size(min = 1)
    @JsonPropertyDescription("Name of the source pod, in the namespace of the PodSnapshot.")
    private String name;

    @JsonPropertyDescription("UID of the source pod; when set, only that incarnation of the pod is captured.")
    private String uid;

    @Required
    @Size(min = 1, max = 1)
    @JsonPropertyDescription("Containers of the source pod to capture. v1alpha1 captures exactly one.")
    private List<@Pattern(ApiPatterns.DNS_LABEL) @Size(min = 1, max = 63) String> containers;

    public PodReference() {}

    public PodReference(String name, String uid, List<String> containers) {
        this.name = name;
        this.uid = uid;
        this.containers = containers;
    }

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getUid() { return uid; }
    public void setUid(String uid) { this.uid = uid; }
    public List<String> getContainers() { return containers; }
    public void setContainers(List<String> containers) { this.containers = containers; }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof PodReference that
                && Objects.equals(name, that.name)
                && Objects.equals(uid, that.uid)
                && Objects.equals(containers, that.containers);
    }

    @Override
    public int hashCode() { return Objects.hash(name, uid, containers); }

    @Override
    public String toString() { return "PodReference{name=" + name + ", uid=" + uid + ", containers=" + containers + "}"; }
}
