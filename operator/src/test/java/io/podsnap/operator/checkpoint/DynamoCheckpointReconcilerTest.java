package io.podsnap.operator.checkpoint;

import static io.podsnap.operator.checkpoint.DynamoCheckpointFixtures.CKPT;
import static io.podsnap.operator.checkpoint.DynamoCheckpointFixtures.HASH;
import static io.podsnap.operator.checkpoint.DynamoCheckpointFixtures.JOB;
import static io.podsnap.operator.checkpoint.DynamoCheckpointFixtures.NOW_TEXT;
import static io.podsnap.operator.checkpoint.DynamoCheckpointFixtures.NS;
import static io.podsnap.operator.checkpoint.DynamoCheckpointFixtures.automatic;
import static io.podsnap.operator.checkpoint.DynamoCheckpointFixtures.config;
import static io.podsnap.operator.checkpoint.DynamoCheckpointFixtures.newCheckpoint;
import static io.podsnap.operator.checkpoint.DynamoCheckpointFixtures.withGms;
import static io.podsnap.operator.checkpoint.DynamoCheckpointOperatorHarness.POLL;
import static io.podsnap.operator.checkpoint.DynamoCheckpointOperatorHarness.TIMEOUT;
import static io.podsnap.operator.checkpoint.DynamoCheckpointStatuses.CONDITION_JOB_COMPLETED;
import static io.podsnap.operator.checkpoint.DynamoCheckpointStatuses.CONDITION_JOB_CREATED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.podsnap.api.v1alpha1.DynamoCheckpoint;
import io.podsnap.api.v1alpha1.DynamoCheckpointPhase;
import io.podsnap.api.v1alpha1.DynamoCheckpointStatus;
import io.podsnap.api.v1alpha1.PodSnapshot;
import io.podsnap.operator.events.EventRecorder;
import io.podsnap.protocol.WireNames;
import io.podsnap.protocol.status.Conditions;
import io.podsnap.protocol.status.Reason;
import io.podsnap.protocol.storage.StorageFromConfig;
import io.podsnap.testkit.ApplyRequest;
import io.podsnap.testkit.MockApiServer;
import io.podsnap.testkit.Subresource;
import io.podsnap.testkit.Verb;
import io.podsnap.testkit.WithMockApi;
import java.lang.reflect.Proxy;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The DynamoCheckpoint controller end to end: a JOSDK operator against the mock API server, the test playing the Job
 * and PodSnapshot controllers. Each test is one behaviour of operator doc §14 "DynamoCheckpoint controller" and checks
 * the objects, the status and the events it leaves.
 */
@WithMockApi
class DynamoCheckpointReconcilerTest {
    static {
        DynamoCheckpointFixtures.quietLogs();
    }

    private DynamoCheckpointOperatorHarness cluster;

    @BeforeEach
    void setUp(MockApiServer api) {
        cluster = new DynamoCheckpointOperatorHarness(api);
    }

    @AfterEach
    void tearDown() {
        cluster.close();
    }

