package io.podsnap.operator.checkpoint;

import io.fabric8.kubernetes.api.model.DeleteOptions;
import io.fabric8.kubernetes.api.model.DeleteOptionsBuilder;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.podsnap.api.v1alpha1.DynamoCheckpoint;
import io.podsnap.operator.reconcile.ApiErrors;
import io.podsnap.protocol.WireNames;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The checkpoint's Jobs (checkpoint Job and cleanup Job): how their outcome is read, how their source pod is found,
 * and the few writes the controller makes to them. The readers are pure; the writers are one API call each.
 */
public final class DynamoCheckpointJobs {
    private DynamoCheckpointJobs() {}

    /** Job condition types, as the Job controller writes them. */
    public static final String CONDITION_COMPLETE = "Complete";
    public static final String CONDITION_FAILED = "Failed";
    /** ttlSecondsAfterFinished that operators before the controller-driven cleanup put on checkpoint Jobs. */
    public static final int LEGACY_TTL_SECONDS = 300;

    // ---- reading (pure) -----------------------------------------------------------------------------------------

    /** Condition Complete=True. {@code status.succeeded > 0} alone is not completion: a Job is done only when it says so. */
    public static boolean isComplete(Job job) {
        return conditionTrue(job, CONDITION_COMPLETE).isPresent();
    }

    /** Condition Failed=True (backoff limit hit, deadline exceeded, pod failure). */
    public static boolean isFailed(Job job) {
        return conditionTrue(job, CONDITION_FAILED).isPresent();
    }

    /** "checkpoint job failed", plus the Job's Failed condition message when it has one. */
    public static String failedMessage(Job job) {
        String detail = conditionTrue(job, CONDITION_FAILED).map(JobCondition::getMessage).orElse(null);
        return detail == null || detail.isBlank() ? "checkpoint job failed" : "checkpoint job failed: " + detail;
    }

    /** A checkpoint Job created by an operator that still relied on the Job TTL to clean up (§5.5). */
    public static boolean hasLegacyTtl(Job job) {
        return job.getSpec() != null && Objects.equals(job.getSpec().getTtlSecondsAfterFinished(), LEGACY_TTL_SECONDS);
    }

    /** A copy of {@code job} controlled by the checkpoint. */
    public static Job withController(Job job, DynamoCheckpoint checkpoint) {
        Job copy = new JobBuilder(job).build();
        List<OwnerReference> refs = copy.getMetadata().getOwnerReferences() == null
                ? new ArrayList<>() : new ArrayList<>(copy.getMetadata().getOwnerReferences());
        refs.removeIf(ref -> Boolean.TRUE.equals(ref.getController()));
        refs.add(DynamoCheckpointOwnership.controllerReference(checkpoint));
        copy.getMetadata().setOwnerReferences(refs);
        return copy;
    }

    /**
     * The pod the Job runs for capture: labelled {@code batch.kubernetes.io/job-name=<job>} <em>and</em> controlled
     * by this Job's UID (a same-named Job from an earlier incarnation left pods with the same label). A pod being
     * deleted is never chosen; among the rest, the newest wins (a Job never retries, so normally there is one).
     */
    public static Optional<Pod> sourcePod(Job job, List<Pod> pods) {
        String jobName = job.getMetadata().getName();
        String jobUid = job.getMetadata().getUid();
        return pods.stream()
                .filter(pod -> jobName.equals(label(pod, WireNames.LABEL_JOB_NAME)))
                .filter(pod -> DynamoCheckpointOwnership.isControlledBy(pod, jobUid))
                .filter(pod -> pod.getMetadata().getDeletionTimestamp() == null)
                .max(Comparator.comparing((Pod pod) -> nullToEmpty(pod.getMetadata().getCreationTimestamp()))
                        .thenComparing(pod -> pod.getMetadata().getName()));
    }

    /**
     * Delete options for a terminal checkpoint Job: the UID precondition makes the delete miss a same-named Job
     * created after we read this one; background propagation lets the GC remove the pod without blocking the delete.
     */
    public static DeleteOptions terminalDeleteOptions(Job job) {
        return deleteOptions(job.getMetadata().getUid());
    }

    /** UID precondition, background propagation. */
    static DeleteOptions deleteOptions(String uid) {
        return new DeleteOptionsBuilder()
                .withApiVersion("v1")
                .withKind("DeleteOptions")
                .withNewPreconditions().withUid(uid).endPreconditions()
                .withPropagationPolicy(DeletionPropagation.BACKGROUND.toString())
                .build();
    }

    // ---- writing (one API call each) ----------------------------------------------------------------------------

    public static Job create(KubernetesClient client, Job job) {
        return client.batch().v1().jobs().inNamespace(job.getMetadata().getNamespace()).resource(job).create();
    }

    /** A live read, for when the cache may lag behind our own create. Null when absent. */
    public static Job get(KubernetesClient client, String namespace, String name) {
        return client.batch().v1().jobs().inNamespace(namespace).withName(name).get();
    }

    /**
     * Deletes the Job with a UID precondition and background propagation. NotFound counts as deleted; a 409 (the
     * UID precondition failed: a new Job took the name) too, since the Job we meant is gone.
     *
     * @return true if this call deleted it
     */
    public static boolean delete(KubernetesClient client, Job job) {
        String path = "/apis/batch/v1/namespaces/" + job.getMetadata().getNamespace() + "/jobs/"
                + job.getMetadata().getName();
        try {
            // The informer lags our own deletes: look first, so a reconcile that still sees the Job in its cache does
            // not send a second DELETE (a read is cheap; every write is counted against the API server).
            Job live = get(client, job.getMetadata().getNamespace(), job.getMetadata().getName());
            if (live == null || !live.getMetadata().getUid().equals(job.getMetadata().getUid())
                    || live.getMetadata().getDeletionTimestamp() != null) {
                return false;
            }
            // fabric8's DSL only sends resourceVersion preconditions, so the DeleteOptions go out as they are.
            client.raw(path, "DELETE", terminalDeleteOptions(job));
            return true;
        } catch (KubernetesClientException e) {
            if (ApiErrors.isNotFound(e) || ApiErrors.isConflict(e)) {
                return false;
            }
            throw e;
        }
    }

    /** Removes a legacy TTL so the Job outlives its outcome until the controller has read it. */
    public static Job stripLegacyTtl(KubernetesClient client, Job job) {
        return client.batch().v1().jobs().inNamespace(job.getMetadata().getNamespace()).resource(job)
                .edit(j -> new JobBuilder(j).editSpec().withTtlSecondsAfterFinished(null).endSpec().build());
    }

    private static Optional<JobCondition> conditionTrue(Job job, String type) {
        if (job == null || job.getStatus() == null || job.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return job.getStatus().getConditions().stream()
                .filter(c -> type.equals(c.getType()) && "True".equals(c.getStatus()))
                .findFirst();
    }

    static String label(HasMetadata object, String key) {
        Map<String, String> labels = object.getMetadata() == null ? null : object.getMetadata().getLabels();
        return labels == null ? null : labels.get(key);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
