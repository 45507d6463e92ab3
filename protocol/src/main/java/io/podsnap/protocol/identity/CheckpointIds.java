package io.podsnap.protocol.identity;

import io.podsnap.api.v1alpha1.DynamoCheckpoint;
import io.podsnap.api.v1alpha1.DynamoCheckpointStatus;
import io.podsnap.protocol.WireNames;
import java.util.Map;

/** Which checkpoint ID a DynamoCheckpoint stands for (dynamo-operator-checkpoint.md §4.2, state D). */
public final class CheckpointIds {
    private CheckpointIds() {}

    /** Whether the checkpoint is DGD-managed: annotation {@code nvidia.com/dynamo-auto-checkpoint} is exactly {@code "true"}. */
    public static boolean isAutomatic(DynamoCheckpoint checkpoint) {
        Map<String, String> annotations = checkpoint.getMetadata() == null ? null : checkpoint.getMetadata().getAnnotations();
        return annotations != null && "true".equals(annotations.get(WireNames.ANNOTATION_AUTO_CHECKPOINT));
    }

    /**
     * The checkpoint ID, first match wins:
     * <ol>
     *   <li>automatic checkpoint: the {@code nvidia.com/snapshot-checkpoint-id} label, and nothing else — the DGD
     *       controller derived it from the DGD UID and worker generation, which neither status nor identity can
     *       reproduce, so falling back would silently point at a different artifact;</li>
     *   <li>{@code status.checkpointID};</li>
     *   <li>{@code status.identityHash} (written by older operators);</li>
     *   <li>the {@code nvidia.com/snapshot-checkpoint-id} label;</li>
     *   <li>the identity hash of {@code spec.identity}.</li>
     * </ol>
     * Status comes before the label and the identity so an ID, once published, never changes under an artifact.
     *
     * @throws InvalidCheckpointException when none of these yields an ID
     */
    public static String resolve(DynamoCheckpoint checkpoint) {
        String label = checkpointIdLabel(checkpoint);
        if (isAutomatic(checkpoint)) {
            if (isBlank(label)) {
                throw new InvalidCheckpointException("automatic checkpoint " + describe(checkpoint) + " has no "
                        + WireNames.LABEL_CHECKPOINT_ID + " label. Automatic checkpoints (annotation "
                        + WireNames.ANNOTATION_AUTO_CHECKPOINT + "=true) are keyed only by that label, which the "
                        + "DynamoGraphDeployment controller sets; restore the label, or delete this checkpoint so "
                        + "the controller recreates it");
            }
            return label;
        }
        DynamoCheckpointStatus status = checkpoint.getStatus();
        if (status != null && !isBlank(status.getCheckpointID())) {
            return status.getCheckpointID();
        }
        if (status != null && !isBlank(status.getIdentityHash())) {
            return status.getIdentityHash();
        }
        if (!isBlank(label)) {
            return label;
        }
        if (checkpoint.getSpec() != null && checkpoint.getSpec().getIdentity() != null) {
            return IdentityHash.of(checkpoint.getSpec().getIdentity());
        }
        throw new InvalidCheckpointException("checkpoint " + describe(checkpoint) + " has no checkpoint ID: "
                + "status.checkpointID, status.identityHash and the " + WireNames.LABEL_CHECKPOINT_ID
                + " label are empty and spec.identity is not set; set spec.identity (model and backendFramework) "
                + "or the " + WireNames.LABEL_CHECKPOINT_ID + " label");
    }

    private static String checkpointIdLabel(DynamoCheckpoint checkpoint) {
        if (checkpoint.getMetadata() == null || checkpoint.getMetadata().getLabels() == null) {
            return null;
        }
        return checkpoint.getMetadata().getLabels().get(WireNames.LABEL_CHECKPOINT_ID);
    }

    private static String describe(DynamoCheckpoint checkpoint) {
        if (checkpoint.getMetadata() == null) {
            return "<no metadata>";
        }
        String ns = checkpoint.getMetadata().getNamespace();
        return (ns == null || ns.isEmpty() ? "" : ns + "/") + checkpoint.getMetadata().getName();
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
