package io.podsnap.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Observed state of a DynamoCheckpoint, written by the operator only. */
public class DynamoCheckpointStatus {
    @JsonPropertyDescription("Lifecycle phase: Pending, Creating, Ready or Failed. Empty until first reconciled."
            + " Ready and Failed are terminal.")
    private DynamoCheckpointPhase phase;

    @JsonPropertyDescription("Artifact ID of the checkpoint: the key restore pods and the node agent use to find it.")
    private String checkpointID;

    @JsonPropertyDescription("Deprecated: mirror of checkpointID, kept for older readers.")
    private String identityHash;

    @JsonPropertyDescription("Name of the checkpoint Job; kept after the terminal phase for cleanup.")
    private String jobName;

    @JsonPropertyDescription("Name of the PodSnapshot this checkpoint owns; for observability only.")
    private String podSnapshotName;

    @JsonPropertyDescription("Time the checkpoint became Ready (RFC 3339).")
    private String createdAt;

    @JsonPropertyDescription("Human-readable reason for the current phase; empty on success.")
    private String message;

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonPropertyDescription("Deprecated: use phase. Still written: JobCreated and JobCompleted.")
    private List<Condition> conditions = new ArrayList<>();

    @JsonPropertyDescription("Deprecated: no longer populated; kept so older objects still validate.")
    private String location;

    @SchemaFrom(type = StorageType.class)
    @JsonPropertyDescription("Deprecated: no longer populated (was pvc, s3 or oci); kept so older objects still"
            + " validate.")
    private String storageType;

    public DynamoCheckpointPhase getPhase() { return phase; }
    public void setPhase(DynamoCheckpointPhase phase) { this.phase = phase; }
    public String getCheckpointID() { return checkpointID; }
    public void setCheckpointID(String checkpointID) { this.checkpointID = checkpointID; }
    public String getIdentityHash() { return identityHash; }
    public void setIdentityHash(String identityHash) { this.identityHash = identityHash; }
    public String getJobName() { return jobName; }
    public void setJobName(String jobName) { this.jobName = jobName; }
    public String getPodSnapshotName() { return podSnapshotName; }
    public void setPodSnapshotName(String podSnapshotName) { this.podSnapshotName = podSnapshotName; }
    public String getCreatedAt() { return createdAt; }
    public void setCreatedAt(String createdAt) { this.createdAt = createdAt; }
    public String getMessage() { return message; }
    public void setMessage(String message) { this.message = message; }
    public List<Condition> getConditions() { return conditions; }
    public void setConditions(List<Condition> conditions) { this.conditions = conditions; }
    public String getLocation() { return location; }
    public void setLocation(String location) { this.location = location; }
    public String getStorageType() { return storageType; }
    public void setStorageType(String storageType) { this.storageType = storageType; }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof DynamoCheckpointStatus that
                && phase == that.phase
                && Objects.equals(checkpointID, that.checkpointID)
                && Objects.equals(identityHash, that.identityHash)
                && Objects.equals(jobName, that.jobName)
                && Objects.equals(podSnapshotName, that.podSnapshotName)
                && Objects.equals(createdAt, that.createdAt)
                && Objects.equals(message, that.message)
                && Objects.equals(conditions, that.conditions)
                && Objects.equals(location, that.location)
                && Objects.equals(storageType, that.storageType);
    }

    @Override
    public int hashCode() {
        return Objects.hash(phase, checkpointID, identityHash, jobName, podSnapshotName, createdAt, message, conditions,
                location, storageType);
    }

    @Override
    public String toString() {
        return "DynamoCheckpointStatus{phase=" + phase + ", checkpointID=" + checkpointID
                + ", identityHash=" + identityHash + ", jobName=" + jobName + ", podSnapshotName=" + podSnapshotName
                + ", createdAt=" + createdAt + ", message=" + message + ", conditions=" + conditions
                + ", location=" + location + ", storageType=" + storageType + "}";
    }
}
