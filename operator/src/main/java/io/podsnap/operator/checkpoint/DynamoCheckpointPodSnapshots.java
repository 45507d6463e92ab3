package io.podsnap.operator.checkpoint;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.podsnap.api.v1alpha1.DynamoCheckpoint;
import io.podsnap.api.v1alpha1.PodReference;
import io.podsnap.api.v1alpha1.PodSnapshot;
import io.podsnap.api.v1alpha1.PodSnapshotSource;
import io.podsnap.api.v1alpha1.PodSnapshotSpec;
import io.podsnap.operator.reconcile.ApiErrors;
import io.podsnap.protocol.WireNames;
import io.podsnap.protocol.naming.Names;
import io.podsnap.protocol.status.Conditions;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The checkpoint's PodSnapshot (operator doc §5.4, §6.1): what it looks like, how the checkpoint finds its own, and
 * how it comes into existence. It has the checkpoint's name but is never looked up by that name alone: only the
 * owner label plus a controller reference to this checkpoint's UID make a PodSnapshot ours.
 */
public final class DynamoCheckpointPodSnapshots {
    private DynamoCheckpointPodSnapshots() {}

    /** How {@link #ensure} ended. */
    public sealed interface Outcome {
        /** We created it. */
        record Created(PodSnapshot podSnapshot) implements Outcome {}

        /** It already existed and is ours (a restart, or our cache had not seen our own create). */
        record Adopted(PodSnapshot podSnapshot) implements Outcome {}

        /** A PodSnapshot of that name exists and something else controls it. */
        record NameConflict(String message) implements Outcome {}

        /** The API server refused it for good (invalid, forbidden). */
        record Rejected(String message) implements Outcome {}
    }

    // ---- desired state and lookup (pure) ------------------------------------------------------------------------

    /**
     * The PodSnapshot for {@code sourcePod}: named after the checkpoint, labelled with the owner and the checkpoint
     * ID, controlled by the checkpoint, pinned to the pod's UID (a replacement pod of the same name must never be
     * dumped) and to the target container.
     *
     * @throws IllegalArgumentException when {@code spec.job} is missing or the checkpoint's name
     *                                  cannot name a PodSnapshot
     */
    public static PodSnapshot desired(DynamoCheckpoint checkpoint, String checkpointId, Pod sourcePod) {
        if (checkpoint.getSpec() == null || checkpoint.getSpec().getJob() == null) {
            throw new IllegalArgumentException("spec.job is missing: the PodSnapshot must name the container to capture");
        }
        // The same resolution as the Job's: the schema defaults an empty target to main, but an API server without
        // that default (or an object stored before it) must still capture the container the Job was built for.
        String target = CheckpointJobFactory.targetContainerName(checkpoint.getSpec().getJob());
        PodSnapshot podSnapshot = new PodSnapshot();
        podSnapshot.setMetadata(new ObjectMetaBuilder()
                .withName(Names.podSnapshotFor(checkpoint))
                .withNamespace(checkpoint.getMetadata().getNamespace())
                .addToLabels(WireNames.LABEL_SNAPSHOT_OWNER, checkpoint.getMetadata().getName())
                .addToLabels(WireNames.LABEL_CHECKPOINT_ID, checkpointId)
                .withOwnerReferences(DynamoCheckpointOwnership.controllerReference(checkpoint))
                // The PodSnapshot controller's cleanup finalizer, applied up front: it would add it on its first pass
                // anyway, and carrying it from creation saves that write.
                .withFinalizers(WireNames.FINALIZER_CONTENT_CLEANUP)
                .build());
        podSnapshot.setSpec(new PodSnapshotSpec(new PodSnapshotSource(new PodReference(
                sourcePod.getMetadata().getName(), sourcePod.getMetadata().getUid(), List.of(target.strip())))));
        return podSnapshot;
    }

    /**
     * The PodSnapshots this checkpoint owns among {@code candidates}: owner label = the checkpoint's name and
     * controller = the checkpoint's UID. A labelled PodSnapshot controlled by anything else is ignored, in name order.
     */
    public static List<PodSnapshot> owned(DynamoCheckpoint checkpoint, List<PodSnapshot> candidates) {
        String name = checkpoint.getMetadata().getName();
        String namespace = checkpoint.getMetadata().getNamespace();
        return candidates.stream()
                .filter(ps -> Objects.equals(namespace, ps.getMetadata().getNamespace()))
                .filter(ps -> name.equals(DynamoCheckpointJobs.label(ps, WireNames.LABEL_SNAPSHOT_OWNER)))
                .filter(ps -> DynamoCheckpointOwnership.isControlledBy(ps, checkpoint))
                .sorted(Comparator.comparing(ps -> ps.getMetadata().getName()))
                .toList();
    }

