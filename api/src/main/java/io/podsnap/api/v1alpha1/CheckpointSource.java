package io.podsnap.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import java.util.List;
import java.util.Objects;

/** The captured source environment, as recorded in the checkpoint manifest; restore placement hints. */
public class CheckpointSource {
    @JsonPropertyDescription("GPUs visible to the captured container.")
    private CheckpointSourceHardware hardware;

    @JsonPropertyDescription("Name of the node the checkpoint was captured on.")
    private String node;

    @JsonPropertyDescription("Mounts of the source container that a restore must provide again. Their contents are"
            + " not part of the checkpoint.")
    private List<CheckpointSourceMount> mounts;

    @Min(0)
    @JsonPropertyDescription("Number of entries in mounts, for the Mounts printer column.")
    private Integer mountCount;

    public CheckpointSourceHardware getHardware() { return hardware; }
    public void setHardware(CheckpointSourceHardware hardware) { this.hardware = hardware; }
    public String getNode() { return node; }
    public void setNode(String node) { this.node = node; }
    public List<CheckpointSourceMount> getMounts() { return mounts; }
    public void setMounts(List<CheckpointSourceMount> mounts) { this.mounts = mounts; }
    public Integer getMountCount() { return mountCount; }
    public void setMountCount(Integer mountCount) { this.mountCount = mountCount; }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof CheckpointSource that
                && Objects.equals(hardware, that.hardware)
                && Objects.equals(node, that.node)
                && Objects.equals(mounts, that.mounts)
                && Objects.equals(mountCount, that.mountCount);
    }

    @Override
    public int hashCode() { return Objects.hash(hardware, node, mounts, mountCount); }

    @Override
    public String toString() {
        return "CheckpointSource{hardware=" + hardware + ", node=" + node + ", mounts=" + mounts
                + ", mountCount=" + mountCount + "}";
    }
}
