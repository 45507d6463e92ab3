package io.podsnap.operator.checkpoint;

import static io.podsnap.operator.checkpoint.DynamoCheckpointFixtures.CKPT;
import static io.podsnap.operator.checkpoint.DynamoCheckpointFixtures.CKPT_UID;
import static io.podsnap.operator.checkpoint.DynamoCheckpointFixtures.HASH;
import static io.podsnap.operator.checkpoint.DynamoCheckpointFixtures.NS;
import static io.podsnap.operator.checkpoint.DynamoCheckpointFixtures.POD;
import static io.podsnap.operator.checkpoint.DynamoCheckpointFixtures.POD_UID;
import static io.podsnap.operator.checkpoint.DynamoCheckpointFixtures.assertDesiredPodSnapshot;
import static io.podsnap.operator.checkpoint.DynamoCheckpointFixtures.checkpoint;
import static io.podsnap.operator.checkpoint.DynamoCheckpointFixtures.jobPod;
import static io.podsnap.operator.checkpoint.DynamoCheckpointFixtures.podSnapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.podsnap.api.v1alpha1.PodSnapshot;
import io.podsnap.operator.checkpoint.DynamoCheckpointPodSnapshots.Outcome;
import io.podsnap.protocol.WireNames;
import io.podsnap.testkit.ApplyRequest;
import io.podsnap.testkit.MockApiServer;
import io.podsnap.testkit.Verb;
import io.podsnap.testkit.WithMockApi;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The PodSnapshot helpers of the checkpoint controller (operator doc §14 "PodSnapshot helpers"): the create goes
 * through the testkit's Server-Side Apply emulation, which records field manager and force.
 */
@WithMockApi
class DynamoCheckpointPodSnapshotsTest {
    static {
        DynamoCheckpointFixtures.quietLogs();
    }


    private static PodSnapshot desired() {
        return DynamoCheckpointPodSnapshots.desired(checkpoint(), HASH, jobPod());
    }

    private static List<PodSnapshot> stored(KubernetesClient client) {
        return client.resources(PodSnapshot.class).inNamespace(NS).list().getItems();
    }

    @Test
    void createsThePodSnapshotByServerSideApplyWithOwnerAndPinnedPod(MockApiServer api, KubernetesClient client) {
        Outcome outcome = DynamoCheckpointPodSnapshots.ensure(client, desired(), checkpoint());

        assertThat(outcome).isInstanceOf(Outcome.Created.class);
        assertDesiredPodSnapshot(client.resources(PodSnapshot.class).inNamespace(NS).withName(CKPT).get());
        assertThat(api.applies()).containsExactly(new ApplyRequest("podsnapshots", null, NS, CKPT,
                WireNames.OPERATOR_FIELD_MANAGER, true, true, 201));
    }

    @Test
    void alreadyExistingAndOursIsAdoptedWithoutASecondWrite(MockApiServer api, KubernetesClient client) {
        client.resource(podSnapshot()).create();
        api.requests().clear();

        Outcome outcome = DynamoCheckpointPodSnapshots.ensure(client, desired(), checkpoint());

        assertThat(outcome).isInstanceOf(Outcome.Adopted.class);
        assertThat(stored(client)).hasSize(1);
        assertThat(api.requests().writes()).as("no write to an object we already own").isZero();
    }

    @Test
    void alreadyExistsOnApplyAfterACacheMissAdoptsOurs(MockApiServer api, KubernetesClient client) {
        client.resource(podSnapshot()).create();
        // The first read misses (as a lagging cache would), so the apply races with the existing object.
        api.faults().on(Verb.GET, "podsnapshots").nth(1).respond(404);
        api.faults().on(Verb.PATCH, "podsnapshots").nth(1).respond(409, "AlreadyExists",
                "podsnapshots.nvidia.com \"llama\" already exists");

        Outcome outcome = DynamoCheckpointPodSnapshots.ensure(client, desired(), checkpoint());

        assertThat(outcome).isInstanceOf(Outcome.Adopted.class);
        assertThat(stored(client)).as("no duplicate").hasSize(1);
    }

