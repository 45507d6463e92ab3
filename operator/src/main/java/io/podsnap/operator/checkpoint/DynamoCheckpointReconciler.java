package io.podsnap.operator.checkpoint;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Constants;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.retry.GradualRetry;
import io.podsnap.api.v1alpha1.DynamoCheckpoint;
import io.podsnap.api.v1alpha1.DynamoCheckpointStatus;
import io.podsnap.api.v1alpha1.PodSnapshot;
import io.podsnap.operator.checkpoint.DynamoCheckpointStep.Continue;
import io.podsnap.operator.checkpoint.DynamoCheckpointStep.CreateJob;
import io.podsnap.operator.checkpoint.DynamoCheckpointStep.DeletePodSnapshot;
import io.podsnap.operator.checkpoint.DynamoCheckpointStep.EnsurePodSnapshot;
import io.podsnap.operator.checkpoint.DynamoCheckpointStep.Event;
import io.podsnap.operator.checkpoint.DynamoCheckpointStep.Retry;
import io.podsnap.operator.checkpoint.DynamoCheckpointStep.Transition;
import io.podsnap.operator.config.OperatorConfig;
import io.podsnap.operator.events.EventRecorder;
import io.podsnap.operator.reconcile.ApiErrors;
import io.podsnap.operator.reconcile.Decision;
import io.podsnap.protocol.WireNames;
import io.podsnap.protocol.identity.CheckpointIds;
import io.podsnap.protocol.identity.InvalidCheckpointException;
import io.podsnap.protocol.status.Reason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The DynamoCheckpoint controller (operator doc §5): runs the checkpoint Job, creates the PodSnapshot for its pod,
 * and reports the checkpoint Ready once the PodSnapshot is Ready and the Job Complete. The decisions are
 * {@link DynamoCheckpointPhases}' pure functions; this class observes (JOSDK caches, a live read where a cache may
 * lag behind our own write), calls them and carries their steps out.
 *
 * <p>Configuration, and why:
 * <ul>
 *   <li>{@code triggerReconcilerOnAllEvents}: only automatic checkpoints get a finalizer (a standalone checkpoint
 *       must stay deletable without the operator). JOSDK's Cleaner puts its finalizer on every resource, so the
 *       controller manages its own and reconciles deleting objects itself; it is then also called for delete events,
 *       which it ignores.</li>
 *   <li>{@code generationAwareEventProcessing = false}: an artifact-version bump is an annotation change, which does
 *       not bump the generation, and the first reconcile relies on its own status write to run again.</li>
 *   <li>No periodic reconcile: progress is driven by the Job, PodSnapshot and pod-create watches; the only timed
 *       requeue is the 5 s poll of a running cleanup Job.</li>
 *   <li>Transient errors are thrown; JOSDK retries them with exponential backoff and no attempt limit, as
 *       controller-runtime does. Terminal ones become a Failed phase.</li>
 * </ul>
 */
@ControllerConfiguration(
        name = DynamoCheckpointReconciler.NAME,
        generationAwareEventProcessing = false,
        triggerReconcilerOnAllEvents = true,
        maxReconciliationInterval = @MaxReconciliationInterval(interval = Constants.NO_MAX_RECONCILIATION_INTERVAL))
@GradualRetry(maxAttempts = -1, initialInterval = 1000, intervalMultiplier = 2.0, maxInterval = 300_000)
public class DynamoCheckpointReconciler implements Reconciler<DynamoCheckpoint> {
    public static final String NAME = "dynamocheckpoint";

    /**
     * Finalizer of automatic checkpoints. Dynamo's controllers share this one name (controller_common), and the
     * DynamoGraphDeployment controller puts it on the automatic checkpoints it creates.
     */
    public static final String FINALIZER = "nvidia.com/finalizer";
    /** How often a running cleanup Job is looked at again. */
    public static final Duration CLEANUP_REQUEUE = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(DynamoCheckpointReconciler.class);

    private final OperatorConfig config;
    private final EventRecorder events;
    private final Clock clock;

