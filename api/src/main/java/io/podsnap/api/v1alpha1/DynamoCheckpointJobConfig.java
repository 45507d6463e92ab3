package io.podsnap.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.Objects;

/** The checkpoint Job of a DynamoCheckpoint ({@code spec.job}). */
public class DynamoCheckpointJobConfig {
    @Required
    @JsonPropertyDescription("The complete workload pod to run and capture, including any env, service account and"
            + " GMS/DRA wiring its target container needs. The operator adds the snapshot plumbing.")
    private PodTemplateSpec podTemplateSpec;

    @Default("main")
    @Pattern(ApiPatterns.DNS_LABEL)
    @Size(min = 1, max = 63)
    @JsonPropertyDescription("Container of podTemplateSpec to capture. Default main.")
    private String targetContainerName;

    @JsonPropertyDescription("Shared memory (tmpfs at /dev/shm) of the checkpoint pod. When omitted, an 8Gi tmpfs is"
            + " mounted, as for Dynamo components.")
    private SharedMemorySpec sharedMemory;

    @Min(1)
    @Default("3600")
    @JsonPropertyDescription("Maximum run time of the checkpoint Job in seconds, copied to the Job. Default 3600.")
    private Long activeDeadlineSeconds;

    @Min(0)
    @JsonPropertyDescription("Deprecated and ignored: checkpoint Jobs never retry (backoffLimit is always 0).")
    private Integer backoffLimit;

    @Min(0)
    @JsonPropertyDescription("Deprecated and ignored: the operator deletes finished checkpoint Jobs itself.")
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

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof DynamoCheckpointJobConfig that
                && Objects.equals(podTemplateSpec, that.podTemplateSpec)
                && Objects.equals(targetContainerName, that.targetContainerName)
                && Objects.equals(sharedMemory, that.sharedMemory)
                && Objects.equals(activeDeadlineSeconds, that.activeDeadlineSeconds)
                && Objects.equals(backoffLimit, that.backoffLimit)
                && Objects.equals(ttlSecondsAfterFinished, that.ttlSecondsAfterFinished);
    }

    @Override
    public int hashCode() {
        return Objects.hash(podTemplateSpec, targetContainerName, sharedMemory, activeDeadlineSeconds, backoffLimit,
                ttlSecondsAfterFinished);
    }

    @Override
    public String toString() {
        return "DynamoCheckpointJobConfig{targetContainerName=" + targetContainerName + ", sharedMemory=" + sharedMemory
                + ", activeDeadlineSeconds=" + activeDeadlineSeconds + ", backoffLimit=" + backoffLimit
                + ", ttlSecondsAfterFinished=" + ttlSecondsAfterFinished + ", podTemplateSpec=" + podTemplateSpec + "}";
    }
}
