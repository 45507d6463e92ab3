package io.podsnap.operator.podsnapshot;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import io.podsnap.api.v1alpha1.PodSnapshotContent;
import io.podsnap.api.v1alpha1.SnapshotReference;
import java.util.Set;

/**
 * Maps a PodSnapshotContent event to the PodSnapshot its {@code spec.snapshotRef} names. The content is cluster-scoped
 * and has no owner reference, so the back-pointer is the only way home.
 *
 * <p>Delete events go through here too, including "deleted, final state unknown" tombstones (a delete the watch
 * missed and a relist discovered): fabric8's informer unwraps the tombstone and passes the last known object, so the
 * spec is there and the PodSnapshot is re-enqueued and sees its content gone.
 */
final class SnapshotRefMapper implements SecondaryToPrimaryMapper<PodSnapshotContent> {

    @Override
    public Set<ResourceID> toPrimaryResourceIDs(PodSnapshotContent content) {
        SnapshotReference ref = content.getSpec() == null ? null : content.getSpec().getSnapshotRef();
        if (ref == null || ref.getName() == null || ref.getName().isEmpty()
                || ref.getNamespace() == null || ref.getNamespace().isEmpty()) {
            return Set.of();
        }
        return Set.of(new ResourceID(ref.getName(), ref.getNamespace()));
    }
}
