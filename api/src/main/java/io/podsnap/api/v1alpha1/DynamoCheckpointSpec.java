package io.podsnap.api.v1alpha1;

public class DynamoCheckpointSpec {
    private DynamoCheckpointIdentity identity;
    private GPUMemoryServiceSpec gpuMemoryService;
    private DynamoCheckpointJobConfig job;

    public DynamoCheckpointIdentity getIdentity() { return identity; }
    public void setIdentity(DynamoCheckpointIdentity identity) { this.identity = identity; }
    public GPUMemoryServiceSpec getGpuMemoryService() { return gpuMemoryService; }
    public void setGpuMemoryService(GPUMemoryServiceSpec gpuMemoryService) { this.gpuMemoryService = gpuMemoryService; }
    public DynamoCheckpointJobConfig getJob() { return job; }
    public void setJob(DynamoCheckpointJobConfig job) { this.job = job; }
}
