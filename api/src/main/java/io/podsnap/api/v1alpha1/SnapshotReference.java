package io.podsnap.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import java.util.Objects;

/**
 * Back-pointer from a PodSnapshotContent to its PodSnapshot ({@code spec.snapshotRef}). A binding is trusted only
 * when both sides point at each other; the UID tells a deleted-and-recreated PodSnapshot from the original.
 */
public class SnapshotReference {
    @Required
    @JsonPropertyDescription("Namespace of the bound PodSnapshot.")
    private String namespace;

    @Required
    @JsonPropertyDescription("Name of the bound PodSnapshot.")
    private String name;

    @JsonPropertyDescription("UID of the bound PodSnapshot, recorded at binding time to detect a stale reference"
            + " after a delete and re-create.")
    private String uid;

    public SnapshotReference() {}

    public SnapshotReference(String namespace, String name, String uid) {
        this.namespace = namespace;
        this.name = name;
        this.uid = uid;
    }

    public String getNamespace() { return namespace; }
    public void setNamespace(String namespace) { this.namespace = namespace; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getUid() { return uid; }
    public void setUid(String uid) { this.uid = uid; }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof SnapshotReference that
                && Objects.equals(namespace, that.namespace)
                && Objects.equals(name, that.name)
                && Objects.equals(uid, that.uid);
    }

    @Override
    public int hashCode() { return Objects.hash(namespace, name, uid); }

    @Override
    public String toString() { return "SnapshotReference{namespace=" + namespace + ", name=" + name + ", uid=" + uid + "}"; }
}
