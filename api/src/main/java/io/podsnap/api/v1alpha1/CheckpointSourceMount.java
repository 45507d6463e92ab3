package io.podsnap.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import java.util.Objects;

/** A mount of the captured container that a restore must provide again; its contents are not checkpointed. */
public class CheckpointSourceMount {
    @Required
    @JsonPropertyDescription("Mount destination inside the captured container.")
    private String path;

    @Required
    @JsonPropertyDescription("Name of the source pod volume behind the mount.")
    private String volume;

    // Not a schema pattern: the agent writes this status, and one unexpected kind would reject its whole update.
    @JsonPropertyDescription("Kind of volume source, as Kind[/identifier]: PersistentVolumeClaim/<claim>,"
            + " ConfigMap/<name>, Secret/<name>, HostPath/<path>, CSI/<driver>, NFS/<server:path>, EmptyDir,"
            + " Projected, DownwardAPI, Ephemeral, or Volume for any other kind.")
    private String volumeSource;

    public CheckpointSourceMount() {}

    public CheckpointSourceMount(String path, String volume, String volumeSource) {
        this.path = path;
        this.volume = volume;
        this.volumeSource = volumeSource;
    }

    public String getPath() { return path; }
    public void setPath(String path) { this.path = path; }
    public String getVolume() { return volume; }
    public void setVolume(String volume) { this.volume = volume; }
    public String getVolumeSource() { return volumeSource; }
    public void setVolumeSource(String volumeSource) { this.volumeSource = volumeSource; }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof CheckpointSourceMount that
                && Objects.equals(path, that.path)
                && Objects.equals(volume, that.volume)
                && Objects.equals(volumeSource, that.volumeSource);
    }

    @Override
    public int hashCode() { return Objects.hash(path, volume, volumeSource); }

    @Override
    public String toString() {
        return "CheckpointSourceMount{path=" + path + ", volume=" + volume + ", volumeSource=" + volumeSource + "}";
    }
}
