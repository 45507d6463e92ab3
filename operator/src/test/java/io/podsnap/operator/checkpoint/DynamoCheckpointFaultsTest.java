package io.podsnap.operator.checkpoint;

import static io.podsnap.operator.checkpoint.DynamoCheckpointFixtures.CKPT;
import static io.podsnap.operator.checkpoint.DynamoCheckpointFixtures.HASH;
import static io.podsnap.operator.checkpoint.DynamoCheckpointFixtures.JOB;
import static io.podsnap.operator.checkpoint.DynamoCheckpointFixtures.NOW_TEXT;
import static io.podsnap.operator.checkpoint.DynamoCheckpointFixtures.newCheckpoint;
import static io.podsnap.operator.checkpoint.DynamoCheckpointOperatorHarness.POLL;
import static io.podsnap.operator.checkpoint.DynamoCheckpointOperatorHarness.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.javaoperatorsdk.operator.Operator;
import io.podsnap.api.v1alpha1.DynamoCheckpoint;
import io.podsnap.api.v1alpha1.DynamoCheckpointPhase;
import io.podsnap.protocol.status.Reason;
import io.podsnap.testkit.FaultRule;
import io.podsnap.testkit.MockApiServer;
import io.podsnap.testkit.Subresource;
import io.podsnap.testkit.Verb;
import io.podsnap.testkit.WithMockApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Transient failures at each write of the flow. Whatever fails and however often it is retried, every run ends in the
 * same place: the checkpoint Ready, exactly one Job ever created (and deleted once Ready), exactly one PodSnapshot.
 */
@WithMockApi
class DynamoCheckpointFaultsTest {
    static {
        DynamoCheckpointFixtures.quietLogs();
    }

    private DynamoCheckpointOperatorHarness cluster;
    private MockApiServer api;

    @BeforeEach
    void setUp(MockApiServer api) {
        this.api = api;
        cluster = new DynamoCheckpointOperatorHarness(api);
    }

    @AfterEach
    void tearDown() {
        cluster.close();
    }

    @Test
    void conflictOnTheFirstStatusWriteIsRetried() {
        FaultRule conflict = api.faults().on(Verb.PUT, "dynamocheckpoints", Subresource.STATUS).nth(1).respond(409);
        cluster.start();

        cluster.driveToReady(newCheckpoint(CKPT), JOB);

        assertThat(conflict.fired()).isEqualTo(1);
        assertConverged();
    }

    @Test
    void serverErrorOnJobCreateIsRetried() {
        FaultRule refused = api.faults().on(Verb.POST, "jobs").nth(1).respond(500);
        cluster.start();

        cluster.driveToReady(newCheckpoint(CKPT), JOB);

        assertThat(refused.fired()).isEqualTo(1);
        assertThat(api.requests().count(Verb.POST, "jobs")).as("the refused create and the accepted one").isEqualTo(2);
        assertConverged();
    }

    @Test
    void alreadyExistsOnPodSnapshotCreateWhileNotYetReadableIsRetried() {
        // The apply is told AlreadyExists, and the read that follows finds nothing: cache lag, not a verdict.
        FaultRule raced = api.faults().on(Verb.PATCH, "podsnapshots").nth(1)
                .respond(409, "AlreadyExists", "podsnapshots.nvidia.com \"llama\" already exists");
        cluster.start();

        cluster.driveToReady(newCheckpoint(CKPT), JOB);

        assertThat(raced.fired()).isEqualTo(1);
        assertThat(cluster.get(CKPT).getStatus().getConditions())
                .noneMatch(c -> Reason.PodSnapshotNameConflict.name().equals(c.getReason()));
        assertConverged();
    }

    @Test
    void operatorRestartBetweenJobCreateAndStatusWriteAdoptsTheJob() {
        // The first status write (Pending) lands; every later one fails, so the Job exists but Creating is never written.
        FaultRule statusDown = api.faults().on(Verb.PUT, "dynamocheckpoints", Subresource.STATUS).nth(2).always()
                .respond(500);
        Operator first = cluster.start();
        cluster.create(newCheckpoint(CKPT));
        await().atMost(TIMEOUT).pollInterval(POLL)
                .until(() -> cluster.acceptedJobCreates() == 1 && statusDown.fired() >= 1);
        cluster.stop(first);
        assertThat(cluster.get(CKPT).getStatus().getPhase()).as("the crash lost the Creating write")
                .isEqualTo(DynamoCheckpointPhase.Pending);
        api.faults().clear();

        cluster.start();
        cluster.completeCapture(CKPT, JOB);

        assertConverged();
    }

    private void assertConverged() {
        DynamoCheckpoint ready = cluster.get(CKPT);
        assertThat(ready.getStatus().getPhase()).isEqualTo(DynamoCheckpointPhase.Ready);
        assertThat(ready.getStatus().getCheckpointID()).isEqualTo(HASH);
        assertThat(ready.getStatus().getJobName()).isEqualTo(JOB);
        assertThat(ready.getStatus().getPodSnapshotName()).isEqualTo(CKPT);
        assertThat(ready.getStatus().getCreatedAt()).isEqualTo(NOW_TEXT);
        assertThat(cluster.acceptedJobCreates()).as("exactly one Job was ever created").isEqualTo(1);
        assertThat(cluster.podSnapshots()).as("exactly one PodSnapshot").singleElement()
                .satisfies(ps -> assertThat(DynamoCheckpointOwnership.isControlledBy(ps, ready)).isTrue());
        cluster.awaitJobGone(JOB);
        assertThat(cluster.events.count(Reason.PodSnapshotCreated)).isEqualTo(1);
        assertThat(cluster.events.count(Reason.CheckpointReady)).isEqualTo(1);
        assertThat(cluster.events.count(Reason.CheckpointFailed)).isZero();
    }
}
