package io.podsnap.operator.checkpoint;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.podsnap.api.v1alpha1.DynamoCheckpoint;
import io.podsnap.api.v1alpha1.DynamoCheckpointStatus;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes a DynamoCheckpoint's status: only when it differs from what was read, and by PUT to {@code /status} with
 * the resourceVersion that was read. A concurrent writer (another operator replica before the lease moved, a user
 * editing status) therefore makes the write fail with 409 instead of being overwritten; the reconcile is retried on
 * a fresh read. A JSON merge patch would not conflict, and it appends to lists on the test mock.
 */
public final class DynamoCheckpointStatusWriter {
    private DynamoCheckpointStatusWriter() {}

    /**
     * @return the checkpoint as stored after the write, or empty when {@code desired} equals the current status and
     *         nothing was written
     */
    public static Optional<DynamoCheckpoint> write(KubernetesClient client, DynamoCheckpoint current,
                                                   DynamoCheckpointStatus desired) {
        if (Objects.equals(current.getStatus(), desired)) {
            return Optional.empty();
        }
        DynamoCheckpoint copy = client.getKubernetesSerialization().clone(current);
        copy.setStatus(DynamoCheckpointStatuses.copy(desired));
        return Optional.of(client.resource(copy).updateStatus());
    }

    /**
     * Replaces the object's metadata (labels, finalizers) by PUT with the read resourceVersion; a stale read fails
     * with 409 and is retried.
     */
    public static DynamoCheckpoint updateMetadata(KubernetesClient client, DynamoCheckpoint edited) {
        return client.resource(edited).update();
    }
}
