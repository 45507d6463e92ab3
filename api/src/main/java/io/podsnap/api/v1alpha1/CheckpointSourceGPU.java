package io.podsnap.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** One GPU of the captured container. */
public class CheckpointSourceGPU {
    @JsonPropertyDescription("GPU UUID recorded at capture time (GPU-...).")
    private String uuid;

    public CheckpointSourceGPU() {}

    public CheckpointSourceGPU(String uuid) {
        this.uuid = uuid;
    }

    public String getUuid() { return uuid; }
    public void setUuid(String uuid) { this.uuid = uuid; }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof CheckpointSourceGPU that && Objects.equals(uuid, that.uuid);
    }

    @Override
    public int hashCode() { return Objects.hashCode(uuid); }

    @Override
    public String toString() { return "CheckpointSourceGPU{uuid=" + uuid + "}"; }
}
