package io.podsnap.operator.podsnapshot;

import static io.podsnap.operator.podsnapshot.PodSnapshotWorld.NODE;
import static io.podsnap.operator.podsnapshot.PodSnapshotWorld.NS;
import static io.podsnap.operator.podsnapshot.PodSnapshotWorld.SNAPSHOT;
import static io.podsnap.protocol.WireNames.CONDITION_READY;
import static org.assertj.core.api.Assertions.assertThat;

import io.javaoperatorsdk.operator.Operator;
import io.podsnap.api.v1alpha1.PodSnapshot;
import io.podsnap.api.v1alpha1.PodSnapshotContent;
import io.podsnap.protocol.WireNames;
import io.podsnap.protocol.status.Conditions;
import io.podsnap.testkit.MockApiServer;
import io.podsnap.testkit.Subresource;
import io.podsnap.testkit.Verb;
import io.podsnap.testkit.WithMockApi;
import java.time.Clock;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The reconciler inside a real JOSDK {@link Operator} against the mock API server, configured as the operator runs
 * (no Server-Side Apply for the primary resource, PodSnapshots watched in one namespace): finalizer, informers,
 * event mapping, retries and the deletion cascade together.
 */
@WithMockApi
class PodSnapshotOperatorTest {
    private Operator operator;

    @AfterEach
    void stop() {
        if (operator != null) {
            operator.stop();
        }
    }

    @Test
    void snapshotLifecycle(MockApiServer api) {
        var w = new PodSnapshotWorld(api);
        start(api, w.events);
        w.pod(NODE);
        w.newUserSnapshot();

        await().untilAsserted(() -> assertThat(w.snapshot().getMetadata().getFinalizers())
                .containsExactly(WireNames.FINALIZER_CONTENT_CLEANUP));
        String content = w.contentName();
        await().untilAsserted(() -> {
            assertThat(w.content(content)).isNotNull();
            assertThat(w.status().getBoundSnapshotContentName()).isEqualTo(content);
            assertThat(w.condition(CONDITION_READY)).get()
                    .satisfies(c -> assertThat(c.getReason()).isEqualTo("Pending"));
        });
        assertThat(w.content(content).getMetadata().getLabels()).containsEntry(WireNames.LABEL_SNAPSHOT_NODE, NODE);
        assertThat(api.requests().count(Verb.POST, "podsnapshotcontents"))
                .as("the pass queued by the content's creation sees the binding (written status is cached)")
                .isEqualTo(1);
        assertThat(w.events.all()).extracting(RecordingEvents.Recorded::message).noneMatch(m -> m.startsWith("adopted"));

        w.agentReady(content, "captured");
        await().untilAsserted(() -> assertThat(Conditions.isTrue(w.status().getConditions(), CONDITION_READY)).isTrue());

        w.client.resources(PodSnapshot.class).inNamespace(NS).withName(SNAPSHOT).delete();
        await().untilAsserted(() -> {
            assertThat(w.content(content)).isNull();
            assertThat(w.snapshot()).isNull();
        });
        assertThat(w.contents()).isEmpty();
    }

    @Test
    void contentDeleteEventReEnqueuesThePodSnapshot(MockApiServer api) {
        var w = new PodSnapshotWorld(api);
        start(api, w.events);
        w.pod(NODE);
        w.newUserSnapshot();
        String content = w.contentName();
        await().untilAsserted(() -> assertThat(w.condition(CONDITION_READY)).isPresent());
        // Settled: Pending, nothing requeued. Only an event can bring another pass now.
        api.requests().clear();

        w.client.resources(PodSnapshotContent.class).withName(content).delete();

        await().untilAsserted(() -> assertThat(api.requests().count(r -> r.verb() == Verb.GET
                && "podsnapshotcontents".equals(r.resource()) && content.equals(r.name()) && r.responseCode() == 404))
                .as("the pass triggered by the delete looked for its content").isPositive());
        assertThat(w.condition(CONDITION_READY)).get().satisfies(c -> assertThat(c.getReason()).isEqualTo("Pending"));
    }

    @Test
    void faultsConvergeOnOneContentAndTheBinding(MockApiServer api) {
        var w = new PodSnapshotWorld(api);
        api.faults().on(Verb.POST, "podsnapshotcontents").nth(1).respond(500);
        api.faults().on(Verb.PUT, "podsnapshots", Subresource.STATUS).nth(1).respond(409);
        start(api, w.events);
        w.pod(NODE);
        w.newUserSnapshot();

        String content = w.contentName();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(w.status().getBoundSnapshotContentName()).isEqualTo(content);
            assertThat(w.condition(CONDITION_READY)).isPresent();
        });
        w.agentReady(content, "captured");
        await().untilAsserted(() -> assertThat(Conditions.isTrue(w.status().getConditions(), CONDITION_READY)).isTrue());
        assertThat(w.contents()).hasSize(1);
        assertThat(w.events.summary()).contains("Warning SnapshotContentCreateFailed");
    }

    private void start(MockApiServer api, RecordingEvents events) {
        operator = new Operator(o -> o
                .withKubernetesClient(api.client())
                .withUseSSAToPatchPrimaryResource(false)
                .withSSABasedCreateUpdateMatchForDependentResources(false)
                .checkingCRDAndValidateLocalModel(false)
                .withCloseClientOnStop(false)
                .withReconciliationTerminationTimeout(Duration.ofSeconds(1)));
        operator.register(new PodSnapshotReconciler(events, Clock.systemUTC()), c -> c.settingNamespaces(NS));
        operator.start();
    }

    private static ConditionFactory await() {
        return Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .ignoreExceptions();
    }
}
