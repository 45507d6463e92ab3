package io.podsnap.operator.checkpoint;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.podsnap.api.v1alpha1.DynamoCheckpoint;
import io.podsnap.protocol.WireNames;
import java.util.Optional;

/**
 * Controller owner references: the checkpoint controls its Job, its PodSnapshot and its cleanup Job; a Job controls
 * its pods. "Controlled by" always means the controller reference's UID, never a name: a same-named object left by a
 * deleted incarnation must not count as ours.
 */
public final class DynamoCheckpointOwnership {
    private DynamoCheckpointOwnership() {}

    public static final String KIND = "DynamoCheckpoint";

    /** The controller reference the checkpoint puts on what it creates; blockOwnerDeletion so GC orders deletes. */
    public static OwnerReference controllerReference(DynamoCheckpoint checkpoint) {
        return new OwnerReferenceBuilder()
                .withApiVersion(WireNames.API_VERSION)
                .withKind(KIND)
                .withName(checkpoint.getMetadata().getName())
                .withUid(checkpoint.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build();
    }

    /** The object's controller reference, if it has one. */
    public static Optional<OwnerReference> controllerOf(HasMetadata object) {
        if (object == null || object.getMetadata() == null || object.getMetadata().getOwnerReferences() == null) {
            return Optional.empty();
        }
        return object.getMetadata().getOwnerReferences().stream()
                .filter(ref -> Boolean.TRUE.equals(ref.getController()))
                .findFirst();
    }

    /** Whether {@code object}'s controller is the object with this UID. */
    public static boolean isControlledBy(HasMetadata object, String ownerUid) {
        return ownerUid != null && controllerOf(object).map(ref -> ownerUid.equals(ref.getUid())).orElse(false);
    }

    /** Whether {@code object}'s controller is this checkpoint (same kind, same UID). */
    public static boolean isControlledBy(HasMetadata object, DynamoCheckpoint checkpoint) {
        return controllerOf(object)
                .filter(ref -> KIND.equals(ref.getKind()) && isCheckpointApiVersion(ref.getApiVersion()))
                .map(ref -> ref.getUid() != null && ref.getUid().equals(checkpoint.getMetadata().getUid()))
                .orElse(false);
    }

    /** The name of the DynamoCheckpoint controlling {@code object}, if a DynamoCheckpoint controls it. */
    public static Optional<String> controllingCheckpointName(HasMetadata object) {
        return controllerOf(object)
                .filter(ref -> KIND.equals(ref.getKind()) && isCheckpointApiVersion(ref.getApiVersion()))
                .map(OwnerReference::getName);
    }

    /** "DynamoCheckpoint/other" or "no controller", for messages about objects that are not ours. */
    public static String describeController(HasMetadata object) {
        return controllerOf(object)
                .map(ref -> ref.getKind() + "/" + ref.getName() + " (uid " + ref.getUid() + ")")
                .orElse("no controller");
    }

    /** Any version of the nvidia.com group: a later API version of DynamoCheckpoint is still the same owner kind. */
    private static boolean isCheckpointApiVersion(String apiVersion) {
        return apiVersion != null && apiVersion.startsWith(WireNames.GROUP + "/");
    }
}