    public DynamoCheckpointReconciler(OperatorConfig config, EventRecorder events, Clock clock) {
        this.config = config;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public List<EventSource<?, DynamoCheckpoint>> prepareEventSources(EventSourceContext<DynamoCheckpoint> context) {
        return DynamoCheckpointEventSources.all(context);
    }

    @Override
    public UpdateControl<DynamoCheckpoint> reconcile(DynamoCheckpoint resource, Context<DynamoCheckpoint> context) {
        if (context.isPrimaryResourceDeleted()) {
            // All-events mode also delivers the delete itself; what the checkpoint owned goes with it (owner GC).
            return UpdateControl.noUpdate();
        }
        Map<String, String> previousMdc = MDC.getCopyOfContextMap();
        try {
            return new Flow(resource, context).run();
        } finally {
            if (previousMdc == null) {
                MDC.clear();
            } else {
                MDC.setContextMap(previousMdc);
            }
        }
    }

    /** One reconcile of one checkpoint: the object as last read or written, and what it needs from the context. */
    private final class Flow {
        private final Context<DynamoCheckpoint> context;
        private final KubernetesClient client;
        private final String namespace;
        private final String name;
        private DynamoCheckpoint checkpoint;
        private String checkpointId = "";

        Flow(DynamoCheckpoint checkpoint, Context<DynamoCheckpoint> context) {
            this.checkpoint = checkpoint;
            this.context = context;
            this.client = context.getClient();
            this.namespace = checkpoint.getMetadata().getNamespace();
            this.name = checkpoint.getMetadata().getName();
            MDC.put("namespace", namespace);
            MDC.put("name", name);
        }

        /** §5.2: finalizer, ID, ID label, terminal Job cleanup, normalisation, dispatch. */
        UpdateControl<DynamoCheckpoint> run() {
            if (checkpoint.isMarkedForDeletion()) {
                return onDeletion();
            }
            ensureFinalizer();
            try {
                checkpointId = CheckpointIds.resolve(checkpoint);
            } catch (InvalidCheckpointException e) {
                // Only a user edit can fix this (the ID label; identity is immutable), and any edit wakes this
                // controller: say why on the object once, instead of retrying on a timer in silence.
                log.warn("checkpoint ID cannot be resolved namespace={} name={}: {}", namespace, name, e.getMessage());
                DynamoCheckpointStatus status = checkpoint.getStatus() == null ? new DynamoCheckpointStatus()
                        : DynamoCheckpointStatuses.copy(checkpoint.getStatus());
                if (!Objects.equals(status.getMessage(), e.getMessage())) {
                    status.setMessage(e.getMessage());
                    writeStatus(status);
                    events.warning(checkpoint, Reason.CheckpointIDUnresolved, e.getMessage());
                }
                return UpdateControl.noUpdate();
            }
            MDC.put("checkpointID", checkpointId);
            ensureIdLabel();
            // Before normalisation: an artifact-version bump clears status.jobName, and with it the only pointer to
            // the finished Job.
            if (DynamoCheckpointStatuses.terminalJobCleanupDue(checkpoint.getStatus())) {
                cleanupTerminalJob();
            }
            DynamoCheckpointStep normalized = DynamoCheckpointPhases.normalize(checkpoint, checkpointId,
                    context.getPrimaryCache().list(namespace).toList(), now());
            if (normalized instanceof Transition transition) {
                return apply(transition);
            }
            writeStatus(((Continue) normalized).status());
            return switch (checkpoint.getStatus().getPhase()) {
                case Pending -> pending();
                case Creating -> creating();
                case Ready, Failed -> UpdateControl.noUpdate();
            };
        }

        // ---- phases -------------------------------------------------------------------------------------------

        private UpdateControl<DynamoCheckpoint> pending() {
            Optional<Job> existing = DynamoCheckpointPhases.desiredJobName(checkpoint, checkpointId)
                    .flatMap(this::cachedJob);
            // Only read when a Job may be built: an existing Job is adopted as it is.
            CheckpointDra dra = existing.isPresent() ? CheckpointDra.NONE : CheckpointDra.read(client, checkpoint);
            DynamoCheckpointStep step = DynamoCheckpointPhases.onPending(checkpoint, checkpointId, existing,
                    ownedPodSnapshots(), config, dra, now());
            return switch (step) {
                case Transition transition -> apply(transition);
                case CreateJob create -> createJob(create.job());
                case DeletePodSnapshot delete -> {
                    // Its delete event (the PodSnapshot watch) brings us back once it is gone.
                    if (DynamoCheckpointPodSnapshots.delete(client, delete.podSnapshot())) {
                        log.info("deleted PodSnapshot of the previous capture namespace={} name={} checkpointID={}"
                                + " podSnapshot={}", namespace, name, checkpointId,
                                delete.podSnapshot().getMetadata().getName());
                    }
                    yield UpdateControl.noUpdate();
                }
                default -> throw new IllegalStateException("onPending returned " + step);
            };
        }

        private UpdateControl<DynamoCheckpoint> createJob(Job job) {
            String jobName = job.getMetadata().getName();
            try {
                Job created = DynamoCheckpointJobs.create(client, job);
                jobSource().handleRecentResourceCreate(ResourceID.fromResource(created), created);
                log.info("created checkpoint Job namespace={} name={} checkpointID={} job={}", namespace, name,
                        checkpointId, jobName);
                return apply(DynamoCheckpointPhases.jobCreated(checkpoint, jobName, now()));
            } catch (KubernetesClientException e) {
                if (ApiErrors.isAlreadyExists(e)) {
                    // Our cache had not seen it: a create from a previous attempt, or someone else's Job.
                    Job live = DynamoCheckpointJobs.get(client, namespace, jobName);
                    if (live == null) {
                        throw new DynamoCheckpointRetryException("checkpoint Job " + namespace + "/" + jobName
                                + " already exists but cannot be read yet; retrying", e);
                    }
                    DynamoCheckpointStep step = DynamoCheckpointPhases.onPending(checkpoint, checkpointId,
                            Optional.of(live), List.of(), config, now());
                    if (step instanceof Transition transition) {
                        return apply(transition);
                    }
                    throw new IllegalStateException("onPending with an existing Job returned " + step);
                }
                if (ApiErrors.isTerminal(e)) {
                    log.warn("checkpoint Job refused namespace={} name={} checkpointID={} job={} code={}: {}",
                            namespace, name, checkpointId, jobName, e.getCode(), e.getMessage());
                    return apply(DynamoCheckpointPhases.jobCreateRejected(checkpoint,
                            DynamoCheckpointPodSnapshots.apiMessage(e), now()));
                }
                throw e;
            }
        }

        private UpdateControl<DynamoCheckpoint> creating() {
            String jobName = checkpoint.getStatus().getJobName();
            Optional<Job> job = jobName == null || jobName.isBlank() ? Optional.empty() : currentJob(jobName);
            job = job.map(this::stripLegacyTtl);
            List<PodSnapshot> owned = ownedPodSnapshots();
            List<Pod> jobPods = job.map(j -> sourcePodSource().list(namespace, pod ->
                    j.getMetadata().getName().equals(DynamoCheckpointJobs.label(pod, WireNames.LABEL_JOB_NAME)))
                    .toList()).orElse(List.of());
            DynamoCheckpointStep step = DynamoCheckpointPhases.onCreating(checkpoint, checkpointId, job, owned, jobPods,
                    config, now());
            return switch (step) {
                case Transition transition -> apply(transition);
                case Retry retry -> {
                    record(retry.events());
                    throw new DynamoCheckpointRetryException(retry.message());
                }
                case EnsurePodSnapshot ensure -> {
                    var outcome = DynamoCheckpointPodSnapshots.ensure(client, ensure.podSnapshot(), checkpoint);
                    log.info("PodSnapshot {} namespace={} name={} checkpointID={} podSnapshot={} pod={}",
                            outcome.getClass().getSimpleName(), namespace, name, checkpointId,
                            ensure.podSnapshot().getMetadata().getName(),
                            ensure.podSnapshot().getSpec().getSource().getPodRef().getName());
                    yield apply(DynamoCheckpointPhases.afterPodSnapshot(checkpoint, outcome, now()));
                }
                default -> throw new IllegalStateException("onCreating returned " + step);
            };
        }

        // ---- deletion and finalizer (§5.2 step 2, §5.6) ---------------------------------------------------------

        private UpdateControl<DynamoCheckpoint> onDeletion() {
            if (!checkpoint.hasFinalizer(FINALIZER)) {
                return UpdateControl.noUpdate();
            }
            // The cache can still show a checkpoint whose finalizer we just removed (it is gone): acting on that copy
            // would start a second cleanup Job for an artifact already deleted. Confirm with a live read first.
            DynamoCheckpoint live = client.resources(DynamoCheckpoint.class).inNamespace(namespace).withName(name).get();
            if (live == null || !live.getMetadata().getUid().equals(checkpoint.getMetadata().getUid())
                    || !live.hasFinalizer(FINALIZER)) {
                return UpdateControl.noUpdate();
            }
            DynamoCheckpointArtifactCleanup.Pass pass = DynamoCheckpointArtifactCleanup.run(client, checkpoint, config);
            log.info("artifact cleanup namespace={} name={} checkpointID={} result={}: {}", namespace, name,
                    idForLog(), pass.result(), pass.detail());
            if (pass.result() == DynamoCheckpointArtifactCleanup.Result.PENDING) {
                return UpdateControl.<DynamoCheckpoint>noUpdate().rescheduleAfter(CLEANUP_REQUEUE);
            }
            DynamoCheckpoint edited = copy();
            edited.getMetadata().setFinalizers(new ArrayList<>(edited.getMetadata().getFinalizers()));
            edited.getMetadata().getFinalizers().remove(FINALIZER);
            DynamoCheckpointStatusWriter.updateMetadata(client, edited);
            log.info("finalizer removed namespace={} name={} checkpointID={}", namespace, name, idForLog());
            return UpdateControl.noUpdate();
        }

        private void ensureFinalizer() {
            if (!CheckpointIds.isAutomatic(checkpoint) || checkpoint.hasFinalizer(FINALIZER)) {
                return;
            }
            DynamoCheckpoint edited = copy();
            List<String> finalizers = edited.getMetadata().getFinalizers() == null
                    ? new ArrayList<>() : new ArrayList<>(edited.getMetadata().getFinalizers());
            finalizers.add(FINALIZER);
            edited.getMetadata().setFinalizers(finalizers);
            replaceMetadata(edited);
            log.info("finalizer added namespace={} name={} checkpointID={}", namespace, name, idForLog());
        }

        /** The ID label is the lookup key of dedupe, restore pods and the agent; it must always match the ID. */
        private void ensureIdLabel() {
            Map<String, String> labels = checkpoint.getMetadata().getLabels();
            if (labels != null && checkpointId.equals(labels.get(WireNames.LABEL_CHECKPOINT_ID))) {
                return;
            }
            DynamoCheckpoint edited = copy();
            Map<String, String> newLabels = labels == null ? new HashMap<>() : new HashMap<>(labels);
            newLabels.put(WireNames.LABEL_CHECKPOINT_ID, checkpointId);
            edited.getMetadata().setLabels(newLabels);
            replaceMetadata(edited);
            log.info("checkpoint ID label set namespace={} name={} checkpointID={}", namespace, name, checkpointId);
        }

        // ---- terminal Job cleanup (§5.5) ------------------------------------------------------------------------

        /**
         * Deletes the finished checkpoint Job once the checkpoint is terminal. Only our own Job is touched (a Job of
         * that name controlled by anything else is not ours to delete), with a UID precondition.
         */
        private void cleanupTerminalJob() {
            String jobName = checkpoint.getStatus().getJobName();
            Optional<Job> job = cachedJob(jobName);
            if (job.isEmpty() || !DynamoCheckpointOwnership.isControlledBy(job.get(), checkpoint)) {
                return;
            }
            if (DynamoCheckpointJobs.delete(client, job.get())) {
                log.info("deleted terminal checkpoint Job namespace={} name={} checkpointID={} job={} phase={}",
                        namespace, name, checkpointId, jobName, checkpoint.getStatus().getPhase());
            }
        }

        private Job stripLegacyTtl(Job job) {
            if (!DynamoCheckpointJobs.hasLegacyTtl(job) || !DynamoCheckpointOwnership.isControlledBy(job, checkpoint)) {
                return job;
            }
            log.info("removing legacy ttlSecondsAfterFinished namespace={} name={} checkpointID={} job={}", namespace,
                    name, checkpointId, job.getMetadata().getName());
            return DynamoCheckpointJobs.stripLegacyTtl(client, job);
        }

        // ---- applying steps -------------------------------------------------------------------------------------

        /** Status first, then events (a retried write must not repeat them), then terminal Job cleanup. */
        private UpdateControl<DynamoCheckpoint> apply(Transition transition) {
            DynamoCheckpointStatus before = checkpoint.getStatus();
            boolean written = writeStatus(transition.status());
            record(transition.events());
            if (written) {
                log.info("status written namespace={} name={} checkpointID={} phase={}->{} next={} message={}",
                        namespace, name, checkpointId, before == null ? null : before.getPhase(),
                        transition.status().getPhase(), describe(transition.next()), transition.status().getMessage());
            }
            if (DynamoCheckpointStatuses.terminalJobCleanupDue(checkpoint.getStatus())) {
                cleanupTerminalJob();
            }
            return toControl(transition.next());
        }

        private boolean writeStatus(DynamoCheckpointStatus status) {
            Optional<DynamoCheckpoint> written = DynamoCheckpointStatusWriter.write(client, checkpoint, status);
            written.ifPresent(this::remember);
            return written.isPresent();
        }

        private void replaceMetadata(DynamoCheckpoint edited) {
            remember(DynamoCheckpointStatusWriter.updateMetadata(client, edited));
        }

        /** Carry on with what the API server returned, and let the cache know so the next reconcile is not stale. */
        private void remember(DynamoCheckpoint updated) {
            context.eventSourceRetriever().getControllerEventSource()
                    .handleRecentResourceUpdate(ResourceID.fromResource(checkpoint), updated, checkpoint);
            checkpoint = updated;
        }

        private void record(List<Event> toRecord) {
            for (Event event : toRecord) {
                events.record(checkpoint, event.type(), event.reason(), event.message());
            }
        }

        private UpdateControl<DynamoCheckpoint> toControl(Decision decision) {
            if (decision instanceof Decision.RequeueAfter requeue) {
                return UpdateControl.<DynamoCheckpoint>noUpdate().rescheduleAfter(requeue.delay());
            }
            return UpdateControl.noUpdate();
        }

        // ---- observation ----------------------------------------------------------------------------------------

        private Optional<Job> cachedJob(String jobName) {
            return jobSource().get(new ResourceID(jobName, namespace));
        }

        /** The Job from the cache, confirmed by a live read when the cache has none: a miss may be our own lag. */
        private Optional<Job> currentJob(String jobName) {
            Optional<Job> cached = cachedJob(jobName);
            if (cached.isPresent()) {
                return cached;
            }
            return Optional.ofNullable(DynamoCheckpointJobs.get(client, namespace, jobName));
        }

        private List<PodSnapshot> ownedPodSnapshots() {
            return DynamoCheckpointPodSnapshots.owned(checkpoint, podSnapshotSource().list(namespace).toList());
        }

        @SuppressWarnings("unchecked")
        private InformerEventSource<Job, DynamoCheckpoint> jobSource() {
            return (InformerEventSource<Job, DynamoCheckpoint>) context.eventSourceRetriever()
                    .getEventSourceFor(Job.class, DynamoCheckpointEventSources.JOBS);
        }

        @SuppressWarnings("unchecked")
        private InformerEventSource<PodSnapshot, DynamoCheckpoint> podSnapshotSource() {
            return (InformerEventSource<PodSnapshot, DynamoCheckpoint>) context.eventSourceRetriever()
                    .getEventSourceFor(PodSnapshot.class, DynamoCheckpointEventSources.POD_SNAPSHOTS);
        }

        @SuppressWarnings("unchecked")
        private InformerEventSource<Pod, DynamoCheckpoint> sourcePodSource() {
            return (InformerEventSource<Pod, DynamoCheckpoint>) context.eventSourceRetriever()
                    .getEventSourceFor(Pod.class, DynamoCheckpointEventSources.SOURCE_PODS);
        }

        /** The ID for a log line written before (or without) resolving it for the flow. */
        private String idForLog() {
            if (!checkpointId.isEmpty()) {
                return checkpointId;
            }
            try {
                return CheckpointIds.resolve(checkpoint);
            } catch (InvalidCheckpointException e) {
                return "<unresolved>";
            }
        }

        private DynamoCheckpoint copy() {
            return client.getKubernetesSerialization().clone(checkpoint);
        }

        private Instant now() {
            return clock.instant();
        }
    }

    private static String describe(Decision decision) {
        return switch (decision) {
            case Decision.WaitForEvent w -> "wait";
            case Decision.RequeueAfter r -> "requeue " + r.delay();
            case Decision.Terminal t -> "terminal " + t.reason();
            case Decision.Done d -> "done";
        };
    }
}