    @Test
    void foreignPodSnapshotOfThatNameIsATerminalNameConflict(MockApiServer api, KubernetesClient client) {
        client.resource(podSnapshot(CKPT, CKPT, "uid-another-checkpoint")).create();

        Outcome outcome = DynamoCheckpointPodSnapshots.ensure(client, desired(), checkpoint());

        assertThat(outcome).isInstanceOfSatisfying(Outcome.NameConflict.class,
                c -> assertThat(c.message()).contains("is not controlled by checkpoint test/llama"));
        assertThat(api.applies()).as("never applied over someone else's object").isEmpty();
        assertThat(stored(client)).singleElement().satisfies(ps ->
                assertThat(ps.getMetadata().getOwnerReferences().get(0).getUid()).isEqualTo("uid-another-checkpoint"));
    }

    @Test
    void alreadyExistsButNotYetVisibleIsRetriedNotTerminal(MockApiServer api, KubernetesClient client) {
        api.faults().on(Verb.PATCH, "podsnapshots").nth(1).respond(409, "AlreadyExists",
                "podsnapshots.nvidia.com \"llama\" already exists");

        assertThatThrownBy(() -> DynamoCheckpointPodSnapshots.ensure(client, desired(), checkpoint()))
                .isInstanceOf(DynamoCheckpointRetryException.class)
                .hasMessageContaining("cannot be read yet");
    }

    @Test
    void invalidPodSnapshotIsRejectedTerminally(MockApiServer api, KubernetesClient client) {
        api.faults().on(Verb.PATCH, "podsnapshots").respond(422);

        Outcome outcome = DynamoCheckpointPodSnapshots.ensure(client, desired(), checkpoint());

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Rejected.class,
                r -> assertThat(r.message()).contains("is invalid"));
    }

    @Test
    void serverErrorIsThrownForRetry(MockApiServer api, KubernetesClient client) {
        api.faults().on(Verb.PATCH, "podsnapshots").respond(500);

        assertThatThrownBy(() -> DynamoCheckpointPodSnapshots.ensure(client, desired(), checkpoint()))
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(500));
    }

    @Test
    void ownedLookupKeepsOnlyLabelledPodSnapshotsControlledByThisCheckpoint() {
        PodSnapshot ours = podSnapshot();
        PodSnapshot foreignController = podSnapshot("other-1", CKPT, "uid-another-checkpoint");
        PodSnapshot noController = podSnapshot("other-2", CKPT, null);
        PodSnapshot otherOwnerLabel = podSnapshot("other-3", "someone-else", CKPT_UID);
        PodSnapshot otherNamespace = podSnapshot("other-4", CKPT, CKPT_UID);
        otherNamespace.getMetadata().setNamespace("elsewhere");

        assertThat(DynamoCheckpointPodSnapshots.owned(checkpoint(),
                List.of(foreignController, noController, ours, otherOwnerLabel, otherNamespace)))
                .containsExactly(ours);
        assertThat(DynamoCheckpointPodSnapshots.owned(checkpoint(), List.of(foreignController)))
                .as("none owned → not found").isEmpty();
    }

    @Test
    void readyNeedsBindingAndReadyTrue() {
        assertThat(DynamoCheckpointPodSnapshots.isReady(DynamoCheckpointFixtures.readyPodSnapshot())).isTrue();
        assertThat(DynamoCheckpointPodSnapshots.isReady(DynamoCheckpointFixtures.withPodSnapshotStatus(podSnapshot(),
                null, true, false))).as("Ready=True but unbound").isFalse();
        assertThat(DynamoCheckpointPodSnapshots.isReady(DynamoCheckpointFixtures.withPodSnapshotStatus(podSnapshot(),
                "content", false, false))).as("bound but not Ready").isFalse();
        assertThat(DynamoCheckpointPodSnapshots.isReady(podSnapshot())).as("no status").isFalse();
    }
}
