package io.podsnap.operator.podsnapshot;

import io.fabric8.kubernetes.api.model.Pod;
import io.podsnap.api.v1alpha1.PodReference;
import io.podsnap.api.v1alpha1.PodSnapshot;
import io.podsnap.api.v1alpha1.PodSnapshotContent;
import io.podsnap.api.v1alpha1.SnapshotReference;
import io.podsnap.operator.reconcile.Decision;
import io.podsnap.protocol.Messages;
import io.podsnap.protocol.status.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The binding state machine of a PodSnapshot (operator doc §6.3), as pure functions over objects already read.
 * Modelled on the CSI external-snapshotter: a namespaced request (PodSnapshot) is bound to a cluster-scoped record
 * (PodSnapshotContent), and the binding is trusted only when both sides point at each other.
 */
final class BindingDecisions {
    private BindingDecisions() {}

    /** How long the deletion cascade waits before looking again for a content it asked to delete. */
    static final Duration CONTENT_DELETE_POLL = Duration.ofSeconds(1);

    /**
     * When the pass after a binding runs. Upstream, the binding's own status write re-enqueues the PodSnapshot (a
     * controller-runtime watch sees every update). JOSDK's generation-aware processing drops that event, and the
     * content's creation event may already have been spent on the pass that bound (an adoption), so the binding
     * pass asks for the next one itself. One second lets the informer cache catch up with the write.
     */
    static final Duration MIRROR_AFTER_BIND = Duration.ofSeconds(1);

    /**
     * Bound: the content named by {@code status.boundSnapshotContentName} was read. A content that does not point
     * back at this PodSnapshot is never mirrored: its progress belongs to someone else.
     */
    static Step onBound(PodSnapshot snapshot, PodSnapshotContent content, Instant now) {
        Optional<String> mismatch = backLinkMismatch(snapshot, content);
        if (mismatch.isPresent()) {
            return new Step.Fail(Reason.ContentConflict, mismatch.get());
        }
        return StatusMirror.mirror(snapshot, content, now);
    }

    /** Bound, but the content could not be read. Not a failure: the snapshot stays pending and the read is retried. */
    static Step onBoundContentMissing(PodSnapshot snapshot) {
        return new Step.Retry("bound PodSnapshotContent " + quote(snapshot.getStatus().getBoundSnapshotContentName())
                + " of PodSnapshot " + key(snapshot) + " was not found; retrying");
    }

    /**
     * Unbound: decide from the source pod ({@code null} when it does not exist) whether to create the work order.
     * The order of checks matters: an unscheduled pod is not yet a failure even if its UID is wrong, because the
     * node name is what the work order cannot be written without.
     */
    static Step onUnbound(PodSnapshot snapshot, Pod pod) {
        String podName = sourcePodName(snapshot).orElse("");
        String podKey = snapshot.getMetadata().getNamespace() + "/" + podName;
        if (pod == null) {
            return new Step.Fail(Reason.SourcePodNotFound, "source pod " + quote(podKey)
                    + " named by spec.source.podRef does not exist. The spec is immutable: delete this PodSnapshot and"
                    + " create one that names an existing pod.");
        }
        String nodeName = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        if (nodeName == null || nodeName.isEmpty()) {
            return new Step.Retry("source pod " + quote(podKey) + " is not scheduled yet (spec.nodeName is empty);"
                    + " the work order names the node, retrying");
        }
        String pinned = podRef(snapshot).map(PodReference::getUid).orElse(null);
        String actual = pod.getMetadata().getUid();
        if (pinned != null && !pinned.isEmpty() && !pinned.equals(actual)) {
            return new Step.Fail(Reason.StalePodReference, "source pod " + quote(podKey) + " has UID " + quote(actual)
                    + " but spec.source.podRef.uid pins " + quote(pinned) + ": the pod was re-created. Delete this"
                    + " PodSnapshot and create one for the current pod.");
        }
        return new Step.CreateContent(WorkOrder.desired(snapshot, pod));
    }