    @Test
    void deleteEventOfAGoneCheckpointIsANoOp() {
        KubernetesClient unusable = (KubernetesClient) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {KubernetesClient.class}, (p, m, a) -> {
                    throw new AssertionError("no API call expected, got " + m.getName());
                });
        @SuppressWarnings("unchecked")
        Context<DynamoCheckpoint> deleted = (Context<DynamoCheckpoint>) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {Context.class}, (p, m, a) -> switch (m.getName()) {
                    case "isPrimaryResourceDeleted" -> true;
                    case "getClient" -> unusable;
                    default -> throw new AssertionError("unexpected " + m.getName());
                });
        var reconciler = new DynamoCheckpointReconciler(config(), cluster.events, DynamoCheckpointFixtures.CLOCK);

        UpdateControl<DynamoCheckpoint> control = reconciler.reconcile(DynamoCheckpointFixtures.checkpoint(), deleted);

        assertThat(control.isNoUpdate()).isTrue();
        assertThat(control.getScheduleDelay()).isEmpty();
        assertThat(cluster.events.all()).isEmpty();
    }

    @Test
    void gpusRequestedThroughADraClaimTemplateAreReadAndWrapTheTargetInLaunchJob(KubernetesClient client) {
        cluster.start();
        client.resource(new io.fabric8.kubernetes.api.model.resource.v1.ResourceClaimTemplateBuilder()
                .withNewMetadata().withName("two-gpus").withNamespace(NS).endMetadata()
                .withNewSpec().withNewSpec().withNewDevices().addNewRequest().withName("gpus")
                    .withNewExactly().withDeviceClassName("gpu.nvidia.com").withCount(2L).endExactly()
                .endRequest().endDevices().endSpec().endSpec()
                .build()).create();
        DynamoCheckpoint checkpoint = newCheckpoint(CKPT);
        var podSpec = checkpoint.getSpec().getJob().getPodTemplateSpec().getSpec();
        podSpec.setResourceClaims(java.util.List.of(new io.fabric8.kubernetes.api.model.PodResourceClaimBuilder()
                .withName("gpu").withResourceClaimTemplateName("two-gpus").build()));
        podSpec.getContainers().get(0).setResources(new io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder()
                .addNewClaim().withName("gpu").endClaim().build());
        cluster.create(checkpoint);

        cluster.awaitPhase(CKPT, DynamoCheckpointPhase.Creating);

        var target = cluster.job(JOB).getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(target.getCommand()).containsExactly("cuda-checkpoint");
        assertThat(target.getArgs()).startsWith("--launch-job");
    }

    @Test
    void aCheckpointWithoutAnIdSaysWhyOnceAndProceedsWhenTheIdLabelIsAdded(MockApiServer api) {
        cluster.start();
        DynamoCheckpoint checkpoint = newCheckpoint(CKPT);
        checkpoint.getSpec().setIdentity(null);
        cluster.create(checkpoint);

        DynamoCheckpoint told = cluster.awaitCheckpoint(CKPT, c -> c.getStatus().getMessage() != null);
        assertThat(told.getStatus().getMessage()).contains("has no checkpoint ID")
                .contains(WireNames.LABEL_CHECKPOINT_ID);
        assertThat(told.getStatus().getPhase()).as("not a phase change: the user can still fix it").isNull();
        await().during(Duration.ofMillis(300)).atMost(TIMEOUT).pollInterval(POLL)
                .until(() -> cluster.events.reasons().equals(java.util.List.of(Reason.CheckpointIDUnresolved)));

        cluster.label(CKPT, WireNames.LABEL_CHECKPOINT_ID, "abc");

        DynamoCheckpoint creating = cluster.awaitPhase(CKPT, DynamoCheckpointPhase.Creating);
        assertThat(creating.getStatus().getCheckpointID()).isEqualTo("abc");
        assertThat(creating.getStatus().getMessage()).isNullOrEmpty();
        assertThat(cluster.job("checkpoint-job-abc-1")).isNotNull();
    }

    @Test
    void newCheckpointGetsItsIdLabelAndStatusThenItsJob(MockApiServer api) {
        cluster.start();
        cluster.create(newCheckpoint(CKPT));

        DynamoCheckpoint creating = cluster.awaitPhase(CKPT, DynamoCheckpointPhase.Creating);

        assertThat(creating.getMetadata().getLabels()).as("friendly name, ID label backfilled")
                .containsEntry(WireNames.LABEL_CHECKPOINT_ID, HASH);
        assertThat(creating.getMetadata().getFinalizers()).as("standalone checkpoints get no finalizer").isEmpty();
        DynamoCheckpointStatus status = creating.getStatus();
        assertThat(status.getCheckpointID()).isEqualTo(HASH);
        assertThat(status.getIdentityHash()).isEqualTo(HASH);
        assertThat(status.getJobName()).isEqualTo(JOB);
        assertThat(status.getMessage()).isNullOrEmpty();
        assertThat(Conditions.get(status.getConditions(), CONDITION_JOB_CREATED)).hasValueSatisfying(c -> {
            assertThat(c.getStatus()).isEqualTo("True");
            assertThat(c.getReason()).isEqualTo(Reason.JobCreated.name());
            assertThat(c.getMessage()).isEqualTo("Checkpoint job " + JOB + " created");
        });
        Job job = cluster.job(JOB);
        assertThat(DynamoCheckpointOwnership.isControlledBy(job, creating)).isTrue();
        assertThat(job.getMetadata().getOwnerReferences().get(0).getBlockOwnerDeletion()).isTrue();
        assertThat(job.getSpec().getTemplate().getMetadata().getLabels())
                .containsEntry(WireNames.LABEL_IS_CHECKPOINT_SOURCE, "true")
                .containsEntry(WireNames.LABEL_SNAPSHOT_OWNER, CKPT);
        assertThat(cluster.events.reasons()).isEmpty();
        assertThat(api.requests().count(Verb.PUT, "dynamocheckpoints", Subresource.STATUS))
                .as("Pending with the ID first, then Creating").isGreaterThanOrEqualTo(2);
        assertThat(api.requests().count(r -> r.verb() == Verb.PATCH && "dynamocheckpoints".equals(r.resource())))
                .as("status by PUT with the read resourceVersion, never by merge patch").isZero();
    }

    @Test
    void fullCaptureBecomesReadyOnlyWhenPodSnapshotReadyAndJobComplete(MockApiServer api) {
        cluster.start();
        cluster.create(newCheckpoint(CKPT));
        cluster.awaitPhase(CKPT, DynamoCheckpointPhase.Creating);

        cluster.startJobPod(JOB);
        PodSnapshot ps = cluster.awaitPodSnapshot(CKPT);
        assertThat(ps.getMetadata().getLabels()).containsEntry(WireNames.LABEL_SNAPSHOT_OWNER, CKPT)
                .containsEntry(WireNames.LABEL_CHECKPOINT_ID, HASH);
        assertThat(ps.getSpec().getSource().getPodRef().getName()).isEqualTo(JOB + "-abcde");
        assertThat(ps.getSpec().getSource().getPodRef().getUid())
                .isEqualTo(cluster.client.pods().inNamespace(NS).withName(JOB + "-abcde").get().getMetadata().getUid());
        assertThat(api.applies()).singleElement().satisfies(apply -> {
            assertThat(apply.fieldManager()).isEqualTo(WireNames.OPERATOR_FIELD_MANAGER);
            assertThat(apply.force()).isTrue();
            assertThat(apply.created()).isTrue();
        });
        cluster.awaitCheckpoint(CKPT, c -> CKPT.equals(c.getStatus().getPodSnapshotName()));

        cluster.markPodSnapshotReady(CKPT);
        await().during(Duration.ofMillis(300)).atMost(TIMEOUT).pollInterval(POLL)
                .until(() -> cluster.get(CKPT).getStatus().getPhase() == DynamoCheckpointPhase.Creating);

        cluster.finishJob(JOB, "Complete");
        DynamoCheckpoint ready = cluster.awaitPhase(CKPT, DynamoCheckpointPhase.Ready);

        assertThat(ready.getStatus().getCreatedAt()).isEqualTo(NOW_TEXT);
        assertThat(ready.getStatus().getMessage()).isNullOrEmpty();
        assertThat(Conditions.get(ready.getStatus().getConditions(), CONDITION_JOB_COMPLETED)).hasValueSatisfying(c -> {
            assertThat(c.getStatus()).isEqualTo("True");
            assertThat(c.getReason()).isEqualTo(Reason.PodSnapshotAndJobReady.name());
        });
        cluster.awaitJobGone(JOB);
        assertThat(cluster.events.reasons())
                .containsExactly(Reason.PodSnapshotCreated, Reason.CheckpointReady);
        assertThat(cluster.podSnapshots()).hasSize(1);
    }

    @Test
    void readyCheckpointIsANoOp(MockApiServer api) {
        cluster.start();
        cluster.driveToReady(newCheckpoint(CKPT), JOB);
        cluster.awaitJobGone(JOB);
        api.requests().clear();
        int events = cluster.events.all().size();

        cluster.touch(CKPT);
        await().during(Duration.ofMillis(300)).atMost(TIMEOUT).pollInterval(POLL)
                .until(() -> api.requests().writes() == 1);

        assertThat(cluster.get(CKPT).getStatus().getPhase()).isEqualTo(DynamoCheckpointPhase.Ready);
        assertThat(cluster.events.all()).hasSize(events);
    }

    @Test
    void artifactVersionBumpOnReadyStartsANewJobAndCapturesItsPod() {
        cluster.start();
        cluster.driveToReady(newCheckpoint(CKPT), JOB);
        String oldPodSnapshotUid = cluster.podSnapshot(CKPT).getMetadata().getUid();

        cluster.annotate(CKPT, WireNames.ANNOTATION_ARTIFACT_VERSION, "2");

        String job2 = "checkpoint-job-" + HASH + "-2";
        DynamoCheckpoint creating = cluster.awaitCheckpoint(CKPT, c -> c.getStatus().getPhase()
                == DynamoCheckpointPhase.Creating && job2.equals(c.getStatus().getJobName()));
        assertThat(creating.getStatus().getCreatedAt()).isNull();
        assertThat(cluster.awaitJob(job2).getSpec().getTemplate().getMetadata().getAnnotations())
                .containsEntry(WireNames.ANNOTATION_ARTIFACT_VERSION, "2");
        assertThat(cluster.podSnapshot(CKPT)).as("the previous capture's PodSnapshot is gone").isNull();

        DynamoCheckpoint ready = cluster.completeCapture(CKPT, job2);

        PodSnapshot ps = cluster.podSnapshot(CKPT);
        assertThat(ps.getMetadata().getUid()).isNotEqualTo(oldPodSnapshotUid);
        assertThat(ps.getSpec().getSource().getPodRef().getName()).isEqualTo(job2 + "-abcde");
        assertThat(ready.getStatus().getJobName()).isEqualTo(job2);
        cluster.awaitJobGone(job2);
    }

    @Test
    void phaseLostWithAStaleJobIsResetAndEndsCreatingWithTheDefaultJob() {
        DynamoCheckpoint created = cluster.create(newCheckpoint(CKPT));
        DynamoCheckpointStatus stale = new DynamoCheckpointStatus();
        stale.setJobName("checkpoint-job-0123456789abcdef-1");
        created.setStatus(stale);
        cluster.client.resource(created).updateStatus();

        cluster.start();

        DynamoCheckpoint creating = cluster.awaitPhase(CKPT, DynamoCheckpointPhase.Creating);
        assertThat(creating.getStatus().getJobName()).isEqualTo(JOB);
        assertThat(cluster.jobs()).extracting(j -> j.getMetadata().getName()).containsExactly(JOB);
    }

    @Test
    void creatingCheckpointPickedUpByANewOperatorStripsTheLegacyJobTtl() {
        DynamoCheckpoint created = cluster.create(DynamoCheckpointFixtures.withLabel(newCheckpoint(CKPT),
                WireNames.LABEL_CHECKPOINT_ID, HASH));
        DynamoCheckpointStatus status = DynamoCheckpointStatuses.creating(created, JOB, DynamoCheckpointFixtures.NOW);
        status.setCheckpointID(HASH);
        status.setIdentityHash(HASH);
        created.setStatus(status);
        cluster.client.resource(created).updateStatus();
        Job legacy = DynamoCheckpointFixtures.job(created.getMetadata().getUid());
        legacy.getSpec().setTtlSecondsAfterFinished(DynamoCheckpointJobs.LEGACY_TTL_SECONDS);
        legacy.getSpec().setTemplate(new PodTemplateSpecBuilder().withNewSpec()
                .addNewContainer().withName("main").withImage("vllm/vllm-openai:v0.9").endContainer().endSpec().build());
        cluster.client.resource(legacy).create();

        cluster.start();

        await().atMost(TIMEOUT).pollInterval(POLL)
                .until(() -> cluster.job(JOB).getSpec().getTtlSecondsAfterFinished() == null);
        assertThat(cluster.get(CKPT).getStatus().getPhase()).isEqualTo(DynamoCheckpointPhase.Creating);
        assertThat(cluster.acceptedJobCreates()).as("only the test's Job").isEqualTo(1);
    }

    @Test
    void duplicateIdUnderAnotherNameFailsAndNamesThePrimary() {
        cluster.start();
        cluster.create(newCheckpoint("llama-a"));
        cluster.awaitPhase("llama-a", DynamoCheckpointPhase.Creating);

        cluster.create(newCheckpoint("llama-b"));

        DynamoCheckpoint failed = cluster.awaitPhase("llama-b", DynamoCheckpointPhase.Failed);
        assertThat(failed.getStatus().getMessage()).isEqualTo("checkpoint ID " + HASH + " is already owned by llama-a");
        assertThat(cluster.jobs()).as("no Job for the duplicate").hasSize(1);
        assertThat(cluster.get("llama-a").getStatus().getPhase()).isEqualTo(DynamoCheckpointPhase.Creating);
        assertThat(cluster.events.all()).filteredOn(e -> e.object().equals("llama-b"))
                .extracting(DynamoCheckpointFixtures.RecordedEvent::reason).containsExactly(Reason.CheckpointFailed);
    }

    @Test
    void gmsWithTheGmsGateOffFailsWithoutAJob() {
        cluster.start();
        cluster.create(withGms(newCheckpoint(CKPT)));

        DynamoCheckpoint failed = cluster.awaitPhase(CKPT, DynamoCheckpointPhase.Failed);

        assertThat(failed.getStatus().getMessage()).contains("GMS + Snapshot is temporarily disabled");
        assertThat(Conditions.get(failed.getStatus().getConditions(), CONDITION_JOB_CREATED)).hasValueSatisfying(c -> {
            assertThat(c.getStatus()).isEqualTo("False");
            assertThat(c.getReason()).isEqualTo(Reason.GMSSnapshotDisabled.name());
        });
        assertThat(cluster.jobs()).isEmpty();
    }

    @Test
    void unpreparedGmsTemplateFailsWithoutAJob() {
        cluster.start(config().withGmsSnapshotEnabled(true));
        cluster.create(withGms(newCheckpoint(CKPT)));

        DynamoCheckpoint failed = cluster.awaitPhase(CKPT, DynamoCheckpointPhase.Failed);

        assertThat(Conditions.get(failed.getStatus().getConditions(), CONDITION_JOB_CREATED)).hasValueSatisfying(c -> {
            assertThat(c.getStatus()).isEqualTo("False");
            assertThat(c.getReason()).isEqualTo(Reason.GMSPodTemplateNotPrepared.name());
        });
        assertThat(cluster.jobs()).isEmpty();
    }

    @Test
    void checkpointGateOffSaysSoOnceAndCreatesNothing() {
        cluster.start(config().withCheckpointEnabled(false));
        cluster.create(newCheckpoint(CKPT));

        cluster.awaitCheckpoint(CKPT, c -> DynamoCheckpointStatuses.MESSAGE_DISABLED.equals(c.getStatus().getMessage()));
        cluster.touch(CKPT);
        await().during(Duration.ofMillis(300)).atMost(TIMEOUT).pollInterval(POLL).until(() -> true);

        assertThat(cluster.get(CKPT).getStatus().getPhase()).isEqualTo(DynamoCheckpointPhase.Pending);
        assertThat(cluster.jobs()).isEmpty();
        assertThat(cluster.events.all()).singleElement().satisfies(e -> {
            assertThat(e.reason()).isEqualTo(Reason.CheckpointDisabled);
            assertThat(e.type()).isEqualTo(EventRecorder.Type.Warning);
        });
    }

    @Test
    void failedJobFailsTheCheckpointAndTheJobIsDeleted() {
        cluster.start();
        cluster.create(newCheckpoint(CKPT));
        cluster.awaitPhase(CKPT, DynamoCheckpointPhase.Creating);

        cluster.finishJob(JOB, "Failed");

        DynamoCheckpoint failed = cluster.awaitPhase(CKPT, DynamoCheckpointPhase.Failed);
        assertThat(failed.getStatus().getMessage()).startsWith("checkpoint job failed");
        assertThat(failed.getStatus().getJobName()).isEqualTo(JOB);
        cluster.awaitJobGone(JOB);
        assertThat(cluster.events.reasons()).containsExactly(Reason.CheckpointFailed);
    }

    @Test
    void deletedJobFailsTheCheckpointAndKeepsTheJobName() {
        cluster.start();
        cluster.create(newCheckpoint(CKPT));
        cluster.awaitPhase(CKPT, DynamoCheckpointPhase.Creating);

        cluster.client.batch().v1().jobs().inNamespace(NS).withName(JOB).delete();

        DynamoCheckpoint failed = cluster.awaitPhase(CKPT, DynamoCheckpointPhase.Failed);
        assertThat(failed.getStatus().getMessage()).isEqualTo("checkpoint job was deleted");
        assertThat(failed.getStatus().getJobName()).isEqualTo(JOB);
        assertThat(cluster.jobs()).as("not recreated").isEmpty();
    }

    @Test
    void automaticCheckpointGetsAFinalizerAndReleasesItOnceTheCleanupJobCompleted() {
        String id = "0123456789abcdef0123456789abcdef";
        String name = "checkpoint-" + id;
        cluster.start();
        cluster.create(automatic(name, id));
        DynamoCheckpoint creating = cluster.awaitPhase(name, DynamoCheckpointPhase.Creating);
        assertThat(creating.getMetadata().getFinalizers()).containsExactly(DynamoCheckpointReconciler.FINALIZER);
        // The cleanup Job already ran to completion (its factory is another change); the finalizer deletes it.
        Job done = new JobBuilder(DynamoCheckpointFixtures.namedJob("checkpoint-cleanup-" + id, "uid-cleanup",
                creating.getMetadata().getUid(), "Complete")).build();
        done.getMetadata().getLabels().put(WireNames.LABEL_CHECKPOINT_ID, id);
        done.getMetadata().getOwnerReferences().get(0).setName(name);
        cluster.client.resource(done).create();

        cluster.client.resource(creating).delete();

        await().atMost(TIMEOUT).pollInterval(POLL).until(() -> cluster.get(name) == null);
        assertThat(cluster.job("checkpoint-cleanup-" + id)).isNull();
    }

    @Test
    void deletingAnAutomaticCheckpointRunsTheCleanupJobBeforeReleasingIt() {
        String id = "0123456789abcdef0123456789abcdef";
        String name = "checkpoint-" + id;
        String cleanup = "checkpoint-cleanup-" + id;
        cluster.start(config().withStorage(new StorageFromConfig.Config("pvc", null,
                "checkpoints", "/checkpoints")));
        cluster.create(automatic(name, id));
        DynamoCheckpoint creating = cluster.awaitPhase(name, DynamoCheckpointPhase.Creating);

        cluster.client.resource(creating).delete();

        Job job = cluster.awaitJob(cleanup);
        assertThat(cluster.get(name)).as("held by the finalizer while the cleanup runs").isNotNull();
        assertThat(DynamoCheckpointOwnership.isControlledBy(job, creating)).isTrue();
        cluster.finishJob(cleanup, "Complete");
        await().atMost(TIMEOUT).pollInterval(POLL).until(() -> cluster.get(name) == null);
        cluster.awaitJobGone(cleanup);
    }

    @Test
    void deletingAStandaloneCheckpointNeedsNoOperatorWork(MockApiServer api) {
        cluster.start();
        DynamoCheckpoint created = cluster.create(newCheckpoint(CKPT));
        cluster.awaitPhase(CKPT, DynamoCheckpointPhase.Creating);

        cluster.client.resource(cluster.get(CKPT)).delete();

        await().atMost(TIMEOUT).pollInterval(POLL).until(() -> cluster.get(CKPT) == null);
        assertThat(created.getMetadata().getFinalizers()).isNullOrEmpty();
    }
}
