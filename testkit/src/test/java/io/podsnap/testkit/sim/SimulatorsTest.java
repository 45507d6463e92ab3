package io.podsnap.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.podsnap.api.v1alpha1.PodReference;
import io.podsnap.api.v1alpha1.PodSnapshotContent;
import io.podsnap.api.v1alpha1.PodSnapshotContentSource;
import io.podsnap.api.v1alpha1.PodSnapshotContentSpec;
import io.podsnap.api.v1alpha1.SnapshotReference;
import io.podsnap.testkit.WithMockApi;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@WithMockApi
class SimulatorsTest {

    private static Job job(String name) {
        return new JobBuilder()
                .withNewMetadata().withName(name).withNamespace("work").endMetadata()
                .withNewSpec().withBackoffLimit(0).withNewTemplate()
                    .withNewMetadata().addToLabels("nvidia.com/snapshot-is-checkpoint-source", "true").endMetadata()
                    .withNewSpec().withRestartPolicy("Never")
                        .addNewContainer().withName("main").withImage("workload:1").endContainer()
                    .endSpec()
                .endTemplate().endSpec()
                .build();
    }

    private static PodSnapshotContent content(String podName) {
        PodSnapshotContent c = new PodSnapshotContent();
        c.getMetadata().setName("podsnapshotcontent-uid-1");
        c.getMetadata().setLabels(Map.of(AgentSimulator.SNAPSHOT_NODE_LABEL, "node-a"));
        PodReference podRef = new PodReference();
        podRef.setName(podName);
        podRef.setContainers(List.of("main"));
        PodSnapshotContentSource source = new PodSnapshotContentSource();
        source.setPodRef(podRef);
        source.setNodeName("node-a");
        SnapshotReference ref = new SnapshotReference();
        ref.setNamespace("work");
        ref.setName("ckpt");
        PodSnapshotContentSpec spec = new PodSnapshotContentSpec();
        spec.setSnapshotRef(ref);
        spec.setSource(source);
        c.setSpec(spec);
        return c;
    }

    @Test
    void aJobGetsOneRunningReadyPodOnTheNodeControlledByIt(KubernetesClient client) {
        try (var jobs = JobControllerSimulator.start(client, "node-a")) {
            Job created = client.batch().v1().jobs().inNamespace("work").resource(job("checkpoint-job-abc-1")).create();

            Pod pod = await().atMost(Duration.ofSeconds(5)).until(() -> client.pods().inNamespace("work")
                    .withLabel(JobControllerSimulator.JOB_NAME_LABEL, "checkpoint-job-abc-1").list().getItems()
                    .stream().filter(p -> p.getStatus() != null && "Running".equals(p.getStatus().getPhase()))
                    .findFirst().orElse(null), p -> p != null);

            assertThat(pod.getSpec().getNodeName()).isEqualTo("node-a");
            assertThat(pod.getMetadata().getLabels()).containsEntry("nvidia.com/snapshot-is-checkpoint-source", "true");
            assertThat(pod.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> {
                assertThat(o.getUid()).isEqualTo(created.getMetadata().getUid());
                assertThat(o.getController()).isTrue();
            });
            assertThat(pod.getStatus().getContainerStatuses()).singleElement().satisfies(cs -> {
                assertThat(cs.getReady()).isTrue();
                assertThat(cs.getContainerID()).startsWith("containerd://");
            });
            assertThat(jobs.podsCreated()).isEqualTo(1);
        }
    }

    @Test
    void aCapturedWorkOrderLetsTheWorkloadExitAndTheJobComplete(KubernetesClient client) {
        try (var jobs = JobControllerSimulator.start(client, "node-a");
             var agent = AgentSimulator.start(client, "node-a")) {
            client.batch().v1().jobs().inNamespace("work").resource(job("checkpoint-job-abc-1")).create();
            Pod pod = await().atMost(Duration.ofSeconds(5)).until(() -> client.pods().inNamespace("work")
                    .withLabel(JobControllerSimulator.JOB_NAME_LABEL, "checkpoint-job-abc-1").list().getItems()
                    .stream().findFirst().orElse(null), p -> p != null);

            client.resource(content(pod.getMetadata().getName())).create();

            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                var stored = client.resources(PodSnapshotContent.class).withName("podsnapshotcontent-uid-1").get();
                assertThat(stored.getStatus().getConditions())
                        .anySatisfy(c -> {
                            assertThat(c.getType()).isEqualTo("Ready");
                            assertThat(c.getStatus()).isEqualTo("True");
                            assertThat(c.getReason()).isEqualTo("Captured");
                        });
                Job job = client.batch().v1().jobs().inNamespace("work").withName("checkpoint-job-abc-1").get();
                assertThat(job.getStatus().getConditions())
                        .anySatisfy(c -> assertThat(c.getType() + "=" + c.getStatus()).isEqualTo("Complete=True"));
            });
            assertThat(client.pods().inNamespace("work").withName(pod.getMetadata().getName()).get().getStatus().getPhase())
                    .isEqualTo("Succeeded");
            assertThat(agent.captured()).isEqualTo(1);
        }
    }

    @Test
    void workOrdersForAnotherNodeAreLeftAlone(KubernetesClient client) {
        try (var agent = AgentSimulator.start(client, "node-b")) {
            client.resource(content("some-pod")).create();

            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> agent.captured() == 0);
            assertThat(client.resources(PodSnapshotContent.class).withName("podsnapshotcontent-uid-1").get().getStatus())
                    .satisfiesAnyOf(s -> assertThat(s).isNull(), s -> assertThat(s.getConditions()).isNullOrEmpty());
        }
    }
}
