package io.podsnap.operator.checkpoint;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.podsnap.api.v1alpha1.DynamoCheckpoint;
import io.podsnap.operator.config.OperatorConfig;
import io.podsnap.protocol.storage.Storage;

/**
 * STUB CONTRACT (being implemented): the artifact cleanup Job of an automatic checkpoint (operator doc §7.4).
 * Pure; the caller adds the controller owner reference. Signature is fixed.
 */
public final class CleanupJobFactory {
    private CleanupJobFactory() {}

    /** @throws IllegalArgumentException when the storage has no PVC or the ID cannot name a Job */
    public static Job desiredCleanupJob(DynamoCheckpoint checkpoint, String checkpointId, Storage storage,
                                        OperatorConfig config) {
        throw new UnsupportedOperationException("cleanup Job not implemented yet");
    }
}
