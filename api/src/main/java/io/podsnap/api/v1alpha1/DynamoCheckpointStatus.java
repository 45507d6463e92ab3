package io.podsnap.api.v1alpha1;

import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

public class DynamoCheckpointStatus {
    private DynamoCheckpointPhase phase;
    private String checkpointID;
    private String identityHash;
    private String jobName;
    private String podSnapshotName;
    private String createdAt;
    private String message;
    private List<Condition> conditions = new ArrayList<>();

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
}
