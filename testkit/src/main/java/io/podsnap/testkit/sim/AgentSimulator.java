package io.podsnap.testkit.sim;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.podsnap.api.v1alpha1.PodSnapshotContent;
import io.podsnap.api.v1alpha1.PodSnapshotContentStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stands in for the node agent in control-plane tests and benchmarks: every PodSnapshotContent routed to
 * {@code nodeName} (label {@code nvidia.com/snapshot-node}) is marked {@code Ready} with reason {@code Captured},
 * and its source pod then exits successfully, as a real workload does after {@code snapshot-complete}. No CRIU,
 * no artifact: this only exercises the API contract. The real agent is tested against real processes.
 */
public final class AgentSimulator implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AgentSimulator.class);
    public static final String SNAPSHOT_NODE_LABEL = "nvidia.com/snapshot-node";

    private final KubernetesClient client;
    private final SharedIndexInformer<PodSnapshotContent> contents;
    private final AtomicInteger captured = new AtomicInteger();

    private AgentSimulator(KubernetesClient client, String nodeName) {
        this.client = client;
        this.contents = client.resources(PodSnapshotContent.class).withLabel(SNAPSHOT_NODE_LABEL, nodeName)
                .inform(new ResourceEventHandler<>() {
                    @Override public void onAdd(PodSnapshotContent content) { capture(content); }
                    @Override public void onUpdate(PodSnapshotContent oldContent, PodSnapshotContent content) {}
                    @Override public void onDelete(PodSnapshotContent content, boolean unknown) {}
                });
    }

    /** Starts serving the work orders of {@code nodeName}. */
    public static AgentSimulator start(KubernetesClient client, String nodeName) {
        return new AgentSimulator(client, nodeName);
    }

    /** How many work orders this simulator marked Ready. */
    public int captured() {
        return captured.get();
    }

    private void capture(PodSnapshotContent content) {
        if (content.getStatus() != null && content.getStatus().getConditions() != null
                && !content.getStatus().getConditions().isEmpty()) {
            return;
        }
        String now = Instant.now().toString();
        List<Condition> conditions = new ArrayList<>();
        conditions.add(new ConditionBuilder().withType("Ready").withStatus("True").withReason("Captured")
                .withMessage("Checkpoint captured and verified").withLastTransitionTime(now).build());
        conditions.add(new ConditionBuilder().withType("Failed").withStatus("False").withReason("Captured")
                .withMessage("").withLastTransitionTime(now).build());
        PodSnapshotContentStatus status = content.getStatus() == null ? new PodSnapshotContentStatus() : content.getStatus();
        status.setConditions(conditions);
        content.setStatus(status);
        try {
            client.resource(content).updateStatus();
            captured.incrementAndGet();
        } catch (KubernetesClientException e) {
            log.warn("agent simulator could not mark {} Ready: {}", content.getMetadata().getName(), e.getMessage());
            return;
        }
        exitSourcePod(content);
    }

    /** The workload exits 0 after the capture, which lets its Job complete. */
    private void exitSourcePod(PodSnapshotContent content) {
        String namespace = content.getSpec().getSnapshotRef().getNamespace();
        String podName = content.getSpec().getSource().getPodRef().getName();
        Pod pod = client.pods().inNamespace(namespace).withName(podName).get();
        if (pod == null || pod.getStatus() == null) {
            return;
        }
        pod.getStatus().setPhase("Succeeded");
        pod.getStatus().getContainerStatuses().forEach(cs -> {
            cs.setReady(false);
            cs.setState(new io.fabric8.kubernetes.api.model.ContainerStateBuilder().withNewTerminated()
                    .withExitCode(0).withReason("Completed").endTerminated().build());
        });
        try {
            client.pods().inNamespace(namespace).resource(pod).updateStatus();
        } catch (KubernetesClientException e) {
            log.warn("agent simulator could not finish pod {}/{}: {}", namespace, podName, e.getMessage());
        }
    }

    @Override
    public void close() {
        contents.close();
    }
}
