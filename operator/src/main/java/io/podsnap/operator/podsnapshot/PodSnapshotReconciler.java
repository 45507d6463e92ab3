package io.podsnap.operator.podsnapshot;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.retry.GradualRetry;
import io.podsnap.api.v1alpha1.PodSnapshot;
import io.podsnap.api.v1alpha1.PodSnapshotContent;
import io.podsnap.api.v1alpha1.PodSnapshotStatus;
import io.podsnap.operator.events.EventRecorder;
import io.podsnap.operator.reconcile.ApiErrors;
import io.podsnap.operator.reconcile.Decision;
import io.podsnap.protocol.WireNames;
import io.podsnap.protocol.status.Conditions;
import io.podsnap.protocol.status.Reason;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds each PodSnapshot to a cluster-scoped PodSnapshotContent, the work order the node agent of the source pod's
 * node executes, and mirrors the content's progress back (operator doc §6.3; dynamo-snapshot §3.2, §7.3).
 *
 * <p>Per pass: Failed=True is sticky (no-op). Bound → read the content, verify it points back, mirror its Ready/Failed.
 * Unbound → read the source pod, create {@code podsnapshotcontent-<uid>} (adopting it on AlreadyExists when it points
 * back) and record the binding. Deleting → delete the bound content and keep the finalizer until it is gone.
 *
 * <p>The decisions are pure ({@link BindingDecisions}, {@link StatusMirror}, {@link WorkOrder}); this class reads,
 * writes and announces. The source pod and the content are read from the API server, not from a cache: a binding
 * decided on a stale read is what the back-link check exists to catch, and a fresh read keeps it rare (and spares a
 * cluster-wide pod informer). Status is written by PUT to {@code /status} carrying the resourceVersion that was read,
 * and only when it changed, so a concurrent writer makes this pass fail with 409 and retry rather than overwrite.
 * Transient problems throw {@link TransientException} and JOSDK retries with backoff, without limit: an unscheduled
 * pod may take a while. The binding pass asks for the next pass itself ({@link BindingDecisions#MIRROR_AFTER_BIND}).
 *
 * <p>The finalizer is added by JOSDK before the first {@code reconcile}; with Server-Side Apply off for the
 * primary resource (the operator's setting) that is a JSON patch, and so is its removal.
 */
@ControllerConfiguration(name = PodSnapshotReconciler.NAME, finalizerName = WireNames.FINALIZER_CONTENT_CLEANUP)
@GradualRetry(maxAttempts = PodSnapshotReconciler.RETRY_FOREVER, initialInterval = 1_000, intervalMultiplier = 2.0,
        maxInterval = 300_000)
public class PodSnapshotReconciler implements Reconciler<PodSnapshot>, Cleaner<PodSnapshot> {
    public static final String NAME = "podsnapshot";
    /** Name of the PodSnapshotContent event source. */
    public static final String CONTENT_EVENT_SOURCE = "podsnapshotcontent";
    /** JOSDK's "no attempt limit" for {@link GradualRetry#maxAttempts()}. */
    static final int RETRY_FOREVER = -1;

    private static final Logger log = LoggerFactory.getLogger(PodSnapshotReconciler.class);

    private final EventRecorder events;
    private final Clock clock;
    private final PrimaryCache primaryCache;

    public PodSnapshotReconciler(EventRecorder events, Clock clock) {
        this(events, clock, PrimaryCache.JOSDK);
    }

    /** For tests that call {@code reconcile} outside a JOSDK controller, where there is no primary cache. */
    PodSnapshotReconciler(EventRecorder events, Clock clock, PrimaryCache primaryCache) {
        this.events = events;
        this.clock = clock;
        this.primaryCache = primaryCache;
    }

    /**
     * Watches PodSnapshotContent and maps each event to the PodSnapshot its {@code spec.snapshotRef} names. The
     * content is cluster-scoped, so its informer is cluster-wide even when PodSnapshots are watched in some
     * namespaces only, and it does not follow the controller's namespace changes.
     */
    @Override
    public List<EventSource<?, PodSnapshot>> prepareEventSources(EventSourceContext<PodSnapshot> context) {
        var configuration = InformerEventSourceConfiguration.from(PodSnapshotContent.class, PodSnapshot.class)
                .withName(CONTENT_EVENT_SOURCE)
                .withSecondaryToPrimaryMapper(new SnapshotRefMapper())
                .withWatchAllNamespaces()
                .withFollowControllerNamespacesChanges(false)
                .build();
        return List.of(new InformerEventSource<>(configuration, context));
    }

    @Override
    public UpdateControl<PodSnapshot> reconcile(PodSnapshot snapshot, Context<PodSnapshot> context) {
        return switch (Phase.of(snapshot)) {
            case FAILED -> {
                log.debug("{} Failed is sticky; nothing to do", new Flow(snapshot, boundName(snapshot)));
                yield UpdateControl.noUpdate();
            }
            case BOUND -> reconcileBound(context, snapshot);
            case UNBOUND -> reconcileUnbound(context, snapshot);
        };
    }

    private UpdateControl<PodSnapshot> reconcileBound(Context<PodSnapshot> context, PodSnapshot snapshot) {
        KubernetesClient client = context.getClient();
        Flow flow = new Flow(snapshot, boundName(snapshot));
        PodSnapshotContent content;
        try {
            content = contents(client).withName(flow.content()).get();
        } catch (KubernetesClientException e) {
            throw transientFailure(flow, "reading the bound PodSnapshotContent failed", e);
        }
        Step step = content == null
                ? BindingDecisions.onBoundContentMissing(snapshot)
                : BindingDecisions.onBound(snapshot, content, clock.instant());
        return apply(context, snapshot, flow, step);
    }

    private UpdateControl<PodSnapshot> reconcileUnbound(Context<PodSnapshot> context, PodSnapshot snapshot) {
        KubernetesClient client = context.getClient();
        Pod pod = null;
        Optional<String> podName = BindingDecisions.sourcePodName(snapshot);
        if (podName.isPresent()) {
            try {
                pod = client.pods().inNamespace(snapshot.getMetadata().getNamespace()).withName(podName.get()).get();
            } catch (KubernetesClientException e) {
                throw transientFailure(new Flow(snapshot, "-"), "reading source pod " + podName.get() + " failed", e);
            }
        }
        Step step = BindingDecisions.onUnbound(snapshot, pod);
        String contentName = step instanceof Step.CreateContent create ? create.content().getMetadata().getName() : "-";
        return apply(context, snapshot, new Flow(snapshot, contentName), step);
    }

    private UpdateControl<PodSnapshot> apply(Context<PodSnapshot> context, PodSnapshot snapshot, Flow flow, Step step) {
        return switch (step) {
            case Step.Wait w -> {
                log.debug("{} status unchanged", flow);
                yield UpdateControl.noUpdate();
            }
            case Step.Retry retry -> {
                log.info("{} {}", flow, retry.message());
                throw new TransientException(flow + " " + retry.message());
            }
            case Step.Fail fail -> {
                fail(context, snapshot, flow, fail);
                yield UpdateControl.noUpdate();
            }
            case Step.CreateContent create ->
                    apply(context, snapshot, flow, createContent(context.getClient(), snapshot, flow, create));
            case Step.Bind bind -> {
                writeStatus(context, snapshot, flow, status -> status.setBoundSnapshotContentName(bind.contentName()));
                log.info("{} bound{}", flow, bind.adopted() ? " (adopted a content created by an earlier pass)" : "");
                yield UpdateControl.<PodSnapshot>noUpdate().rescheduleAfter(BindingDecisions.MIRROR_AFTER_BIND);
            }
            case Step.WriteConditions write -> {
                writeStatus(context, snapshot, flow, status -> status.setConditions(new ArrayList<>(write.conditions())));
                log.info("{} mirrored content status: Ready={} Failed={}", flow,
                        brief(write.conditions(), WireNames.CONDITION_READY),
                        brief(write.conditions(), WireNames.CONDITION_FAILED));
                write.notice().ifPresent(n -> events.record(snapshot, n.type(), n.reason(), n.message()));
                yield UpdateControl.noUpdate();
            }
        };
    }

    /** Creates the work order; returns what to do next (bind, adopt, or fail on a foreign content). */
    private Step createContent(KubernetesClient client, PodSnapshot snapshot, Flow flow, Step.CreateContent create) {
        PodSnapshotContent content = create.content();
        try {
            contents(client).resource(content).create();
            log.info("{} created work order for pod {} on node {}", flow,
                    content.getSpec().getSource().getPodRef().getName(), content.getSpec().getSource().getNodeName());
            return new Step.Bind(flow.content(), false);
        } catch (KubernetesClientException e) {
            if (!isCreateConflict(e)) {
                events.warning(snapshot, Reason.SnapshotContentCreateFailed, "creating PodSnapshotContent "
                        + flow.content() + " failed (HTTP " + e.getCode() + "): " + apiMessage(e) + "; retrying");
                throw transientFailure(flow, "creating the PodSnapshotContent failed", e);
            }
        }
        // AlreadyExists: an earlier pass created it and its binding write was lost, or someone else holds the name.
        PodSnapshotContent existing;
        try {
            existing = contents(client).withName(flow.content()).get();
        } catch (KubernetesClientException e) {
            throw transientFailure(flow, "reading the existing PodSnapshotContent failed", e);
        }
        if (existing == null) {
            return new Step.Retry("PodSnapshotContent already exists but is gone on read (deleted meanwhile); retrying");
        }
        return BindingDecisions.onAlreadyExists(snapshot, existing);
    }

    /** The failure helper: Failed=True and Ready=False with the reason, then a Warning event with the same reason. */
    private void fail(Context<PodSnapshot> context, PodSnapshot snapshot, Flow flow, Step.Fail fail) {
        long generation = snapshot.getMetadata().getGeneration() == null ? 0 : snapshot.getMetadata().getGeneration();
        List<Condition> conditions = snapshot.getStatus() == null
                ? new ArrayList<>() : new ArrayList<>(snapshot.getStatus().getConditions());
        if (Conditions.markFailed(conditions, fail.reason(), fail.message(), generation, clock.instant())) {
            writeStatus(context, snapshot, flow, status -> status.setConditions(conditions));
        }
        log.info("{} failed: {}: {}", flow, fail.reason(), fail.message());
        // After the write: a write refused with 409 is retried, and the retry announces it once.
        events.warning(snapshot, fail.reason(), fail.message());
    }

    /**
     * PUT /status with the resourceVersion this pass read. A refused write (409 from a concurrent writer, 5xx) is
     * transient: the retry reads the object again and decides again. The written object goes into JOSDK's primary
     * cache, as JOSDK does for status it writes itself: the pass that an event queued meanwhile (typically the new
     * content's creation event, right after binding) must see the binding, not redo it from a stale copy.
     */
    private void writeStatus(Context<PodSnapshot> context, PodSnapshot snapshot, Flow flow,
                             Consumer<PodSnapshotStatus> edit) {
        KubernetesClient client = context.getClient();
        PodSnapshot desired = client.getKubernetesSerialization().clone(snapshot);
        if (desired.getStatus() == null) {
            desired.setStatus(new PodSnapshotStatus());
        }
        edit.accept(desired.getStatus());
        PodSnapshot written;
        try {
            written = client.resource(desired).updateStatus();
        } catch (KubernetesClientException e) {
            throw transientFailure(flow, "status write refused", e);
        }
        primaryCache.remember(context, snapshot, written);
    }

    /**
     * Deletion cascade. Nothing bound → the finalizer goes at once. Otherwise the bound content is deleted (already
     * gone is fine; one that points back at another PodSnapshot is left alone) and the finalizer stays until a read
     * confirms the content is gone, polling every second: the content has no owner reference, so this finalizer is
     * the only thing that removes it.
     */
    @Override
    public DeleteControl cleanup(PodSnapshot snapshot, Context<PodSnapshot> context) {
        Optional<String> target = BindingDecisions.cascadeTarget(snapshot);
        if (target.isEmpty()) {
            log.info("{} deleting: nothing bound, releasing", new Flow(snapshot, "-"));
            return DeleteControl.defaultDelete();
        }
        Flow flow = new Flow(snapshot, target.get());
        Resource<PodSnapshotContent> content = contents(context.getClient()).withName(target.get());
        PodSnapshotContent remaining;
        try {
            PodSnapshotContent current = content.get();
            // A content that does not point back is another PodSnapshot's work order (this binding is the
            // ContentConflict case): deleting it would destroy someone else's capture, so leave it and let go.
            Optional<String> foreign = current == null ? Optional.empty() : BindingDecisions.backLinkMismatch(snapshot, current);
            if (foreign.isPresent()) {
                log.warn("{} deleting: the bound content is not ours, leaving it: {}", flow, foreign.get());
                return DeleteControl.defaultDelete();
            }
            if (current != null) {
                content.delete();
            }
            remaining = current == null ? null : content.get();
        } catch (KubernetesClientException e) {
            throw transientFailure(flow, "deleting the bound PodSnapshotContent failed", e);
        }
        Decision decision = BindingDecisions.afterContentDelete(remaining != null);
        return switch (decision) {
            case Decision.RequeueAfter requeue -> {
                log.info("{} deleting: waiting for the bound content to go", flow);
                yield DeleteControl.noFinalizerRemoval().rescheduleAfter(requeue.delay());
            }
            case Decision.Done done -> {
                log.info("{} deleting: bound content gone, releasing", flow);
                yield DeleteControl.defaultDelete();
            }
            default -> throw new IllegalStateException("unexpected cascade decision " + decision);
        };
    }

    /** PodSnapshotContent is cluster-scoped: no namespace in any of its requests. */
    private static MixedOperation<PodSnapshotContent, KubernetesResourceList<PodSnapshotContent>, Resource<PodSnapshotContent>>
            contents(KubernetesClient client) {
        return client.resources(PodSnapshotContent.class);
    }

    /**
     * A create was refused because the name is taken. A create carries no resourceVersion, so the apiserver's only
     * 409 for it is AlreadyExists; the reason string is not relied on. What follows is a read either way: adopt,
     * conflict, or retry if absent.
     */
    private static boolean isCreateConflict(KubernetesClientException e) {
        return ApiErrors.isAlreadyExists(e) || ApiErrors.isConflict(e);
    }

    /** {@code True/Captured}, or {@code -} when the condition is absent: for log lines. */
    private static String brief(List<Condition> conditions, String type) {
        return Conditions.get(conditions, type).map(c -> c.getStatus() + "/" + c.getReason()).orElse("-");
    }

    private static String boundName(PodSnapshot snapshot) {
        return snapshot.getStatus() == null || snapshot.getStatus().getBoundSnapshotContentName() == null
                ? "-" : snapshot.getStatus().getBoundSnapshotContentName();
    }

    private static TransientException transientFailure(Flow flow, String what, KubernetesClientException e) {
        String message = flow + " " + what + " (HTTP " + e.getCode() + "): " + apiMessage(e) + "; retrying";
        log.info(message);
        return new TransientException(message, e);
    }

    private static String apiMessage(KubernetesClientException e) {
        return e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage();
    }

    /** The keys every log line of a pass carries: the PodSnapshot and the content it is (about to be) bound to. */
    private record Flow(String podSnapshot, String content) {
        Flow(PodSnapshot snapshot, String content) {
            this(BindingDecisions.key(snapshot), content);
        }

        @Override
        public String toString() {
            return "podsnapshot=" + podSnapshot + " content=" + content;
        }
    }
}
