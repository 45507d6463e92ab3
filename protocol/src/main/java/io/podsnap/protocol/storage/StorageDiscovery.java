package io.podsnap.protocol.storage;

import static io.podsnap.protocol.WireNames.AGENT_CHECKPOINTS_VOLUME;
import static io.podsnap.protocol.WireNames.AGENT_CONTAINER;
import static io.podsnap.protocol.WireNames.COMPONENT_SNAPSHOT_AGENT;
import static io.podsnap.protocol.WireNames.LABEL_COMPONENT;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the checkpoint PVC when no storage is configured: the snapshot-agent DaemonSet of the namespace mounts it
 * (agent reference §5.4, operator reference §13). Whatever that DaemonSet mounts as {@code checkpoints} is where
 * the agent writes artifacts, so it is the only trustworthy source.
 */
public final class StorageDiscovery {
    private StorageDiscovery() {}

    /**
     * Picks the storage from the namespace's DaemonSets. Only DaemonSets labelled
     * {@code app.kubernetes.io/component=snapshot-agent} count; they are tried in name order so the answer does not
     * depend on list order, and the first whose container {@code agent} mounts a PVC-backed volume named
     * {@code checkpoints} at a non-empty path wins. Other PVC volumes are never taken: a cache PVC would silently
     * become the artifact store.
     *
     * @return PVC storage, {@link AccessMode#agentMount}, base path = the agent's mount path
     * @throws StorageDiscoveryException when there is no agent DaemonSet, or none mounts such a volume
     */
    public static Storage fromDaemonSets(String namespace, List<DaemonSet> daemonSets) {
        List<DaemonSet> agents = daemonSets.stream()
                .filter(StorageDiscovery::isSnapshotAgent)
                .sorted(Comparator.comparing(ds -> ds.getMetadata().getName()))
                .toList();
        if (agents.isEmpty()) {
            throw new StorageDiscoveryException("no snapshot-agent daemonset found in namespace " + namespace);
        }
        List<String> problems = new ArrayList<>();
        for (DaemonSet ds : agents) {
            String name = ds.getMetadata().getName();
            PodSpec spec = ds.getSpec() == null || ds.getSpec().getTemplate() == null
                    ? null : ds.getSpec().getTemplate().getSpec();
            Optional<Container> agent = spec == null || spec.getContainers() == null ? Optional.empty()
                    : spec.getContainers().stream().filter(c -> AGENT_CONTAINER.equals(c.getName())).findFirst();
            if (agent.isEmpty()) {
                problems.add("snapshot-agent daemonset " + name + " has no container named " + AGENT_CONTAINER);
                continue;
            }
            Optional<Storage> storage = checkpointsVolume(spec, agent.get());
            if (storage.isPresent()) {
                return storage.get();
            }
            problems.add("snapshot-agent daemonset " + name + " does not mount a PVC-backed checkpoint volume ("
                    + mountedVolumes(agent.get()) + ")");
        }
        throw new StorageDiscoveryException(String.join("; ", problems));
    }

    /** Lists the namespace's snapshot-agent DaemonSets and applies {@link #fromDaemonSets}. */
    public static Storage discover(KubernetesClient client, String namespace) {
        List<DaemonSet> daemonSets = client.apps().daemonSets().inNamespace(namespace)
                .withLabel(LABEL_COMPONENT, COMPONENT_SNAPSHOT_AGENT)
                .list().getItems();
        return fromDaemonSets(namespace, daemonSets);
    }

    private static boolean isSnapshotAgent(DaemonSet ds) {
        Map<String, String> labels = ds.getMetadata() == null ? null : ds.getMetadata().getLabels();
        return labels != null && COMPONENT_SNAPSHOT_AGENT.equals(labels.get(LABEL_COMPONENT));
    }

    private static Optional<Storage> checkpointsVolume(PodSpec spec, Container agent) {
        Volume volume = spec.getVolumes() == null ? null : spec.getVolumes().stream()
                .filter(v -> AGENT_CHECKPOINTS_VOLUME.equals(v.getName())).findFirst().orElse(null);
        if (volume == null || volume.getPersistentVolumeClaim() == null
                || isBlank(volume.getPersistentVolumeClaim().getClaimName())) {
            return Optional.empty();
        }
        if (agent.getVolumeMounts() == null) {
            return Optional.empty();
        }
        return agent.getVolumeMounts().stream()
                .filter(m -> AGENT_CHECKPOINTS_VOLUME.equals(m.getName()) && !isBlank(m.getMountPath()))
                .findFirst()
                .map(m -> Storage.pvc(volume.getPersistentVolumeClaim().getClaimName(), m.getMountPath()));
    }

    private static String mountedVolumes(Container agent) {
        List<String> names = agent.getVolumeMounts() == null ? List.of()
                : agent.getVolumeMounts().stream().map(VolumeMount::getName).distinct().toList();
        return names.isEmpty() ? "no volumes mounted" : "mounted volumes: " + String.join(", ", names);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
