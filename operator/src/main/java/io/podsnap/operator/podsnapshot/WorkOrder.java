package io.podsnap.operator.podsnapshot;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.podsnap.api.v1alpha1.PodReference;
import io.podsnap.api.v1alpha1.PodSnapshot;
import io.podsnap.api.v1alpha1.PodSnapshotContent;
import io.podsnap.api.v1alpha1.PodSnapshotContentSource;
import io.podsnap.api.v1alpha1.PodSnapshotContentSpec;
import io.podsnap.api.v1alpha1.SnapshotReference;
import io.podsnap.protocol.WireNames;
import io.podsnap.protocol.naming.Names;
import java.util.List;
import java.util.Map;

/**
 * The PodSnapshotContent a PodSnapshot wants: the node agent's work order. A pure function of the PodSnapshot and
 * its (scheduled) source pod.
 *
 * <p>What it deliberately does not carry: no finalizer (the PodSnapshot's finalizer deletes it, and a finalizer here
 * would need an agent to remove it); no owner reference (a cluster-scoped object cannot be owned by a namespaced
 * one); no checkpoint-ID label and no artifact-version annotation (those live on the checkpoint Job's pod, which
 * the agent reads at capture time).
 */
final class WorkOrder {
    private WorkOrder() {}

    /**
     * {@code podsnapshotcontent-<PodSnapshot UID>}, labelled with the source pod's node, pointing back at the
     * PodSnapshot (namespace, name and UID, so a re-created PodSnapshot of the same name is told apart) and naming
     * the exact pod incarnation (name and UID) the agent must dump.
     */
    static PodSnapshotContent desired(PodSnapshot snapshot, Pod pod) {
        var meta = snapshot.getMetadata();
        String nodeName = pod.getSpec().getNodeName();
        PodReference requested = snapshot.getSpec().getSource().getPodRef();
        List<String> containers = requested.getContainers() == null ? List.of() : List.copyOf(requested.getContainers());

        var content = new PodSnapshotContent();
        content.setMetadata(new ObjectMetaBuilder()
                .withName(Names.podSnapshotContent(meta.getUid()))
                .withLabels(Map.of(WireNames.LABEL_SNAPSHOT_NODE, nodeName))
                .build());
        content.setSpec(new PodSnapshotContentSpec(
                new SnapshotReference(meta.getNamespace(), meta.getName(), meta.getUid()),
                new PodSnapshotContentSource(
                        new PodReference(pod.getMetadata().getName(), pod.getMetadata().getUid(), containers),
                        nodeName)));
        // The agent owns the status; the operator never sends one.
        content.setStatus(null);
        return content;
    }
}
