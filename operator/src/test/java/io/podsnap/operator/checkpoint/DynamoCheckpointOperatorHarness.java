package io.podsnap.operator.checkpoint;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import static io.podsnap.operator.checkpoint.DynamoCheckpointFixtures.CLOCK;
import static io.podsnap.operator.checkpoint.DynamoCheckpointFixtures.NS;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.processing.retry.GenericRetry;
import io.podsnap.api.v1alpha1.DynamoCheckpoint;
import io.podsnap.api.v1alpha1.DynamoCheckpointPhase;
import io.podsnap.api.v1alpha1.PodSnapshot;
import io.podsnap.operator.checkpoint.DynamoCheckpointFixtures.RecordingEvents;
import io.podsnap.operator.config.OperatorConfig;
import io.podsnap.protocol.WireNames;
import io.podsnap.testkit.MockApiServer;
import io.podsnap.testkit.Verb;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A real JOSDK {@link Operator} running the DynamoCheckpoint controller against the testkit's mock API server, plus
 * the parts of a cluster the mock does not have: the test plays the Job controller (creates the Job's pod, sets the
 * Job's conditions) and the PodSnapshot controller (binds the PodSnapshot and marks it Ready or Failed).
 *
 * <p>Retries are fast here (20 ms, unlimited) so fault-injection runs converge within a second.
 */
final class DynamoCheckpointOperatorHarness implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final Duration POLL = Duration.ofMillis(20);

    static {
        DynamoCheckpointFixtures.quietLogs();
    }

    final MockApiServer api;
    final KubernetesClient client;
    final RecordingEvents events = new RecordingEvents();
    private final List<Operator> operators = new CopyOnWriteArrayList<>();

    DynamoCheckpointOperatorHarness(MockApiServer api) {
        this.api = api;
        this.client = api.client();
    }

    /** Starts an operator with its own client (as a new process would have) on the same mock. */
    private SharedIndexInformer<PodSnapshot> podSnapshotFinalizerStandIn;

    Operator start(OperatorConfig config) {
        KubernetesClient operatorClient = api.newClient(c -> c);
        Operator operator = new Operator(o -> o
                .withKubernetesClient(operatorClient)
                .withUseSSAToPatchPrimaryResource(false)
                .withSSABasedCreateUpdateMatchForDependentResources(false)
                .withCloseClientOnStop(false)
                .withStopOnInformerErrorDuringStartup(true)
                .withCacheSyncTimeout(TIMEOUT)
                .withReconciliationTerminationTimeout(Duration.ofMillis(500)));
        operator.register(new DynamoCheckpointReconciler(config, events, CLOCK), o -> o
                .withRetry(new GenericRetry().setInitialInterval(20).setIntervalMultiplier(1.5).setMaxInterval(200)
                        .setMaxAttempts(-1))
                .settingNamespace(NS));
        operator.start();
        operators.add(operator);
        if (podSnapshotFinalizerStandIn == null) {
            podSnapshotFinalizerStandIn = releasePodSnapshotFinalizers();
        }
        return operator;
    }

    /**
     * The PodSnapshot controller is not running here, but the PodSnapshots carry its cleanup finalizer from creation:
     * stand in for it by releasing a deleted PodSnapshot (nothing was bound, so there is no content to cascade to).
     */
    private SharedIndexInformer<PodSnapshot> releasePodSnapshotFinalizers() {
        return client.resources(PodSnapshot.class).inNamespace(NS).inform(new ResourceEventHandler<>() {
            @Override public void onAdd(PodSnapshot ps) { release(ps); }
            @Override public void onUpdate(PodSnapshot old, PodSnapshot ps) { release(ps); }
            @Override public void onDelete(PodSnapshot ps, boolean unknown) {}

            private void release(PodSnapshot ps) {
                if (ps.getMetadata().getDeletionTimestamp() == null
                        || !ps.getMetadata().getFinalizers().contains(WireNames.FINALIZER_CONTENT_CLEANUP)) {
                    return;
                }
                ps.getMetadata().getFinalizers().remove(WireNames.FINALIZER_CONTENT_CLEANUP);
                try {
                    client.resource(ps).update();
                } catch (KubernetesClientException e) {
                    // a newer version will come by as another update event
                }
            }
        });
    }

    Operator start() {
        return start(DynamoCheckpointFixtures.config());
    }

    void stop(Operator operator) {
        operators.remove(operator);
        operator.stop();
    }

    @Override
    public void close() {
        operators.forEach(Operator::stop);
        operators.clear();
        if (podSnapshotFinalizerStandIn != null) {
            podSnapshotFinalizerStandIn.close();
        }
    }

    // ---- checkpoints --------------------------------------------------------------------------------------------

    DynamoCheckpoint create(DynamoCheckpoint checkpoint) {
        return client.resource(checkpoint).create();
    }

    DynamoCheckpoint get(String name) {
        return client.resources(DynamoCheckpoint.class).inNamespace(NS).withName(name).get();
    }

    DynamoCheckpoint awaitPhase(String name, DynamoCheckpointPhase phase) {
        return awaitCheckpoint(name, c -> c.getStatus().getPhase() == phase);
    }

    /** Waits until the checkpoint has a status that satisfies {@code condition}. */
    DynamoCheckpoint awaitCheckpoint(String name, Predicate<DynamoCheckpoint> condition) {
        return await().atMost(TIMEOUT).pollInterval(POLL).until(() -> get(name),
                c -> c != null && c.getStatus() != null && condition.test(c));
    }

    /** An annotation edit: wakes the controller without changing anything it looks at. */
    void touch(String name) {
        client.resources(DynamoCheckpoint.class).inNamespace(NS).withName(name).edit(c -> {
            Map<String, String> annotations = c.getMetadata().getAnnotations() == null
                    ? new HashMap<>() : new HashMap<>(c.getMetadata().getAnnotations());
            annotations.put("test/touched", String.valueOf(System.nanoTime()));
            c.getMetadata().setAnnotations(annotations);
            return c;
        });
    }

    void annotate(String name, String key, String value) {
        client.resources(DynamoCheckpoint.class).inNamespace(NS).withName(name).edit(c -> {
            Map<String, String> annotations = c.getMetadata().getAnnotations() == null
                    ? new HashMap<>() : new HashMap<>(c.getMetadata().getAnnotations());
            annotations.put(key, value);
            c.getMetadata().setAnnotations(annotations);
            return c;
        });
    }

    void label(String name, String key, String value) {
        client.resources(DynamoCheckpoint.class).inNamespace(NS).withName(name).edit(c -> {
            Map<String, String> labels = c.getMetadata().getLabels() == null
                    ? new HashMap<>() : new HashMap<>(c.getMetadata().getLabels());
            labels.put(key, value);
            c.getMetadata().setLabels(labels);
            return c;
        });
    }

    // ---- the Job controller's part ------------------------------------------------------------------------------

    Job job(String name) {
        return client.batch().v1().jobs().inNamespace(NS).withName(name).get();
    }

    List<Job> jobs() {
        return client.batch().v1().jobs().inNamespace(NS).list().getItems();
    }

    Job awaitJob(String name) {
        return await().atMost(TIMEOUT).pollInterval(POLL).until(() -> job(name), Objects::nonNull);
    }

    void awaitJobGone(String name) {
        await().atMost(TIMEOUT).pollInterval(POLL).until(() -> job(name) == null);
    }

    /** Creates the Job's pod as the Job controller would: template labels, job-name label, controlled by the Job. */
    Pod startJobPod(String jobName) {
        Job job = awaitJob(jobName);
        Map<String, String> labels = new HashMap<>(job.getSpec().getTemplate().getMetadata().getLabels());
        labels.put(WireNames.LABEL_JOB_NAME, jobName);
        Pod pod = new PodBuilder()
                .withMetadata(new ObjectMetaBuilder().withName(jobName + "-abcde").withNamespace(NS).withLabels(labels)
                        .withAnnotations(job.getSpec().getTemplate().getMetadata().getAnnotations())
                        .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("batch/v1").withKind("Job")
                                .withName(jobName).withUid(job.getMetadata().getUid()).withController(true)
                                .withBlockOwnerDeletion(true).build())
                        .build())
                .withSpec(job.getSpec().getTemplate().getSpec())
                .build();
        return client.resource(pod).create();
    }

    /** Sets condition {@code type}=True on the Job (Complete or Failed), as the Job controller would. */
    void finishJob(String jobName, String type) {
        Job job = awaitJob(jobName);
        job.setStatus(new JobStatusBuilder()
                .addToConditions(new JobConditionBuilder().withType(type).withStatus("True")
                        .withMessage(type.equals("Failed") ? "Job has reached the specified backoff limit" : "")
                        .build())
                .withSucceeded(type.equals("Complete") ? 1 : 0)
                .withFailed(type.equals("Failed") ? 1 : 0)
                .build());
        client.batch().v1().jobs().inNamespace(NS).resource(job).updateStatus();
    }

    /** Counts Job creates the API server accepted: "exactly one Job" over the whole run. */
    long acceptedJobCreates() {
        return api.requests().count(r -> r.verb() == Verb.POST && "jobs".equals(r.resource()) && r.responseCode() == 201);
    }

    // ---- the PodSnapshot controller's part ----------------------------------------------------------------------

    PodSnapshot podSnapshot(String name) {
        return client.resources(PodSnapshot.class).inNamespace(NS).withName(name).get();
    }

    List<PodSnapshot> podSnapshots() {
        return client.resources(PodSnapshot.class).inNamespace(NS).list().getItems();
    }

    PodSnapshot awaitPodSnapshot(String name) {
        return await().atMost(TIMEOUT).pollInterval(POLL).until(() -> podSnapshot(name), Objects::nonNull);
    }

    void markPodSnapshotReady(String name) {
        PodSnapshot ps = awaitPodSnapshot(name);
        DynamoCheckpointFixtures.withPodSnapshotStatus(ps, WireNames.POD_SNAPSHOT_CONTENT_PREFIX
                + ps.getMetadata().getUid(), true, false);
        client.resource(ps).updateStatus();
    }

    // ---- whole runs ---------------------------------------------------------------------------------------------

    /** Creates the checkpoint and plays the rest of the cluster until it is Ready. */
    DynamoCheckpoint driveToReady(DynamoCheckpoint checkpoint, String jobName) {
        String name = checkpoint.getMetadata().getName();
        create(checkpoint);
        return completeCapture(name, jobName);
    }

    /** From a created checkpoint: pod, PodSnapshot Ready, Job Complete, until Ready. */
    DynamoCheckpoint completeCapture(String name, String jobName) {
        awaitPhase(name, DynamoCheckpointPhase.Creating);
        startJobPod(jobName);
        awaitPodSnapshot(name);
        markPodSnapshotReady(name);
        finishJob(jobName, "Complete");
        return awaitPhase(name, DynamoCheckpointPhase.Ready);
    }
}
