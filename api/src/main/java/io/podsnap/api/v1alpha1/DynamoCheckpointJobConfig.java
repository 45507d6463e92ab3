package io.podsnap.api.v1alpha1;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;

public class DynamoCheckpointJobConfig {
    private PodTemplateSpec podTemplateSpec;
    private String targetContainerName;
    private SharedMemorySpec sharedMemory;
    private Long activeDeadlineSeconds;
    private Integer backoffLimit;
    private Integer ttlSecondsAfterFinished;

    public PodTemplateSpec getPodTemplateSpec() { return podTemplateSpec; }
    public void setPodTemplateSpec(PodTemplateSpec podTemplateSpec) { this.podTemplateSpec = podTemplateSpec; }
    public String getTargetContainerName() { return targetContainerName; }
    public void setTargetContainerName(String targetContainerName) { this.targetContainerName = targetContainerName; }
    public SharedMemorySpec getSharedMemory() { return sharedMemory; }
    public void setSharedMemory(SharedMemorySpec sharedMemory) { this.sharedMemory = sharedMemory; }
    public Long getActiveDeadlineSeconds() { return activeDeadlineSeconds; }
    public void setActiveDeadlineSeconds(Long activeDeadlineSeconds) { this.activeDeadlineSeconds = activeDeadlineSeconds; }
    public Integer getBackoffLimit() { return backoffLimit; }
    public void setBackoffLimit(Integer backoffLimit) { this.backoffLimit = backoffLimit; }
    public Integer getTtlSecondsAfterFinished() { return ttlSecondsAfterFinished; }
    public void setTtlSecondsAfterFinished(Integer ttlSecondsAfterFinished) { this.ttlSecondsAfterFinished = ttlSecondsAfterFinished; }
}
