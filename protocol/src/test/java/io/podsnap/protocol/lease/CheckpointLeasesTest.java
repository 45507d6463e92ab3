package io.podsnap.protocol.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import io.podsnap.testkit.MockApiServer;
import io.podsnap.testkit.WithMockApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@WithMockApi
class CheckpointLeasesTest {

    private KubernetesClient client;
    private MockApiServer server;

    /** A clock the test moves by hand, shared by both agents like real wall time. */
    static final class TestClock extends Clock {
        private volatile Instant now;

        TestClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private final TestClock clock = new TestClock(Instant.parse("2026-03-01T12:00:00Z"));
    private CheckpointLeases agentA;
    private CheckpointLeases agentB;

    @BeforeEach
    void twoAgentsOnOneApiServer(MockApiServer api, KubernetesClient apiClient) {
        server = api;
        client = apiClient;
        agentA = new CheckpointLeases(client, clock, "snapshot-agent/a");
        agentB = new CheckpointLeases(client, clock, "snapshot-agent/b");
    }

    private Lease stored(String namespace, String checkpointId) {
        return client.leases().inNamespace(namespace).withName("checkpoint-lease-" + checkpointId).get();
    }

    @Test
    void acquireCreatesTheLeaseNamedAfterTheCheckpoint() {
        assertThat(agentA.acquire("ns1", "abc")).isTrue();

        Lease lease = stored("ns1", "abc");
        assertThat(lease.getSpec().getHolderIdentity()).isEqualTo("snapshot-agent/a");
        assertThat(lease.getSpec().getLeaseDurationSeconds()).isEqualTo(30);
        assertThat(lease.getSpec().getRenewTime().toInstant()).isEqualTo(clock.instant());
        assertThat(agentA.leaseName("abc")).isEqualTo("checkpoint-lease-abc");
    }

    @Test
    void aLiveLeaseIsNotAcquiredByAnotherHolderButAnExpiredOneIsTakenOver() {
        assertThat(agentA.acquire("ns2", "abc")).isTrue();
        clock.advance(Duration.ofSeconds(30));
        assertThat(agentB.acquire("ns2", "abc")).as("30 s after the last renewal: still live").isFalse();

        clock.advance(Duration.ofSeconds(1));
        assertThat(agentB.acquire("ns2", "abc")).as("expired").isTrue();
        Lease lease = stored("ns2", "abc");
        assertThat(lease.getSpec().getHolderIdentity()).isEqualTo("snapshot-agent/b");
        assertThat(lease.getSpec().getAcquireTime().toInstant()).isEqualTo(clock.instant());
        assertThat(lease.getSpec().getLeaseTransitions()).isEqualTo(1);
    }

    @Test
    void renewKeepsTheLeaseAliveAndFailsOnceItChangedHands() throws Exception {
        assertThat(agentA.acquire("ns3", "abc")).isTrue();
        clock.advance(Duration.ofSeconds(20));
        agentA.renew("ns3", "abc");
        clock.advance(Duration.ofSeconds(20));
        assertThat(agentB.acquire("ns3", "abc")).as("renewed 20 s ago").isFalse();

        clock.advance(Duration.ofSeconds(31));
        assertThat(agentB.acquire("ns3", "abc")).isTrue();
        assertThatThrownBy(() -> agentA.renew("ns3", "abc"))
                .isInstanceOf(LeaseLostException.class)
                .hasMessage("lease ns3/checkpoint-lease-abc: lease checkpoint-lease-abc is held by snapshot-agent/b, "
                        + "not snapshot-agent/a");
    }

    @Test
    void renewingADeletedLeaseFails() {
        assertThatThrownBy(() -> agentA.renew("ns4", "gone"))
                .isInstanceOf(LeaseLostException.class)
                .hasMessage("lease ns4/checkpoint-lease-gone: lease no longer exists");
    }

    @Test
    void releaseDeletesOnlyOurOwnLeaseWithPreconditions() throws Exception {
        assertThat(agentA.acquire("ns5", "abc")).isTrue();
        agentB.release("ns5", "abc");
        assertThat(stored("ns5", "abc")).as("not B's to release").isNotNull();

        Lease before = stored("ns5", "abc");
        agentA.release("ns5", "abc");
        assertThat(stored("ns5", "abc")).isNull();

        RecordedRequest delete = lastRequest("DELETE");
        assertThat(delete.getPath()).isEqualTo("/apis/coordination.k8s.io/v1/namespaces/ns5/leases/checkpoint-lease-abc");
        String body = delete.getUtf8Body();
        assertThat(body).contains("\"uid\":\"" + before.getMetadata().getUid() + "\"")
                .contains("\"resourceVersion\":\"" + before.getMetadata().getResourceVersion() + "\"");

        agentA.release("ns5", "abc");
        assertThat(stored("ns5", "abc")).as("releasing twice is harmless").isNull();
    }

    @Test
    void twoHoldersRacingForANewLeaseNeverBothWin() throws Exception {
        for (int round = 0; round < 10; round++) {
            String id = "race-" + round;
            assertThat(raceToAcquire("ns6", id)).as("winners of round %d", round).containsExactly(1);
            assertThat(stored("ns6", id).getSpec().getHolderIdentity()).startsWith("snapshot-agent/");
        }
    }

    @Test
    void twoHoldersRacingToTakeOverAnExpiredLeaseNeverBothWin() throws Exception {
        CheckpointLeases crashed = new CheckpointLeases(client, clock, "snapshot-agent/crashed");
        for (int round = 0; round < 10; round++) {
            String id = "takeover-" + round;
            assertThat(crashed.acquire("ns7", id)).isTrue();
        }
        clock.advance(Duration.ofSeconds(31));
        for (int round = 0; round < 10; round++) {
            String id = "takeover-" + round;
            assertThat(raceToAcquire("ns7", id)).as("winners of round %d", round).containsExactly(1);
            assertThat(stored("ns7", id).getSpec().getHolderIdentity()).isIn("snapshot-agent/a", "snapshot-agent/b");
        }
    }

    /** Both agents acquire at once; returns the number of winners in a one-element list. */
    private List<Integer> raceToAcquire(String namespace, String id) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CyclicBarrier start = new CyclicBarrier(2);
            List<Future<Boolean>> results = new ArrayList<>();
            for (CheckpointLeases agent : List.of(agentA, agentB)) {
                Callable<Boolean> attempt = () -> {
                    start.await(5, TimeUnit.SECONDS);
                    return agent.acquire(namespace, id);
                };
                results.add(pool.submit(attempt));
            }
            int winners = 0;
            for (Future<Boolean> r : results) {
                if (r.get(10, TimeUnit.SECONDS)) {
                    winners++;
                }
            }
            return List.of(winners);
        } finally {
            pool.shutdownNow();
        }
    }

    private RecordedRequest lastRequest(String method) throws InterruptedException {
        RecordedRequest found = null;
        RecordedRequest r;
        while ((r = server.kubernetesMockServer().takeRequest(100, TimeUnit.MILLISECONDS)) != null) {
            if (method.equals(r.getMethod())) {
                found = r;
            }
        }
        return found;
    }
}
