package io.podsnap.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonCreator;

/** Lifecycle phase of a DynamoCheckpoint (empty means never reconciled). */
public enum DynamoCheckpointPhase {
    Pending, Creating, Ready, Failed;

    /**
     * Reads a stored phase; an empty or unknown value (written by another operator version, or by hand where the CRD
     * enum is not enforced) reads as {@code null}, "never reconciled", which the controller resets. Failing instead
     * would break the informer's list of the whole namespace on one bad object.
     */
    @JsonCreator
    public static DynamoCheckpointPhase fromWire(String value) {
        for (DynamoCheckpointPhase phase : values()) {
            if (phase.name().equals(value)) {
                return phase;
            }
        }
        return null;
    }
}
