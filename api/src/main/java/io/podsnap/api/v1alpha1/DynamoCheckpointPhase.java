package io.podsnap.api.v1alpha1;

/** Lifecycle phase of a DynamoCheckpoint (empty means never reconciled). */
public enum DynamoCheckpointPhase {
    Pending, Creating, Ready, Failed
}
