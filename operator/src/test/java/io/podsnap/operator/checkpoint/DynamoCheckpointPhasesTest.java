package io.podsnap.operator.checkpoint;

import static io.podsnap.operator.checkpoint.DynamoCheckpointExpect.step;
import static io.podsnap.operator.checkpoint.DynamoCheckpointExpect.transition;
import static io.podsnap.operator.checkpoint.DynamoCheckpointFixtures.assertDesiredPodSnapshot;
import static io.podsnap.operator.checkpoint.DynamoCheckpointFixtures.CKPT;
import static io.podsnap.operator.checkpoint.DynamoCheckpointFixtures.CKPT_UID;
import static io.podsnap.operator.checkpoint.DynamoCheckpointFixtures.HASH;
import static io.podsnap.operator.checkpoint.DynamoCheckpointFixtures.JOB;
import static io.podsnap.operator.checkpoint.DynamoCheckpointFixtures.NOW;
import static io.podsnap.operator.checkpoint.DynamoCheckpointFixtures.NOW_TEXT;
import static io.podsnap.operator.checkpoint.DynamoCheckpointFixtures.NS;
import static io.podsnap.operator.checkpoint.DynamoCheckpointFixtures.POD;
import static io.podsnap.operator.checkpoint.DynamoCheckpointFixtures.POD_UID;
import static io.podsnap.operator.checkpoint.DynamoCheckpointFixtures.automatic;
import static io.podsnap.operator.checkpoint.DynamoCheckpointFixtures.checkpoint;
import static io.podsnap.operator.checkpoint.DynamoCheckpointFixtures.config;
import static io.podsnap.operator.checkpoint.DynamoCheckpointFixtures.creating;
import static io.podsnap.operator.checkpoint.DynamoCheckpointFixtures.failedPodSnapshot;
import static io.podsnap.operator.checkpoint.DynamoCheckpointFixtures.job;
import static io.podsnap.operator.checkpoint.DynamoCheckpointFixtures.jobPod;
import static io.podsnap.operator.checkpoint.DynamoCheckpointFixtures.jobWithSucceeded;
import static io.podsnap.operator.checkpoint.DynamoCheckpointFixtures.podSnapshot;
import static io.podsnap.operator.checkpoint.DynamoCheckpointFixtures.ready;
import static io.podsnap.operator.checkpoint.DynamoCheckpointFixtures.readyPodSnapshot;
import static io.podsnap.operator.checkpoint.DynamoCheckpointFixtures.status;
import static io.podsnap.operator.checkpoint.DynamoCheckpointFixtures.withAnnotation;
import static io.podsnap.operator.checkpoint.DynamoCheckpointFixtures.withGms;
import static io.podsnap.operator.checkpoint.DynamoCheckpointFixtures.withLabel;
import static io.podsnap.operator.checkpoint.DynamoCheckpointFixtures.withPodSnapshotStatus;
import static io.podsnap.operator.checkpoint.DynamoCheckpointFixtures.withStatus;
import static io.podsnap.operator.checkpoint.DynamoCheckpointStatuses.CONDITION_JOB_COMPLETED;
import static io.podsnap.operator.checkpoint.DynamoCheckpointStatuses.CONDITION_JOB_CREATED;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.podsnap.api.v1alpha1.DynamoCheckpoint;
import io.podsnap.api.v1alpha1.DynamoCheckpointPhase;
import io.podsnap.api.v1alpha1.DynamoCheckpointStatus;
import io.podsnap.api.v1alpha1.PodSnapshot;
import io.podsnap.operator.checkpoint.DynamoCheckpointPodSnapshots.Outcome;
import io.podsnap.operator.checkpoint.DynamoCheckpointStep.Continue;
import io.podsnap.operator.checkpoint.DynamoCheckpointStep.CreateJob;
import io.podsnap.operator.checkpoint.DynamoCheckpointStep.EnsurePodSnapshot;
import io.podsnap.operator.checkpoint.DynamoCheckpointStep.Retry;
import io.podsnap.operator.checkpoint.DynamoCheckpointStep.Transition;
import io.podsnap.operator.config.OperatorConfig;
import io.podsnap.protocol.WireNames;
import io.podsnap.protocol.status.Reason;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The DynamoCheckpoint state machine, one table per handler. Each case names the behaviour (mostly a row of the
 * operator doc's §14 checklist), builds the observed world, calls the pure handler and checks the step: status,
 * decision, events.
 */
class DynamoCheckpointPhasesTest {

    // ---- normalize (§5.2) ---------------------------------------------------------------------------------------

    record NormalizeCase(String name, Supplier<DynamoCheckpoint> checkpoint, List<DynamoCheckpoint> namespace,
                         DynamoCheckpointExpect expect) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<NormalizeCase> normalizeCases() {
        return Stream.of(
                new NormalizeCase("new CR → Pending, checkpointID = identityHash = computed hash, empty message; stops"
                        + " until its own status write wakes it", DynamoCheckpointFixtures::checkpoint, List.of(),
                        transition().phase(DynamoCheckpointPhase.Pending).checkpointId(HASH).message(null).waits()
                                .events()),
                new NormalizeCase("friendly (non-hash) name → the ID still comes from the identity",
                        () -> checkpoint("my-friendly-llama", "uid-friendly"), List.of(),
                        transition().phase(DynamoCheckpointPhase.Pending).checkpointId(HASH)),
                new NormalizeCase("reconciled object without a phase (an unknown phase cannot be read) and a stale Job"
                        + " → Pending, Job reference dropped",
                        () -> withStatus(checkpoint(), status(null, "checkpoint-job-0123456789abcdef-1")), List.of(),
                        transition().phase(DynamoCheckpointPhase.Pending).jobName(null).waits()),
                new NormalizeCase("artifact version bumped on a Ready CR → Pending, jobName/createdAt/message cleared",
                        () -> withAnnotation(ready(), WireNames.ANNOTATION_ARTIFACT_VERSION, "2"), List.of(),
                        step(Continue.class).phase(DynamoCheckpointPhase.Pending).jobName(null).createdAt(null)
                                .message(null)),
                new NormalizeCase("artifact version bumped on a Failed CR → Pending (a new Job may succeed)",
                        () -> withAnnotation(withStatus(checkpoint(), status(DynamoCheckpointPhase.Failed, JOB)),
                                WireNames.ANNOTATION_ARTIFACT_VERSION, "2"), List.of(),
                        step(Continue.class).phase(DynamoCheckpointPhase.Pending).jobName(null)),
                new NormalizeCase("Creating is never reset by a version bump (the running Job finishes first)",
                        () -> withAnnotation(creating(), WireNames.ANNOTATION_ARTIFACT_VERSION, "2"), List.of(),
                        step(Continue.class).phase(DynamoCheckpointPhase.Creating).jobName(JOB)),
                new NormalizeCase("Ready with its own Job → unchanged", DynamoCheckpointFixtures::ready, List.of(),
                        step(Continue.class).and(s -> assertThat(((Continue) s).status()).isEqualTo(ready().getStatus()))),
                new NormalizeCase("duplicate ID under a different name → Failed, message names the older primary",
                        () -> created(checkpoint("llama-b", "uid-b"), "2026-07-01T11:00:00Z"),
                        List.of(created(withLabel(checkpoint("llama-a", "uid-a"), WireNames.LABEL_CHECKPOINT_ID, HASH),
                                "2026-07-01T10:00:00Z")),
                        transition().phase(DynamoCheckpointPhase.Failed)
                                .message("checkpoint ID " + HASH + " is already owned by llama-a")
                                .terminal(Reason.DuplicateCheckpointID).events(Reason.CheckpointFailed)),
                new NormalizeCase("the older claimant is the primary: a younger copy does not fail it",
                        () -> reconciled(created(checkpoint("llama-a", "uid-a"), "2026-07-01T10:00:00Z")),
                        List.of(created(withLabel(checkpoint("llama-b", "uid-b"), WireNames.LABEL_CHECKPOINT_ID, HASH),
                                "2026-07-01T11:00:00Z")),
                        step(Continue.class)),
                new NormalizeCase("a legacy checkpoint without the ID label claims the ID it resolves to",
                        () -> created(checkpoint("llama-b", "uid-b"), "2026-07-01T11:00:00Z"),
                        List.of(created(checkpoint("llama-legacy", "uid-legacy"), "2026-07-01T09:00:00Z")),
                        transition().phase(DynamoCheckpointPhase.Failed).messageContains("owned by llama-legacy")),
                new NormalizeCase("an automatic checkpoint without the ID label claims nothing",
                        () -> reconciled(created(checkpoint("llama-b", "uid-b"), "2026-07-01T11:00:00Z")),
                        List.of(automaticWithoutLabel()), step(Continue.class)),
                new NormalizeCase("a checkpoint being deleted does not own the ID",
                        () -> reconciled(created(checkpoint("llama-b", "uid-b"), "2026-07-01T11:00:00Z")),
                        List.of(deleting(created(withLabel(checkpoint("llama-a", "uid-a"), WireNames.LABEL_CHECKPOINT_ID,
                                HASH), "2026-07-01T10:00:00Z"))), step(Continue.class)),
                new NormalizeCase("the same ID in another namespace is not a duplicate",
                        () -> reconciled(created(checkpoint("llama-b", "uid-b"), "2026-07-01T11:00:00Z")),
                        List.of(inNamespace(created(withLabel(checkpoint("llama-a", "uid-a"),
                                WireNames.LABEL_CHECKPOINT_ID, HASH), "2026-07-01T10:00:00Z"), "other")),
                        step(Continue.class)),
                new NormalizeCase("duplicate already recorded → same status, no second event",
                        () -> alreadyDuplicate(), List.of(created(withLabel(checkpoint("llama-a", "uid-a"),
                                WireNames.LABEL_CHECKPOINT_ID, HASH), "2026-07-01T10:00:00Z")),
                        transition().phase(DynamoCheckpointPhase.Failed).terminal(Reason.DuplicateCheckpointID).events()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("normalizeCases")
    void normalize(NormalizeCase c) {
        DynamoCheckpoint checkpoint = c.checkpoint().get();
        c.expect().verify(DynamoCheckpointPhases.normalize(checkpoint, HASH, c.namespace(), NOW));
    }

    // ---- Pending (§5.3) -----------------------------------------------------------------------------------------

    record PendingCase(String name, Supplier<DynamoCheckpoint> checkpoint, Optional<Job> existingJob,
                       List<PodSnapshot> owned, OperatorConfig config, DynamoCheckpointExpect expect) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<PendingCase> pendingCases() {
        return Stream.of(
                new PendingCase("gate off → message and CheckpointDisabled event, phase unchanged, no Job",
                        DynamoCheckpointPhasesTest::pending, Optional.empty(), List.of(), config().withCheckpointEnabled(false),
                        transition().phase(DynamoCheckpointPhase.Pending)
                                .message(DynamoCheckpointStatuses.MESSAGE_DISABLED).waits()
                                .events(Reason.CheckpointDisabled)),
                new PendingCase("gate off again → no second CheckpointDisabled event (message unchanged)",
                        () -> withMessage(pending(), DynamoCheckpointStatuses.MESSAGE_DISABLED), Optional.empty(),
                        List.of(), config().withCheckpointEnabled(false), transition().waits().events()),
                new PendingCase("GMS with the GMS gate off → Failed 'GMS + Snapshot is temporarily disabled',"
                        + " JobCreated=False GMSSnapshotDisabled, no Job",
                        () -> withGms(pending()), Optional.empty(), List.of(), config(),
                        transition().phase(DynamoCheckpointPhase.Failed)
                                .messageContains("GMS + Snapshot is temporarily disabled")
                                .condition(CONDITION_JOB_CREATED, "False", Reason.GMSSnapshotDisabled.name())
                                .jobName(null).terminal(Reason.GMSSnapshotDisabled).events(Reason.CheckpointFailed)),
                new PendingCase("no Job yet → create checkpoint-job-<hash>-1 controlled by the checkpoint",
                        DynamoCheckpointPhasesTest::pending, Optional.empty(), List.of(), config(),
                        step(CreateJob.class).and(s -> assertControlledJob(((CreateJob) s).job(), JOB))),
                new PendingCase("artifact version 2 → create checkpoint-job-<hash>-2",
                        () -> withAnnotation(pending(), WireNames.ANNOTATION_ARTIFACT_VERSION, "2"), Optional.empty(),
                        List.of(), config(), step(CreateJob.class).and(s -> assertControlledJob(((CreateJob) s).job(),
                                "checkpoint-job-" + HASH + "-2"))),
                new PendingCase("Job of that name controlled by this checkpoint (crash before the status write) →"
                        + " adopted as is, Creating, JobCreated=True",
                        DynamoCheckpointPhasesTest::pending, Optional.of(job(CKPT_UID)), List.of(), config(),
                        transition().phase(DynamoCheckpointPhase.Creating).jobName(JOB).message(null)
                                .condition(CONDITION_JOB_CREATED, "True", Reason.JobCreated.name()).waits().events()),
                new PendingCase("Job of that name controlled by another checkpoint → Failed, not adopted",
                        DynamoCheckpointPhasesTest::pending, Optional.of(job("uid-someone-else")), List.of(), config(),
                        transition().phase(DynamoCheckpointPhase.Failed).messageContains("is not controlled by checkpoint")
                                .condition(CONDITION_JOB_CREATED, "False", Reason.JobNameConflict.name())
                                .terminal(Reason.JobNameConflict)),
                new PendingCase("PodSnapshot left from the capture before a version bump → deleted before any new Job",
                        DynamoCheckpointPhasesTest::pending, Optional.empty(), List.of(readyPodSnapshot()), config(),
                        step(DynamoCheckpointStep.DeletePodSnapshot.class).and(s -> assertThat(
                                ((DynamoCheckpointStep.DeletePodSnapshot) s).podSnapshot().getMetadata().getName())
                                .isEqualTo(CKPT))),
                new PendingCase("that PodSnapshot is already being deleted → wait for its delete event, no Job yet",
                        DynamoCheckpointPhasesTest::pending, Optional.empty(), List.of(deletingPodSnapshot()), config(),
                        transition().phase(DynamoCheckpointPhase.Pending).waits().events()),
                new PendingCase("the spec cannot produce a Job (target container missing) → Failed",
                        () -> withTarget(pending(), "worker"), Optional.empty(), List.of(), config(),
                        transition().phase(DynamoCheckpointPhase.Failed).messageContains("checkpoint job cannot be built")
                                .terminal(Reason.JobBuildFailed)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pendingCases")
    void onPending(PendingCase c) {
        c.expect().verify(DynamoCheckpointPhases.onPending(c.checkpoint().get(), HASH, c.existingJob(), c.owned(),
                c.config(), NOW));
    }

    @Test
    void unpreparedGmsTemplateFailsWithGmsPodTemplateNotPreparedAndNoJob() {
        DynamoCheckpointStep step = DynamoCheckpointPhases.onPending(withGms(pending()), HASH, Optional.empty(),
                List.of(), config().withGmsSnapshotEnabled(true), NOW);
        transition().phase(DynamoCheckpointPhase.Failed)
                .condition(CONDITION_JOB_CREATED, "False", Reason.GMSPodTemplateNotPrepared.name())
                .terminal(Reason.GMSPodTemplateNotPrepared).events(Reason.CheckpointFailed).verify(step);
    }

    @Test
    void jobCreatedMovesToCreatingWithTheJobCreatedConditionAndNoEvent() {
        transition().phase(DynamoCheckpointPhase.Creating).jobName(JOB).createdAt(null).message(null)
                .condition(CONDITION_JOB_CREATED, "True", Reason.JobCreated.name()).waits().events()
                .and(s -> assertThat(((Transition) s).status().getConditions()).anySatisfy(c ->
                        assertThat(c.getMessage()).isEqualTo("Checkpoint job " + JOB + " created")))
                .verify(DynamoCheckpointPhases.jobCreated(pending(), JOB, NOW));
    }

    @Test
    void jobRefusedByTheApiServerFailsTerminally() {
        transition().phase(DynamoCheckpointPhase.Failed).messageContains("checkpoint job could not be created: denied")
                .condition(CONDITION_JOB_CREATED, "False", Reason.JobCreateFailed.name())
                .terminal(Reason.JobCreateFailed).events(Reason.CheckpointFailed)
                .verify(DynamoCheckpointPhases.jobCreateRejected(pending(), "denied", NOW));
    }

    // ---- Creating (§5.4) ----------------------------------------------------------------------------------------

    record CreatingCase(String name, Supplier<DynamoCheckpoint> checkpoint, Optional<Job> job, List<PodSnapshot> owned,
                        List<Pod> pods, OperatorConfig config, DynamoCheckpointExpect expect) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<CreatingCase> creatingCases() {
        Optional<Job> running = Optional.of(job(CKPT_UID));
        Optional<Job> complete = Optional.of(job(CKPT_UID, "Complete"));
        Optional<Job> failed = Optional.of(job(CKPT_UID, "Failed"));
        PodSnapshot bound = withPodSnapshotStatus(podSnapshot(), "podsnapshotcontent-x", false, false);
        return Stream.of(
                new CreatingCase("Job complete + PodSnapshot Ready → Ready with createdAt",
                        DynamoCheckpointFixtures::creating, complete, List.of(readyPodSnapshot()), List.of(), config(),
                        transition().phase(DynamoCheckpointPhase.Ready).createdAt(NOW_TEXT).message(null)
                                .checkpointId(HASH).podSnapshotName(CKPT).jobName(JOB)
                                .condition(CONDITION_JOB_COMPLETED, "True", Reason.PodSnapshotAndJobReady.name())
                                .done().events(Reason.CheckpointReady)),
                new CreatingCase("Job failed (no PodSnapshot yet) → Failed JobFailed with the Job's message",
                        DynamoCheckpointFixtures::creating, failed, List.of(), List.of(), config(),
                        transition().phase(DynamoCheckpointPhase.Failed)
                                .message("checkpoint job failed: Job has reached the specified backoff limit")
                                .jobName(JOB).condition(CONDITION_JOB_COMPLETED, "False", Reason.JobFailed.name())
                                .terminal(Reason.JobFailed).events(Reason.CheckpointFailed)),
                new CreatingCase("PodSnapshot Ready without JobComplete → stays Creating",
                        DynamoCheckpointFixtures::creating, running, List.of(readyPodSnapshot()), List.of(), config(),
                        transition().phase(DynamoCheckpointPhase.Creating).createdAt(null).waits().events()),
                new CreatingCase("PodSnapshot Ready + JobFailed → Failed (a failed Job wins)",
                        DynamoCheckpointFixtures::creating, failed, List.of(readyPodSnapshot()), List.of(), config(),
                        transition().phase(DynamoCheckpointPhase.Failed).terminal(Reason.JobFailed)
                                .condition(CONDITION_JOB_COMPLETED, "False", Reason.JobFailed.name())),
                new CreatingCase("succeeded=1 without the Complete condition → stays Creating",
                        DynamoCheckpointFixtures::creating, Optional.of(jobWithSucceeded(CKPT_UID)),
                        List.of(readyPodSnapshot()), List.of(), config(),
                        transition().phase(DynamoCheckpointPhase.Creating).waits().events()),
                new CreatingCase("deleted Job (no PodSnapshot) → Failed 'checkpoint job was deleted', jobName kept",
                        DynamoCheckpointFixtures::creating, Optional.empty(), List.of(), List.of(), config(),
                        transition().phase(DynamoCheckpointPhase.Failed).message("checkpoint job was deleted")
                                .jobName(JOB).condition(CONDITION_JOB_CREATED, "False", Reason.JobDeleted.name())
                                .terminal(Reason.JobDeleted).events(Reason.CheckpointFailed)),
                new CreatingCase("running Job, PodSnapshot bound but not Ready → stays Creating",
                        DynamoCheckpointFixtures::creating, running, List.of(bound), List.of(), config(),
                        transition().phase(DynamoCheckpointPhase.Creating).waits().events()),
                new CreatingCase("running Job, no pod yet → wait for the pod-create event (no requeue)",
                        DynamoCheckpointFixtures::creating, running, List.of(), List.of(), config(),
                        transition().phase(DynamoCheckpointPhase.Creating).waits().events()
                                .and(s -> assertThat(((Transition) s).status()).isEqualTo(creating().getStatus()))),
                new CreatingCase("a pod of an earlier Job incarnation (other UID) is not the source",
                        DynamoCheckpointFixtures::creating, running, List.of(),
                        List.of(jobPod(POD, POD_UID, JOB, "uid-old-job")), config(),
                        transition().phase(DynamoCheckpointPhase.Creating).waits()),
                new CreatingCase("source pod exists → PodSnapshot named after the checkpoint, owner and ID labels,"
                        + " pinned pod UID, controller reference",
                        DynamoCheckpointFixtures::creating, running, List.of(), List.of(jobPod()), config(),
                        step(EnsurePodSnapshot.class).and(s -> assertDesiredPodSnapshot(((EnsurePodSnapshot) s).podSnapshot()))),
                new CreatingCase("target container name empty (no schema default applied) → the PodSnapshot captures"
                        + " main, the container the Job was built for",
                        () -> withTarget(creating(), ""), running, List.of(), List.of(jobPod()), config(),
                        step(EnsurePodSnapshot.class).and(s -> assertThat(((EnsurePodSnapshot) s).podSnapshot()
                                .getSpec().getSource().getPodRef().getContainers()).containsExactly("main"))),
                new CreatingCase("PodSnapshot Failed → Failed PodSnapshotFailed with the PodSnapshot's message",
                        DynamoCheckpointFixtures::creating, running, List.of(failedPodSnapshot("the pod was recreated")),
                        List.of(), config(),
                        transition().phase(DynamoCheckpointPhase.Failed).message("the pod was recreated")
                                .podSnapshotName(CKPT).terminal(Reason.PodSnapshotFailed)),
                new CreatingCase("PodSnapshot Ready but the Job was deleted → Failed JobDeletedBeforeComplete",
                        DynamoCheckpointFixtures::creating, Optional.empty(), List.of(readyPodSnapshot()), List.of(),
                        config(), transition().phase(DynamoCheckpointPhase.Failed)
                                .terminal(Reason.JobDeletedBeforeComplete).jobName(JOB)),
                new CreatingCase("Job deleted while the PodSnapshot is still pending → wait for the PodSnapshot",
                        DynamoCheckpointFixtures::creating, Optional.empty(), List.of(bound), List.of(), config(),
                        transition().phase(DynamoCheckpointPhase.Creating).waits()),
                new CreatingCase("several owned PodSnapshots → non-terminal retry, PodSnapshotLookupAmbiguous",
                        DynamoCheckpointFixtures::creating, running,
                        List.of(podSnapshot(), podSnapshot("llama-2", CKPT, CKPT_UID)), List.of(jobPod()), config(),
                        step(Retry.class).messageContains("multiple PodSnapshots owned")
                                .events(Reason.PodSnapshotLookupAmbiguous)),
                new CreatingCase("status.podSnapshotName missing → healed from the owned PodSnapshot",
                        DynamoCheckpointFixtures::creating, running, List.of(bound), List.of(), config(),
                        transition().phase(DynamoCheckpointPhase.Creating).podSnapshotName(CKPT).events()),
                new CreatingCase("Creating without jobName → back to Pending 'checkpoint job is missing from status'",
                        () -> withStatus(checkpoint(), status(DynamoCheckpointPhase.Creating, null)), Optional.empty(),
                        List.of(), List.of(), config(),
                        transition().phase(DynamoCheckpointPhase.Pending).message("checkpoint job is missing from status")
                                .waits()),
                new CreatingCase("gate off before the PodSnapshot exists → disabled message, nothing created",
                        DynamoCheckpointFixtures::creating, running, List.of(), List.of(jobPod()),
                        config().withCheckpointEnabled(false),
                        transition().phase(DynamoCheckpointPhase.Creating)
                                .message(DynamoCheckpointStatuses.MESSAGE_DISABLED).events(Reason.CheckpointDisabled)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("creatingCases")
    void onCreating(CreatingCase c) {
        c.expect().verify(DynamoCheckpointPhases.onCreating(c.checkpoint().get(), HASH, c.job(), c.owned(), c.pods(),
                c.config(), NOW));
    }

    // ---- after the PodSnapshot create ---------------------------------------------------------------------------

    record AfterCase(String name, Outcome outcome, DynamoCheckpointExpect expect) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<AfterCase> afterPodSnapshotCases() {
        return Stream.of(
                new AfterCase("created → status.podSnapshotName, PodSnapshotCreated event",
                        new Outcome.Created(podSnapshot()),
                        transition().phase(DynamoCheckpointPhase.Creating).podSnapshotName(CKPT).waits()
                                .events(Reason.PodSnapshotCreated)),
                new AfterCase("already there and ours → adopted, no duplicate, no event", new Outcome.Adopted(podSnapshot()),
                        transition().phase(DynamoCheckpointPhase.Creating).podSnapshotName(CKPT).waits().events()),
                new AfterCase("foreign PodSnapshot of that name → terminal PodSnapshotNameConflict",
                        new Outcome.NameConflict("PodSnapshot test/llama already exists and is not controlled by"
                                + " checkpoint test/llama"),
                        transition().phase(DynamoCheckpointPhase.Failed).messageContains("is not controlled by checkpoint")
                                .terminal(Reason.PodSnapshotNameConflict).events(Reason.CheckpointFailed)),
                new AfterCase("refused by the API server → Failed PodSnapshotCreateFailed 'snapshot creation failed'",
                        new Outcome.Rejected("podsnapshots.nvidia.com \"llama\" is invalid"),
                        transition().phase(DynamoCheckpointPhase.Failed)
                                .message("snapshot creation failed: podsnapshots.nvidia.com \"llama\" is invalid")
                                .terminal(Reason.PodSnapshotCreateFailed)
                                .events(Reason.PodSnapshotCreateFailed, Reason.CheckpointFailed)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("afterPodSnapshotCases")
    void afterPodSnapshot(AfterCase c) {
        c.expect().verify(DynamoCheckpointPhases.afterPodSnapshot(creating(), c.outcome(), NOW));
    }

    // ---- terminal Job cleanup (§5.5) ----------------------------------------------------------------------------

    record CleanupDueCase(String name, DynamoCheckpointStatus status, boolean due) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<CleanupDueCase> terminalJobCleanupCases() {
        DynamoCheckpointStatus readyWithoutProof = status(DynamoCheckpointPhase.Ready, JOB);
        return Stream.of(
                new CleanupDueCase("Failed with a Job → delete it", status(DynamoCheckpointPhase.Failed, JOB), true),
                new CleanupDueCase("Ready with JobCompleted=True PodSnapshotAndJobReady → delete it",
                        ready().getStatus(), true),
                new CleanupDueCase("Ready without the success proof (older operator) → keep it", readyWithoutProof, false),
                new CleanupDueCase("Creating → keep it", creating().getStatus(), false),
                new CleanupDueCase("Failed before any Job → nothing to delete",
                        status(DynamoCheckpointPhase.Failed, null), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("terminalJobCleanupCases")
    void terminalJobCleanupDue(CleanupDueCase c) {
        assertThat(DynamoCheckpointStatuses.terminalJobCleanupDue(c.status())).isEqualTo(c.due());
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    static DynamoCheckpoint pending() {
        return withLabel(withStatus(checkpoint(), status(DynamoCheckpointPhase.Pending, null)),
                WireNames.LABEL_CHECKPOINT_ID, HASH);
    }

    /** Already through its first reconcile: Pending with its ID. */
    static DynamoCheckpoint reconciled(DynamoCheckpoint checkpoint) {
        return withStatus(checkpoint, status(DynamoCheckpointPhase.Pending, null));
    }

    static PodSnapshot deletingPodSnapshot() {
        PodSnapshot ps = readyPodSnapshot();
        ps.getMetadata().setDeletionTimestamp("2026-07-01T11:59:00Z");
        return ps;
    }

    static DynamoCheckpoint withMessage(DynamoCheckpoint checkpoint, String message) {
        checkpoint.getStatus().setMessage(message);
        return checkpoint;
    }

    static DynamoCheckpoint withTarget(DynamoCheckpoint checkpoint, String target) {
        checkpoint.getSpec().getJob().setTargetContainerName(target);
        return checkpoint;
    }

    static DynamoCheckpoint created(DynamoCheckpoint checkpoint, String timestamp) {
        checkpoint.getMetadata().setCreationTimestamp(timestamp);
        return checkpoint;
    }

    static DynamoCheckpoint deleting(DynamoCheckpoint checkpoint) {
        checkpoint.getMetadata().setDeletionTimestamp("2026-07-01T11:30:00Z");
        return checkpoint;
    }

    static DynamoCheckpoint inNamespace(DynamoCheckpoint checkpoint, String namespace) {
        checkpoint.getMetadata().setNamespace(namespace);
        return checkpoint;
    }

    static DynamoCheckpoint automaticWithoutLabel() {
        DynamoCheckpoint checkpoint = created(automatic("checkpoint-auto", "ignored"), "2026-07-01T09:00:00Z");
        checkpoint.getMetadata().setUid("uid-auto");
        checkpoint.getMetadata().getLabels().remove(WireNames.LABEL_CHECKPOINT_ID);
        checkpoint.setStatus(status(DynamoCheckpointPhase.Ready, null));
        return checkpoint;
    }

    static DynamoCheckpoint alreadyDuplicate() {
        DynamoCheckpoint checkpoint = created(checkpoint("llama-b", "uid-b"), "2026-07-01T11:00:00Z");
        DynamoCheckpointStatus status = status(DynamoCheckpointPhase.Failed, null);
        status.setMessage("checkpoint ID " + HASH + " is already owned by llama-a");
        return withStatus(checkpoint, status);
    }

    static void assertControlledJob(Job job, String name) {
        assertThat(job.getMetadata().getName()).isEqualTo(name);
        assertThat(job.getMetadata().getNamespace()).isEqualTo(NS);
        assertThat(job.getMetadata().getLabels()).containsEntry(WireNames.LABEL_CHECKPOINT_ID, HASH);
        assertThat(job.getMetadata().getOwnerReferences()).singleElement().satisfies(ref -> {
            assertThat(ref.getKind()).isEqualTo("DynamoCheckpoint");
            assertThat(ref.getApiVersion()).isEqualTo(WireNames.API_VERSION);
            assertThat(ref.getName()).isEqualTo(CKPT);
            assertThat(ref.getUid()).isEqualTo(CKPT_UID);
            assertThat(ref.getController()).isTrue();
            assertThat(ref.getBlockOwnerDeletion()).isTrue();
        });
    }
}
