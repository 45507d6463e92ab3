package io.podsnap.operator.podsnapshot;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.podsnap.api.v1alpha1.PodReference;
import io.podsnap.api.v1alpha1.PodSnapshot;
import io.podsnap.api.v1alpha1.PodSnapshotContent;
import io.podsnap.api.v1alpha1.PodSnapshotContentSource;
import io.podsnap.api.v1alpha1.PodSnapshotContentSpec;
import io.podsnap.api.v1alpha1.PodSnapshotContentStatus;
import io.podsnap.api.v1alpha1.PodSnapshotSource;
import io.podsnap.api.v1alpha1.PodSnapshotSpec;
import io.podsnap.api.v1alpha1.PodSnapshotStatus;
import io.podsnap.api.v1alpha1.SnapshotReference;
import io.podsnap.protocol.WireNames;
import io.podsnap.protocol.naming.Names;
import io.podsnap.protocol.status.Conditions;
import io.podsnap.protocol.status.Reason;
import io.podsnap.testkit.MockApiServer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One PodSnapshot ({@value #SNAPSHOT}) and its surroundings on a {@link MockApiServer}, built the way the cluster
 * would have them, plus the node agent's part (writing a content's conditions), which the operator tests play
 * themselves. {@link #reconcile()} and {@link #cleanup()} run one pass on a fresh read, as JOSDK would.
 */
final class PodSnapshotWorld {
    static final String NS = MockApiServer.DEFAULT_NAMESPACE;
    static final String SNAPSHOT = "snap";
    static final String POD = "worker-0";
    static final String CONTAINER = "main";
    static final String NODE = "node-a";
    static final Instant NOW = Instant.parse("2026-09-01T12:00:00Z");

    final MockApiServer api;
    final KubernetesClient client;
    final RecordingEvents events = new RecordingEvents();
    final PodSnapshotReconciler reconciler =
            new PodSnapshotReconciler(events, Clock.fixed(NOW, ZoneOffset.UTC), PrimaryCache.NONE);

    PodSnapshotWorld(MockApiServer api) {
        this.api = api;
        this.client = api.client();
    }

    /** The outcome of one pass: the control JOSDK would get, or what was thrown at it. */
    record Outcome<C>(C control, RuntimeException error) {
        boolean isTransient() {
            return error instanceof TransientException;
        }
    }

    // ---- the cluster ----------------------------------------------------------------------------------------

    /** The source pod {@value #POD} with container {@value #CONTAINER}; {@code nodeName} null = not scheduled. */
    Pod pod(String nodeName) {
        return client.resource(new PodBuilder()
                .withNewMetadata().withName(POD).withNamespace(NS).endMetadata()
                .withNewSpec()
                    .withNodeName(nodeName)
                    .addNewContainer().withName(CONTAINER).withImage("example/worker:1").endContainer()
                .endSpec()
                .build()).create();
    }

    Pod pod() {
        return client.pods().inNamespace(NS).withName(POD).get();
    }

    /** Creates the PodSnapshot, unpinned, with the finalizer JOSDK adds before the first pass. */
    PodSnapshot newSnapshot() {
        return createSnapshot(null);
    }

    /** Creates the PodSnapshot pinned to a pod UID. */
    PodSnapshot newSnapshotPinnedTo(String podUid) {
        return createSnapshot(podUid);
    }

    /** The PodSnapshot as stored now; null once it is gone. */
    PodSnapshot snapshot() {
        return client.resources(PodSnapshot.class).inNamespace(NS).withName(SNAPSHOT).get();
    }

    /** Creates the PodSnapshot as a user (or the checkpoint controller) would: pinned to the pod, no finalizer. */
    PodSnapshot newUserSnapshot() {
        var snapshot = snapshotObject(pod().getMetadata().getUid());
        return client.resource(snapshot).create();
    }

    private PodSnapshot createSnapshot(String pinnedUid) {
        var snapshot = snapshotObject(pinnedUid);
        snapshot.getMetadata().setFinalizers(List.of(WireNames.FINALIZER_CONTENT_CLEANUP));
        return client.resource(snapshot).create();
    }

    private static PodSnapshot snapshotObject(String pinnedUid) {
        var snapshot = new PodSnapshot();
        snapshot.setMetadata(new ObjectMetaBuilder().withName(SNAPSHOT).withNamespace(NS).build());
        snapshot.setSpec(new PodSnapshotSpec(new PodSnapshotSource(new PodReference(POD, pinnedUid, List.of(CONTAINER)))));
        return snapshot;
    }

    /** Never null: an empty status when none was written. */
    PodSnapshotStatus status() {
        PodSnapshotStatus status = snapshot().getStatus();
        return status != null ? status : new PodSnapshotStatus();
    }

    Optional<Condition> condition(String type) {
        return Conditions.get(status().getConditions(), type);
    }

    /** The name the reconciler gives this PodSnapshot's content. */
    String contentName() {
        return Names.podSnapshotContent(snapshot().getMetadata().getUid());
    }

    /** Writes the PodSnapshot's status as an earlier pass would have. */
    void snapshotStatus(Consumer<PodSnapshotStatus> edit) {
        PodSnapshot snapshot = snapshot();
        if (snapshot.getStatus() == null) {
            snapshot.setStatus(new PodSnapshotStatus());
        }
        edit.accept(snapshot.getStatus());
        client.resource(snapshot).updateStatus();
    }

    void bind(String contentName) {
        snapshotStatus(s -> s.setBoundSnapshotContentName(contentName));
    }

    /** The content an earlier pass created for this PodSnapshot and this pod. */
    PodSnapshotContent workOrder() {
        return client.resource(WorkOrder.desired(snapshot(), pod())).create();
    }

    /** A content named {@code name} whose back-pointer is {@code ref}: someone else's, or a stale incarnation's. */
    PodSnapshotContent content(String name, SnapshotReference ref) {
        var content = new PodSnapshotContent();
        content.setMetadata(new ObjectMetaBuilder().withName(name)
                .addToLabels(WireNames.LABEL_SNAPSHOT_NODE, NODE).build());
        content.setSpec(new PodSnapshotContentSpec(ref,
                new PodSnapshotContentSource(new PodReference("other-pod", "other-uid", List.of(CONTAINER)), NODE)));
        content.setStatus(null);
        return client.resource(content).create();
    }

    PodSnapshotContent content(String name) {
        return client.resources(PodSnapshotContent.class).withName(name).get();
    }

    List<PodSnapshotContent> contents() {
        return client.resources(PodSnapshotContent.class).list().getItems();
    }

    // ---- the node agent's part ------------------------------------------------------------------------------

    void agentReady(String contentName, String message) {
        agentConditions(contentName, c -> Conditions.markReady(c, Reason.Captured, message, 1, NOW));
    }

    void agentFailed(String contentName, Reason reason, String message) {
        agentConditions(contentName, c -> Conditions.markFailed(c, reason, message, 1, NOW));
    }

    /** The agent's conditions are gone (e.g. a new agent re-validating the capture). */
    void agentCleared(String contentName) {
        agentConditions(contentName, List::clear);
    }

    void agentConditions(String contentName, Consumer<List<Condition>> edit) {
        PodSnapshotContent content = content(contentName);
        var status = content.getStatus() != null ? content.getStatus() : new PodSnapshotContentStatus();
        List<Condition> conditions = new ArrayList<>(status.getConditions());
        edit.accept(conditions);
        status.setConditions(conditions);
        content.setStatus(status);
        client.resource(content).updateStatus();
    }

    // ---- passes ---------------------------------------------------------------------------------------------

    /** One reconcile on a fresh read, after clearing the request log and events so only the pass is observed. */
    Outcome<UpdateControl<PodSnapshot>> reconcile() {
        PodSnapshot current = snapshot();
        return run(() -> reconciler.reconcile(current, new ClientOnlyContext(client, current)));
    }

    /** Marks the PodSnapshot deleted (the finalizer holds it), then runs one cleanup pass on a fresh read. */
    Outcome<DeleteControl> cleanup() {
        client.resources(PodSnapshot.class).inNamespace(NS).withName(SNAPSHOT).delete();
        PodSnapshot current = snapshot();
        return run(() -> reconciler.cleanup(current, new ClientOnlyContext(client, current)));
    }

    private <C> Outcome<C> run(Supplier<C> pass) {
        api.requests().clear();
        events.clear();
        try {
            return new Outcome<>(pass.get(), null);
        } catch (RuntimeException e) {
            return new Outcome<>(null, e);
        }
    }
}
