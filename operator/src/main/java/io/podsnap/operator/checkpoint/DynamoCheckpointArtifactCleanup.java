package io.podsnap.operator.checkpoint;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.podsnap.api.v1alpha1.DynamoCheckpoint;
import io.podsnap.operator.config.OperatorConfig;
import io.podsnap.operator.reconcile.ApiErrors;
import io.podsnap.protocol.WireNames;
import io.podsnap.protocol.identity.CheckpointIds;
import io.podsnap.protocol.naming.Names;
import io.podsnap.protocol.storage.Storage;
import io.podsnap.protocol.storage.StorageDiscovery;
import io.podsnap.protocol.storage.StorageFromConfig;
import java.util.Objects;
import java.util.Optional;

/**
 * Finalizer work of an automatic checkpoint being deleted (operator doc §5.6): a cleanup Job
 * ({@code checkpoint-cleanup-<id>}) removes the artifact directory from the checkpoint PVC, and the finalizer stays
 * until that Job has completed. It runs whatever the deletion policy: Retain only detaches the checkpoint from its
 * DynamoGraphDeployment; deleting the checkpoint itself always deletes its artifact.
 *
 * <p>Other checkpoints never get the finalizer; if one carries it anyway there is nothing to clean and it is released.
 */
public final class DynamoCheckpointArtifactCleanup {
    private DynamoCheckpointArtifactCleanup() {}

    /** What the finalizer should do next. */
    public enum Result {
        /** The cleanup Job is created, running or being retried: keep the finalizer, look again later. */
        PENDING,
        /** The artifact is gone (or there was none to remove): remove the finalizer. */
        FINISHED
    }

    /** One pass: what to do with the finalizer, and what happened (for the log). */
    public record Pass(Result result, String detail) {}

    /** The decision for the current cleanup Job (pure). */
    public sealed interface Verdict {
        /** No cleanup Job yet: build and create it. */
        record Create() implements Verdict {}

        /** It is running. */
        record Running(Job job) implements Verdict {}

        /** It failed: delete it so the next pass creates a fresh one. */
        record DeleteAndRetry(Job job) implements Verdict {}

        /** It completed: delete it; cleanup is finished. */
        record DeleteAndFinish(Job job) implements Verdict {}

        /** The Job of that name belongs to another checkpoint ID: never delete or reuse it. */
        record Mismatch(String message) implements Verdict {}
    }

    /** The verdict for the cleanup Job of {@code checkpointId}, as observed. */
    public static Verdict decide(String checkpointId, Optional<Job> cleanupJob) {
        if (cleanupJob.isEmpty()) {
            return new Verdict.Create();
        }
        Job job = cleanupJob.get();
        String label = DynamoCheckpointJobs.label(job, WireNames.LABEL_CHECKPOINT_ID);
        if (!Objects.equals(checkpointId, label)) {
            return new Verdict.Mismatch("cleanup job " + job.getMetadata().getName() + " has "
                    + WireNames.LABEL_CHECKPOINT_ID + "=" + label + ", expected " + checkpointId
                    + "; it is not this checkpoint's cleanup job, delete it to let the artifact cleanup proceed");
        }
        if (DynamoCheckpointJobs.isComplete(job)) {
            return new Verdict.DeleteAndFinish(job);
        }
        if (DynamoCheckpointJobs.isFailed(job)) {
            return new Verdict.DeleteAndRetry(job);
        }
        return new Verdict.Running(job);
    }

    /**
     * One finalizer pass for {@code checkpoint}.
     *
     * @throws DynamoCheckpointRetryException when the cleanup Job name is taken by another checkpoint ID
     * @throws IllegalArgumentException       when the storage or the cleanup Job cannot be built (retried)
     * @throws KubernetesClientException      for API errors (retried)
     */
    public static Pass run(KubernetesClient client, DynamoCheckpoint checkpoint, OperatorConfig config) {
        if (!CheckpointIds.isAutomatic(checkpoint)) {
            return new Pass(Result.FINISHED, "not an automatic checkpoint: no artifact cleanup");
        }
        String checkpointId = CheckpointIds.resolve(checkpoint);
        String namespace = checkpoint.getMetadata().getNamespace();
        String name = Names.cleanupJob(checkpointId);
        Job current = DynamoCheckpointJobs.get(client, namespace, name);
        return switch (decide(checkpointId, Optional.ofNullable(current))) {
            case Verdict.Create create -> {
                Storage storage = storage(client, namespace, config);
                Job job = DynamoCheckpointJobs.withController(
                        CleanupJobFactory.desiredCleanupJob(checkpoint, checkpointId, storage, config), checkpoint);
                try {
                    DynamoCheckpointJobs.create(client, job);
                } catch (KubernetesClientException e) {
                    if (!ApiErrors.isAlreadyExists(e)) {
                        throw e;
                    }
                }
                yield new Pass(Result.PENDING, "cleanup job " + name + " created");
            }
            case Verdict.Running running -> new Pass(Result.PENDING, "cleanup job " + name + " still running");
            case Verdict.DeleteAndRetry retry -> {
                DynamoCheckpointJobs.delete(client, retry.job());
                yield new Pass(Result.PENDING, "cleanup job " + name + " failed and was deleted for retry");
            }
            case Verdict.DeleteAndFinish finish -> {
                DynamoCheckpointJobs.delete(client, finish.job());
                yield new Pass(Result.FINISHED, "cleanup job " + name + " completed and was deleted");
            }
            case Verdict.Mismatch mismatch -> throw new DynamoCheckpointRetryException(mismatch.message());
        };
    }

    /** The configured storage, else the one the namespace's snapshot-agent DaemonSet mounts (operator doc §13). */
    static Storage storage(KubernetesClient client, String namespace, OperatorConfig config) {
        Optional<Storage> configured = config.storage().flatMap(StorageFromConfig::resolve);
        return configured.orElseGet(() -> StorageDiscovery.discover(client, namespace));
    }
}
