package io.podsnap.operator.runtime;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.podsnap.api.v1alpha1.DynamoCheckpoint;
import io.podsnap.api.v1alpha1.DynamoCheckpointIdentity;
import io.podsnap.api.v1alpha1.DynamoCheckpointJobConfig;
import io.podsnap.api.v1alpha1.DynamoCheckpointPhase;
import io.podsnap.api.v1alpha1.DynamoCheckpointSpec;
import io.podsnap.api.v1alpha1.DynamoCheckpointStatus;
import io.podsnap.api.v1alpha1.PodReference;
import io.podsnap.api.v1alpha1.PodSnapshot;
import io.podsnap.api.v1alpha1.PodSnapshotSource;
import io.podsnap.api.v1alpha1.PodSnapshotSpec;
import io.podsnap.operator.config.OperatorConfig;
import io.podsnap.testkit.MockApiServer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** Objects and runtimes the runtime tests share. */
final class RuntimeFixtures {
    static final String NAMESPACE = MockApiServer.DEFAULT_NAMESPACE;
    static final String LEASE = "podsnap-operator-leader";
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-07-01T10:00:00Z"), ZoneOffset.UTC);

    private RuntimeFixtures() {}

    /** Leader election off, any free HTTP port. */
    static OperatorConfig singleReplica() {
        return OperatorConfig.defaults().withLeaderElection(false).withHttpPort(0);
    }

    /** Leader election on, Lease in the test namespace. */
    static OperatorConfig replicated() {
        return OperatorConfig.defaults().withLeaderElection(LEASE, NAMESPACE).withHttpPort(0);
    }

    /** A runtime that records a lost Lease instead of exiting the JVM. */
    static OperatorRuntime runtime(KubernetesClient client, OperatorConfig config, MeterRegistry registry,
                                   String identity, Runnable onLostLeadership) {
        return OperatorRuntime.create(client, config, CLOCK, registry,
                new OperatorRuntime.Options(identity, onLostLeadership));
    }

    /** A valid standalone checkpoint: an identity (its hash is the checkpoint ID) and a one-container template. */
    static DynamoCheckpoint checkpoint(String name) {
        var identity = new DynamoCheckpointIdentity();
        identity.setModel("example/" + name);
        identity.setBackendFramework("vllm");
        var job = new DynamoCheckpointJobConfig();
        job.setPodTemplateSpec(new PodTemplateSpecBuilder().withNewSpec()
                .addNewContainer().withName("main").withImage("example/worker:1").withCommand("/serve").endContainer()
                .endSpec().build());
        var spec = new DynamoCheckpointSpec();
        spec.setIdentity(identity);
        spec.setJob(job);
        var checkpoint = new DynamoCheckpoint();
        checkpoint.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NAMESPACE).build());
        checkpoint.setSpec(spec);
        return checkpoint;
    }

    /** Creates a checkpoint and, when {@code phase} is set, writes its status as the operator would have. */
    static DynamoCheckpoint createCheckpoint(KubernetesClient actor, String name, DynamoCheckpointPhase phase) {
        DynamoCheckpoint created = actor.resource(checkpoint(name)).create();
        if (phase == null) {
            return created;
        }
        var status = new DynamoCheckpointStatus();
        status.setPhase(phase);
        created.setStatus(status);
        return actor.resource(created).updateStatus();
    }

    static Pod pod(String name) {
        return new PodBuilder()
                .withNewMetadata().withName(name).withNamespace(NAMESPACE).endMetadata()
                .withNewSpec().addNewContainer().withName("main").withImage("example/worker:1").endContainer().endSpec()
                .build();
    }

    static PodSnapshot podSnapshot(String name, Pod source) {
        var snapshot = new PodSnapshot();
        snapshot.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NAMESPACE).build());
        snapshot.setSpec(new PodSnapshotSpec(new PodSnapshotSource(new PodReference(source.getMetadata().getName(),
                source.getMetadata().getUid(), List.of("main")))));
        return snapshot;
    }

    /** JOSDK's count of reconciliations started for a kind, from its Micrometer metrics. */
    static double reconciliationsStarted(MeterRegistry registry, String kind) {
        return registry.find("operator.sdk.reconciliations.started").tag("kind", kind).counters().stream()
                .mapToDouble(c -> c.count())
                .sum();
    }

    static String leaseHolder(KubernetesClient client) {
        var lease = client.leases().inNamespace(NAMESPACE).withName(LEASE).get();
        return lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
    }
}
