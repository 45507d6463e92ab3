package io.podsnap.operator.runtime;

import static io.podsnap.operator.runtime.RuntimeFixtures.LEASE;
import static io.podsnap.operator.runtime.RuntimeFixtures.NAMESPACE;
import static io.podsnap.operator.runtime.RuntimeFixtures.createCheckpoint;
import static io.podsnap.operator.runtime.RuntimeFixtures.leaseHolder;
import static io.podsnap.operator.runtime.RuntimeFixtures.reconciliationsStarted;
import static io.podsnap.operator.runtime.RuntimeFixtures.replicated;
import static io.podsnap.operator.runtime.RuntimeFixtures.runtime;
import static io.podsnap.operator.runtime.RuntimeFixtures.singleReplica;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.podsnap.operator.checkpoint.DynamoCheckpointReconciler;
import io.podsnap.operator.podsnapshot.PodSnapshotReconciler;
import io.podsnap.testkit.MockApiServer;
import io.podsnap.testkit.Verb;
import io.podsnap.testkit.WithMockApi;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

@WithMockApi
class OperatorRuntimeTest {

    @Test
    void startsAndStopsWithBothReconcilersRegistered(MockApiServer api) {
        var runtime = runtime(api.client(), singleReplica(), new SimpleMeterRegistry(), "replica-a", () -> {});

        assertThat(runtime.controllerNames())
                .containsExactly(DynamoCheckpointReconciler.NAME, PodSnapshotReconciler.NAME);
        assertThat(runtime.readiness()).isEqualTo(Readiness.notReady("operator created"));

        runtime.start();
        assertThat(runtime.readiness()).isEqualTo(Readiness.ready("ready"));
        assertThat(runtime.isLeader()).as("without leader election the only replica reconciles").isTrue();
        assertThatThrownBy(runtime::start).isInstanceOf(IllegalStateException.class);

        runtime.stop();
        runtime.stop();
        assertThat(runtime.readiness()).isEqualTo(Readiness.notReady("operator stopped"));
        assertThat(api.client().getMasterUrl()).as("the caller's client stays open").isNotNull();
        assertThat(api.client().namespaces().list()).isNotNull();
    }

    @Test
    void reconcilesOnlyTheConfiguredNamespaces(MockApiServer api) {
        var runtime = runtime(api.client(), singleReplica().withWatchNamespaces(Set.of(NAMESPACE)),
                new SimpleMeterRegistry(), "replica-a", () -> {});
        runtime.start();
        runtime.stop();

        var checkpointReads = api.requests().matching(r -> "dynamocheckpoints".equals(r.resource())
                && (r.verb() == Verb.LIST || r.verb() == Verb.WATCH));
        assertThat(checkpointReads).isNotEmpty().allSatisfy(r -> assertThat(r.namespace()).isEqualTo(NAMESPACE));
    }

    @Test
    void secondReplicaStandsByUntilTheLeaderStops(MockApiServer api) {
        RbacCoverage.fromChart().serveSelfSubjectRulesReview(api);
        var lostLeadership = new AtomicInteger();
        var registryA = new SimpleMeterRegistry();
        var registryB = new SimpleMeterRegistry();
        var a = runtime(api.client(), replicated(), registryA, "replica-a", lostLeadership::incrementAndGet);
        var b = runtime(api.newClient(c -> c), replicated(), registryB, "replica-b", lostLeadership::incrementAndGet);
        try (var actor = TestActor.client(api)) {
            a.start();
            await().atMost(Duration.ofSeconds(10)).until(a::isLeader);
            assertThat(leaseHolder(api.client())).isEqualTo("replica-a");
            assertThat(a.readiness()).isEqualTo(Readiness.ready("ready (leader replica-a)"));

            b.start();
            assertThat(b.readiness()).as("a standby with synced caches is ready")
                    .isEqualTo(Readiness.ready("ready (standby replica-b)"));
            createCheckpoint(actor, "ckpt", null);
            await().atMost(Duration.ofSeconds(10)).until(() -> reconciliationsStarted(registryA, "DynamoCheckpoint") > 0);

            // Past at least one renew period (JOSDK's retry period is 2 s) the Lease stays with A, and B never
            // reconciles although its informer has seen the checkpoint.
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6)).until(() ->
                    !b.isLeader() && "replica-a".equals(leaseHolder(api.client())));
            assertThat(reconciliationsStarted(registryB, "DynamoCheckpoint")).isZero();
            assertThat(registryB.get("podsnap.operator.leader").gauge().value()).isZero();
            assertThat(registryA.get("podsnap.operator.leader").gauge().value()).isOne();

            a.stop();
            await().atMost(Duration.ofSeconds(10)).until(b::isLeader);
            assertThat(leaseHolder(api.client())).isEqualTo("replica-b");
            await().atMost(Duration.ofSeconds(10)).until(() -> reconciliationsStarted(registryB, "DynamoCheckpoint") > 0);
        } finally {
            a.stop();
            b.stop();
        }
        assertThat(lostLeadership).as("stopping is not losing the Lease").hasValue(0);
        assertThat(api.client().leases().inNamespace(NAMESPACE).withName(LEASE).get().getSpec().getHolderIdentity())
                .as("B released the Lease on stop").isNull();
    }

    @Test
    void leaderElectionNeedsALeaseNamespace(MockApiServer api) {
        var noNamespace = api.newClient(c -> c.withNamespace(null));
        var config = replicated().withLeaderElection(LEASE, "");

        assertThatThrownBy(() -> runtime(noNamespace, config, new SimpleMeterRegistry(), "replica-a", () -> {}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("set leaderElection.namespace or POD_NAMESPACE");
        assertThat(runtime(api.client(), config, new SimpleMeterRegistry(), "replica-a", () -> {}).leaseNamespace())
                .as("else the client's namespace").isEqualTo(NAMESPACE);
    }

    @Test
    void identityComesFromPodNameThenHostname() {
        assertThat(OperatorRuntime.Options.defaults(java.util.Map.of("POD_NAME", "op-1", "HOSTNAME", "h"))
                .leaderIdentity()).isEqualTo("op-1");
        assertThat(OperatorRuntime.Options.defaults(java.util.Map.of("HOSTNAME", "h")).leaderIdentity()).isEqualTo("h");
        assertThat(OperatorRuntime.Options.defaults(java.util.Map.of()).leaderIdentity()).isNotBlank();
    }
}