    /** Ready only when bound to a content <em>and</em> Ready=True: a Ready condition without binding is not trusted. */
    public static boolean isReady(PodSnapshot podSnapshot) {
        return podSnapshot.getStatus() != null
                && podSnapshot.getStatus().getBoundSnapshotContentName() != null
                && !podSnapshot.getStatus().getBoundSnapshotContentName().isBlank()
                && Conditions.isTrue(podSnapshot.getStatus().getConditions(), WireNames.CONDITION_READY);
    }

    /** Failed=True; it can land before binding (stale pod reference, missing pod). */
    public static boolean isFailed(PodSnapshot podSnapshot) {
        return podSnapshot.getStatus() != null
                && Conditions.isTrue(podSnapshot.getStatus().getConditions(), WireNames.CONDITION_FAILED);
    }

    public static String conditionMessage(PodSnapshot podSnapshot, String type) {
        if (podSnapshot.getStatus() == null) {
            return "";
        }
        return Conditions.get(podSnapshot.getStatus().getConditions(), type)
                .map(Condition::getMessage)
                .orElse("");
    }

    /** The message for a name conflict; users search for "is not controlled by checkpoint". */
    public static String conflictMessage(PodSnapshot existing, DynamoCheckpoint checkpoint) {
        return "PodSnapshot " + describe(existing) + " already exists and is not controlled by checkpoint "
                + describe(checkpoint) + " (it has " + DynamoCheckpointOwnership.describeController(existing)
                + "); delete that PodSnapshot or give the checkpoint another name";
    }

    // ---- creation (edge) ----------------------------------------------------------------------------------------

    /**
     * Makes sure {@code desired} exists. A live read comes first, so a same-named PodSnapshot that is not ours is
     * reported, never applied over (a forced apply would take its fields). Absent: created by Server-Side Apply with
     * field manager {@value WireNames#OPERATOR_FIELD_MANAGER}, forcing conflicts, so a later operator version owns
     * the same fields.
     *
     * @throws DynamoCheckpointRetryException when the create says AlreadyExists but the object cannot be read yet
     * @throws KubernetesClientException      for transient API errors (the caller retries with backoff)
     */
    public static Outcome ensure(KubernetesClient client, PodSnapshot desired, DynamoCheckpoint checkpoint) {
        String namespace = desired.getMetadata().getNamespace();
        String name = desired.getMetadata().getName();
        PodSnapshot existing = get(client, namespace, name);
        if (existing != null) {
            return classifyExisting(existing, checkpoint);
        }
        try {
            PodSnapshot applied = client.resource(desired)
                    .fieldManager(WireNames.OPERATOR_FIELD_MANAGER)
                    .forceConflicts()
                    .serverSideApply();
            return new Outcome.Created(applied);
        } catch (KubernetesClientException e) {
            if (ApiErrors.isAlreadyExists(e)) {
                PodSnapshot raced = get(client, namespace, name);
                if (raced == null) {
                    // Someone created it between our read and our write and our read of it lags: not a verdict yet.
                    throw new DynamoCheckpointRetryException("PodSnapshot " + namespace + "/" + name
                            + " already exists but cannot be read yet; retrying", e);
                }
                return classifyExisting(raced, checkpoint);
            }
            if (ApiErrors.isTerminal(e)) {
                return new Outcome.Rejected(apiMessage(e));
            }
            throw e;
        }
    }

    /**
     * Deletes a PodSnapshot of ours with a UID precondition (a new one of the same name is never hit). NotFound and a
     * failed precondition mean it is gone already.
     *
     * @return true if this call deleted it
     */
    public static boolean delete(KubernetesClient client, PodSnapshot podSnapshot) {
        String path = "/apis/" + WireNames.API_VERSION + "/namespaces/" + podSnapshot.getMetadata().getNamespace()
                + "/podsnapshots/" + podSnapshot.getMetadata().getName();
        try {
            client.raw(path, "DELETE", DynamoCheckpointJobs.deleteOptions(podSnapshot.getMetadata().getUid()));
            return true;
        } catch (KubernetesClientException e) {
            if (ApiErrors.isNotFound(e) || ApiErrors.isConflict(e)) {
                return false;
            }
            throw e;
        }
    }

    public static PodSnapshot get(KubernetesClient client, String namespace, String name) {
        return client.resources(PodSnapshot.class).inNamespace(namespace).withName(name).get();
    }

    private static Outcome classifyExisting(PodSnapshot existing, DynamoCheckpoint checkpoint) {
        return DynamoCheckpointOwnership.isControlledBy(existing, checkpoint)
                ? new Outcome.Adopted(existing)
                : new Outcome.NameConflict(conflictMessage(existing, checkpoint));
    }

    static String apiMessage(KubernetesClientException e) {
        if (e.getStatus() != null && e.getStatus().getMessage() != null && !e.getStatus().getMessage().isBlank()) {
            return e.getStatus().getMessage();
        }
        return e.getMessage();
    }

    static String describe(HasMetadata object) {
        String ns = object.getMetadata().getNamespace();
        return (ns == null || ns.isEmpty() ? "" : ns + "/") + object.getMetadata().getName();
    }
}
