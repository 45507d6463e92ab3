package io.podsnap.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import java.util.Objects;

/** Desired state of a DynamoCheckpoint. */
public class DynamoCheckpointSpec {
    // Optional in the schema on purpose (late state D): automatic checkpoints created for a DynamoGraphDeployment
    // must omit it, standalone ones must set it; the admission webhook tells the two apart.
    @JsonPropertyDescription("Deprecated: model identity of a standalone checkpoint; its hash is the legacy checkpoint"
            + " ID. Required by the admission webhook for standalone checkpoints and forbidden on automatic ones."
            + " Immutable after creation (it can be neither added nor removed).")
    private DynamoCheckpointIdentity identity;

    @JsonPropertyDescription("GPU Memory Service metadata of the prepared checkpoint pod. The operator injects nothing:"
            + " the pod template must already carry the GMS/DRA wiring. Not part of the identity.")
    private GPUMemoryServiceSpec gpuMemoryService;

    @Required
    @JsonPropertyDescription("The checkpoint Job: the pod to run and capture, and its limits.")
    private DynamoCheckpointJobConfig job;

    public DynamoCheckpointIdentity getIdentity() { return identity; }
    public void setIdentity(DynamoCheckpointIdentity identity) { this.identity = identity; }
    public GPUMemoryServiceSpec getGpuMemoryService() { return gpuMemoryService; }
    public void setGpuMemoryService(GPUMemoryServiceSpec gpuMemoryService) { this.gpuMemoryService = gpuMemoryService; }
    public DynamoCheckpointJobConfig getJob() { return job; }
    public void setJob(DynamoCheckpointJobConfig job) { this.job = job; }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof DynamoCheckpointSpec that
                && Objects.equals(identity, that.identity)
                && Objects.equals(gpuMemoryService, that.gpuMemoryService)
                && Objects.equals(job, that.job);
    }

    @Override
    public int hashCode() { return Objects.hash(identity, gpuMemoryService, job); }

    @Override
    public String toString() {
        return "DynamoCheckpointSpec{identity=" + identity + ", gpuMemoryService=" + gpuMemoryService + ", job=" + job + "}";
    }
}
