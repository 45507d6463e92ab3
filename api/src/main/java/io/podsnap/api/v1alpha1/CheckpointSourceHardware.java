package io.podsnap.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import java.util.List;
import java.util.Objects;

/** GPU facts of the captured container ({@code status.source.hardware}). */
public class CheckpointSourceHardware {
    @Min(0)
    @JsonPropertyDescription("Number of GPUs visible to the captured container; a restore needs as many.")
    private Integer gpuCount;

    @JsonPropertyDescription("The GPUs visible to the captured container, in device order.")
    private List<CheckpointSourceGPU> gpus;

    public Integer getGpuCount() { return gpuCount; }
    public void setGpuCount(Integer gpuCount) { this.gpuCount = gpuCount; }
    public List<CheckpointSourceGPU> getGpus() { return gpus; }
    public void setGpus(List<CheckpointSourceGPU> gpus) { this.gpus = gpus; }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof CheckpointSourceHardware that
                && Objects.equals(gpuCount, that.gpuCount)
                && Objects.equals(gpus, that.gpus);
    }

    @Override
    public int hashCode() { return Objects.hash(gpuCount, gpus); }

    @Override
    public String toString() { return "CheckpointSourceHardware{gpuCount=" + gpuCount + ", gpus=" + gpus + "}"; }
}
