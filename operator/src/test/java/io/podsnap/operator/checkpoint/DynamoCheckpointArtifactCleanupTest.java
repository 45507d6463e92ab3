package io.podsnap.operator.checkpoint;

import static io.podsnap.operator.checkpoint.DynamoCheckpointFixtures.NS;
import static io.podsnap.operator.checkpoint.DynamoCheckpointFixtures.automatic;
import static io.podsnap.operator.checkpoint.DynamoCheckpointFixtures.checkpoint;
import static io.podsnap.operator.checkpoint.DynamoCheckpointFixtures.config;
import static io.podsnap.operator.checkpoint.DynamoCheckpointFixtures.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.podsnap.api.v1alpha1.DynamoCheckpoint;
import io.podsnap.operator.checkpoint.DynamoCheckpointArtifactCleanup.Result;
import io.podsnap.operator.checkpoint.DynamoCheckpointArtifactCleanup.Verdict;
import io.podsnap.operator.config.OperatorConfig;
import io.podsnap.protocol.WireNames;
import io.podsnap.protocol.storage.StorageFromConfig;
import io.podsnap.testkit.MockApiServer;
import io.podsnap.testkit.WithMockApi;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Finalizer artifact cleanup of automatic checkpoints (operator doc §5.6, §14 "finalizer cleanup"). */
@WithMockApi
class DynamoCheckpointArtifactCleanupTest {
    static {
        DynamoCheckpointFixtures.quietLogs();
    }

    static final String ID = "0123456789abcdef0123456789abcdef";
    static final String CLEANUP_JOB = "checkpoint-cleanup-" + ID;
    static final String AUTO = "checkpoint-" + ID;

    static OperatorConfig withStorage() {
        return config().withStorage(new StorageFromConfig.Config("pvc", null, "checkpoints", "/checkpoints"));
    }

    static DynamoCheckpoint auto() {
        DynamoCheckpoint checkpoint = automatic(AUTO, ID);
        checkpoint.getMetadata().setUid("uid-auto");
        return checkpoint;
    }

    static Job cleanupJob(String idLabel, String... trueConditions) {
        Job job = DynamoCheckpointFixtures.namedJob(CLEANUP_JOB, "uid-cleanup", "uid-auto", trueConditions);
        job.getMetadata().getLabels().put(WireNames.LABEL_CHECKPOINT_ID, idLabel);
        return job;
    }

    record VerdictCase(String name, Optional<Job> job, Class<? extends Verdict> verdict) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<VerdictCase> verdicts() {
        return Stream.of(
                new VerdictCase("no cleanup Job → create it", Optional.empty(), Verdict.Create.class),
                new VerdictCase("running → pending", Optional.of(cleanupJob(ID)), Verdict.Running.class),
                new VerdictCase("failed → delete for retry, pending", Optional.of(cleanupJob(ID, "Failed")),
                        Verdict.DeleteAndRetry.class),
                new VerdictCase("complete → delete, finished", Optional.of(cleanupJob(ID, "Complete")),
                        Verdict.DeleteAndFinish.class),
                new VerdictCase("labelled with another checkpoint ID → hard error, never touched",
                        Optional.of(cleanupJob("ffffffffffffffffffffffffffffffff", "Complete")), Verdict.Mismatch.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("verdicts")
    void decide(VerdictCase c) {
        assertThat(DynamoCheckpointArtifactCleanup.decide(ID, c.job())).isInstanceOf(c.verdict());
    }

    @Test
    void createsTheCleanupJobAndStaysPending(MockApiServer api, KubernetesClient client) {
        var pass = DynamoCheckpointArtifactCleanup.run(client, auto(), withStorage());

        assertThat(pass.result()).isEqualTo(Result.PENDING);
        Job job = client.batch().v1().jobs().inNamespace(NS).withName(CLEANUP_JOB).get();
        assertThat(job).isNotNull();
        assertThat(job.getMetadata().getLabels()).containsEntry(WireNames.LABEL_CHECKPOINT_ID, ID);
        assertThat(DynamoCheckpointOwnership.isControlledBy(job, auto())).isTrue();
    }

    @Test
    void runningCleanupJobStaysPending(MockApiServer api, KubernetesClient client) {
        client.resource(cleanupJob(ID)).create();

        assertThat(DynamoCheckpointArtifactCleanup.run(client, auto(), withStorage()).result()).isEqualTo(Result.PENDING);
        assertThat(client.batch().v1().jobs().inNamespace(NS).withName(CLEANUP_JOB).get()).isNotNull();
    }

    @Test
    void failedCleanupJobIsDeletedAndStaysPending(MockApiServer api, KubernetesClient client) {
        client.resource(cleanupJob(ID, "Failed")).create();

        var pass = DynamoCheckpointArtifactCleanup.run(client, auto(), withStorage());

        assertThat(pass.result()).isEqualTo(Result.PENDING);
        assertThat(pass.detail()).contains("failed and was deleted for retry");
        assertThat(client.batch().v1().jobs().inNamespace(NS).withName(CLEANUP_JOB).get()).isNull();
    }

    @Test
    void completeCleanupJobIsDeletedAndCleanupFinishes(MockApiServer api, KubernetesClient client) {
        client.resource(cleanupJob(ID, "Complete")).create();

        assertThat(DynamoCheckpointArtifactCleanup.run(client, auto(), withStorage()).result())
                .isEqualTo(Result.FINISHED);
        assertThat(client.batch().v1().jobs().inNamespace(NS).withName(CLEANUP_JOB).get()).isNull();
    }

    @Test
    void cleanupJobOfAnotherIdIsAnErrorAndIsKept(MockApiServer api, KubernetesClient client) {
        client.resource(cleanupJob("ffffffffffffffffffffffffffffffff", "Complete")).create();

        assertThatThrownBy(() -> DynamoCheckpointArtifactCleanup.run(client, auto(), withStorage()))
                .isInstanceOf(DynamoCheckpointRetryException.class).hasMessageContaining("expected " + ID);
        assertThat(client.batch().v1().jobs().inNamespace(NS).withName(CLEANUP_JOB).get()).isNotNull();
    }

    @Test
    void standaloneCheckpointHasNothingToCleanAndNoApiCall(MockApiServer api, KubernetesClient client) {
        assertThat(DynamoCheckpointArtifactCleanup.run(client, checkpoint(), withStorage()).result())
                .isEqualTo(Result.FINISHED);
        assertThat(api.requests().all()).isEmpty();
    }
}