    /**
     * The create said AlreadyExists: a previous pass created the content and crashed (or lost its status write)
     * before the binding was recorded, or someone else holds the name. Adopt it only if it points back at us.
     */
    static Step onAlreadyExists(PodSnapshot snapshot, PodSnapshotContent existing) {
        Optional<String> mismatch = backLinkMismatch(snapshot, existing);
        if (mismatch.isPresent()) {
            return new Step.Fail(Reason.ContentConflict, mismatch.get());
        }
        return new Step.Bind(existing.getMetadata().getName(), true);
    }

    /**
     * Why {@code content} does not belong to {@code snapshot}, if it does not: its {@code spec.snapshotRef} must name
     * the PodSnapshot's namespace and name, and its UID when one was recorded (a PodSnapshot deleted and re-created
     * under the same name is a different PodSnapshot).
     */
    static Optional<String> backLinkMismatch(PodSnapshot snapshot, PodSnapshotContent content) {
        var meta = snapshot.getMetadata();
        String contentName = quote(content.getMetadata().getName());
        SnapshotReference ref = content.getSpec() == null ? null : content.getSpec().getSnapshotRef();
        String advice = " Delete this PodSnapshot and create a new one; leave the content to the PodSnapshot it names.";
        if (ref == null) {
            return Optional.of("PodSnapshotContent " + contentName + " has no spec.snapshotRef, so it cannot be bound"
                    + " to PodSnapshot " + quote(key(snapshot)) + "." + advice);
        }
        boolean sameObject = meta.getNamespace().equals(ref.getNamespace()) && meta.getName().equals(ref.getName());
        boolean sameIncarnation = ref.getUid() == null || ref.getUid().isEmpty() || ref.getUid().equals(meta.getUid());
        if (sameObject && sameIncarnation) {
            return Optional.empty();
        }
        return Optional.of("PodSnapshotContent " + contentName + " points back at PodSnapshot "
                + quote(ref.getNamespace() + "/" + ref.getName()) + " (uid " + quote(String.valueOf(ref.getUid()))
                + "), not at this one " + quote(key(snapshot)) + " (uid " + quote(String.valueOf(meta.getUid())) + ")."
                + advice);
    }

    /** The name of the content the deletion cascade must remove; empty means "nothing bound, drop the finalizer". */
    static Optional<String> cascadeTarget(PodSnapshot snapshot) {
        var status = snapshot.getStatus();
        if (status == null || status.getBoundSnapshotContentName() == null
                || status.getBoundSnapshotContentName().isEmpty()) {
            // The name is never reconstructed from the UID here: a content the binding does not name is not ours to
            // delete (bring-your-own content). Accepted risk: a content created by a pass whose binding write was
            // lost is orphaned if the PodSnapshot is deleted before the next pass adopts it.
            return Optional.empty();
        }
        return Optional.of(status.getBoundSnapshotContentName());
    }

    /** After asking for the bound content's deletion: release the PodSnapshot only once the content is gone. */
    static Decision afterContentDelete(boolean contentStillPresent) {
        return contentStillPresent ? Decision.requeueAfter(CONTENT_DELETE_POLL) : Decision.done();
    }

    static Optional<String> sourcePodName(PodSnapshot snapshot) {
        return podRef(snapshot).map(PodReference::getName).filter(n -> !n.isEmpty());
    }

    private static Optional<PodReference> podRef(PodSnapshot snapshot) {
        var spec = snapshot.getSpec();
        if (spec == null || spec.getSource() == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(spec.getSource().getPodRef());
    }

    static String key(PodSnapshot snapshot) {
        return snapshot.getMetadata().getNamespace() + "/" + snapshot.getMetadata().getName();
    }

    private static String quote(String s) {
        return Messages.quote(s == null ? "" : s);
    }
}
