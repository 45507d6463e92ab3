package io.podsnap.operator.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.podsnap.api.v1alpha1.DynamoCheckpoint;
import io.podsnap.api.v1alpha1.DynamoCheckpointIdentity;
import io.podsnap.api.v1alpha1.DynamoCheckpointJobConfig;
import io.podsnap.api.v1alpha1.DynamoCheckpointPhase;
import io.podsnap.api.v1alpha1.DynamoCheckpointSpec;
import io.podsnap.api.v1alpha1.DynamoCheckpointStatus;
import io.podsnap.api.v1alpha1.GPUMemoryServiceSpec;
import io.podsnap.api.v1alpha1.PodReference;
import io.podsnap.api.v1alpha1.PodSnapshot;
import io.podsnap.api.v1alpha1.PodSnapshotSource;
import io.podsnap.api.v1alpha1.PodSnapshotSpec;
import io.podsnap.api.v1alpha1.PodSnapshotStatus;
import io.podsnap.operator.config.OperatorConfig;
import io.podsnap.operator.events.EventRecorder;
import io.podsnap.protocol.WireNames;
import io.podsnap.protocol.status.Conditions;
import io.podsnap.protocol.status.Reason;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/** Small golden objects for the DynamoCheckpoint tests, and a recording {@link EventRecorder}. */
final class DynamoCheckpointFixtures {
    private DynamoCheckpointFixtures() {}

    static final String NS = "test";
    static final String CKPT = "llama";
    static final String CKPT_UID = "uid-llama";
    /** Identity hash of {model: meta-llama/Llama-2-7b-hf, backendFramework: vllm} (operator doc §4.1 test vector). */
    static final String HASH = "96429b2725761a09";
    static final String JOB = "checkpoint-job-" + HASH + "-1";
    static final String JOB_UID = "uid-job";
    static final String POD = JOB + "-abcde";
    static final String POD_UID = "uid-pod";
    static final Instant NOW = Instant.parse("2026-07-01T12:00:00Z");
    static final String NOW_TEXT = "2026-07-01T12:00:00Z";
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    static {
        quietLogs();
    }

    /** The operator module has no logback-test.xml of its own; keep JOSDK and fabric8 debug noise out of the run. */
    static void quietLogs() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.WARN);
            context.getLogger("io.podsnap").setLevel(Level.INFO);
        }
    }

    static OperatorConfig config() {
        return OperatorConfig.defaults().withLeaderElection(false);
    }

    // ---- DynamoCheckpoint ---------------------------------------------------------------------------------------

    static DynamoCheckpointIdentity llamaIdentity() {
        DynamoCheckpointIdentity identity = new DynamoCheckpointIdentity();
        identity.setModel("meta-llama/Llama-2-7b-hf");
        identity.setBackendFramework("vllm");
        return identity;
    }

    /** A standalone checkpoint named {@link #CKPT} with the llama identity, a one-container template, target main. */
    static DynamoCheckpoint checkpoint() {
        return checkpoint(CKPT, CKPT_UID);
    }

    static DynamoCheckpoint checkpoint(String name, String uid) {
        DynamoCheckpoint checkpoint = new DynamoCheckpoint();
        checkpoint.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).withUid(uid)
                .withGeneration(1L).withCreationTimestamp("2026-07-01T10:00:00Z").build());
        DynamoCheckpointSpec spec = new DynamoCheckpointSpec();
        spec.setIdentity(llamaIdentity());
        DynamoCheckpointJobConfig job = new DynamoCheckpointJobConfig();
        job.setTargetContainerName("main");
        job.setPodTemplateSpec(new PodTemplateSpecBuilder()
                .withNewSpec()
                    .addNewContainer().withName("main").withImage("vllm/vllm-openai:v0.9")
                        .withCommand("python3", "-m", "dynamo.vllm").endContainer()
                .endSpec()
                .build());
        spec.setJob(job);
        checkpoint.setSpec(spec);
        return checkpoint;
    }

    /** A checkpoint created without uid, resourceVersion or creation time, as a user would send it. */
    static DynamoCheckpoint newCheckpoint(String name) {
        DynamoCheckpoint checkpoint = checkpoint(name, null);
        checkpoint.getMetadata().setCreationTimestamp(null);
        checkpoint.getMetadata().setGeneration(null);
        return checkpoint;
    }

    static DynamoCheckpoint withStatus(DynamoCheckpoint checkpoint, DynamoCheckpointStatus status) {
        checkpoint.setStatus(status);
        return checkpoint;
    }

    static DynamoCheckpointStatus status(DynamoCheckpointPhase phase, String jobName) {
        DynamoCheckpointStatus status = new DynamoCheckpointStatus();
        status.setPhase(phase);
        status.setCheckpointID(HASH);
        status.setIdentityHash(HASH);
        status.setJobName(jobName);
        return status;
    }

    /** A Creating checkpoint as the controller left it after creating {@link #JOB}. */
    static DynamoCheckpoint creating() {
        DynamoCheckpoint checkpoint = withLabel(checkpoint(), WireNames.LABEL_CHECKPOINT_ID, HASH);
        return withStatus(checkpoint, DynamoCheckpointStatuses.creating(withStatus(checkpoint(),
                status(DynamoCheckpointPhase.Pending, null)), JOB, NOW.minusSeconds(60)));
    }

    /** A Ready checkpoint with the durable success proof. */
    static DynamoCheckpoint ready() {
        DynamoCheckpoint creating = creating();
        DynamoCheckpointStatus ready = DynamoCheckpointStatuses.ready(creating, HASH, "captured", NOW.minusSeconds(30));
        ready.setPodSnapshotName(CKPT);
        return withStatus(creating, ready);
    }

    static DynamoCheckpoint withLabel(DynamoCheckpoint checkpoint, String key, String value) {
        Map<String, String> labels = checkpoint.getMetadata().getLabels() == null
                ? new HashMap<>() : new HashMap<>(checkpoint.getMetadata().getLabels());
        labels.put(key, value);
        checkpoint.getMetadata().setLabels(labels);
        return checkpoint;
    }

    static DynamoCheckpoint withAnnotation(DynamoCheckpoint checkpoint, String key, String value) {
        Map<String, String> annotations = checkpoint.getMetadata().getAnnotations() == null
                ? new HashMap<>() : new HashMap<>(checkpoint.getMetadata().getAnnotations());
        annotations.put(key, value);
        checkpoint.getMetadata().setAnnotations(annotations);
        return checkpoint;
    }

    static DynamoCheckpoint withGms(DynamoCheckpoint checkpoint) {
        GPUMemoryServiceSpec gms = new GPUMemoryServiceSpec();
        gms.setEnabled(true);
        gms.setMode("intraPod");
        checkpoint.getSpec().setGpuMemoryService(gms);
        return checkpoint;
    }

    /** An automatic (DGD-managed) checkpoint: auto annotation, ID label, no identity. */
    static DynamoCheckpoint automatic(String name, String checkpointId) {
        DynamoCheckpoint checkpoint = newCheckpoint(name);
        checkpoint.getSpec().setIdentity(null);
        withAnnotation(checkpoint, WireNames.ANNOTATION_AUTO_CHECKPOINT, "true");
        return withLabel(checkpoint, WireNames.LABEL_CHECKPOINT_ID, checkpointId);
    }

    // ---- Jobs and pods ------------------------------------------------------------------------------------------

    /** {@link #JOB}, controlled by the checkpoint with {@code ownerUid}, with the given conditions (type=True). */
    static Job job(String ownerUid, String... trueConditions) {
        return namedJob(JOB, JOB_UID, ownerUid, trueConditions);
    }

    static Job namedJob(String name, String uid, String ownerUid, String... trueConditions) {
        JobBuilder builder = new JobBuilder()
                .withMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).withUid(uid)
                        .addToLabels(WireNames.LABEL_CHECKPOINT_ID, HASH)
                        .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion(WireNames.API_VERSION)
                                .withKind("DynamoCheckpoint").withName(CKPT).withUid(ownerUid).withController(true)
                                .withBlockOwnerDeletion(true).build())
                        .build())
                .withNewSpec().withBackoffLimit(0).endSpec();
        if (trueConditions.length > 0) {
            JobStatusBuilder status = new JobStatusBuilder();
            for (String type : trueConditions) {
                status.addToConditions(new JobConditionBuilder().withType(type).withStatus("True")
                        .withMessage(type.equals("Failed") ? "Job has reached the specified backoff limit" : "")
                        .build());
            }
            builder.withStatus(status.build());
        }
        return builder.build();
    }

    static Job jobWithSucceeded(String ownerUid) {
        Job job = job(ownerUid);
        job.setStatus(new JobStatusBuilder().withSucceeded(1).build());
        return job;
    }

    /** The Job's pod, as the Job controller makes it: job-name label, source labels, controlled by {@code jobUid}. */
    static Pod jobPod(String name, String uid, String jobName, String jobUid) {
        return new PodBuilder()
                .withMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).withUid(uid)
                        .addToLabels(WireNames.LABEL_JOB_NAME, jobName)
                        .addToLabels(WireNames.LABEL_IS_CHECKPOINT_SOURCE, "true")
                        .addToLabels(WireNames.LABEL_SNAPSHOT_OWNER, CKPT)
                        .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("batch/v1").withKind("Job")
                                .withName(jobName).withUid(jobUid).withController(true).withBlockOwnerDeletion(true)
                                .build())
                        .build())
                .withNewSpec().addNewContainer().withName("main").withImage("vllm/vllm-openai:v0.9").endContainer()
                .endSpec()
                .build();
    }

    static Pod jobPod() {
        return jobPod(POD, POD_UID, JOB, JOB_UID);
    }

    // ---- PodSnapshots -------------------------------------------------------------------------------------------

    /** The checkpoint's PodSnapshot, controlled by the checkpoint with {@code ownerUid}, no status. */
    static PodSnapshot podSnapshot(String name, String ownerName, String ownerUid) {
        PodSnapshot ps = new PodSnapshot();
        ObjectMetaBuilder meta = new ObjectMetaBuilder().withName(name).withNamespace(NS).withUid("uid-ps-" + name)
                .addToLabels(WireNames.LABEL_SNAPSHOT_OWNER, ownerName)
                .addToLabels(WireNames.LABEL_CHECKPOINT_ID, HASH);
        if (ownerUid != null) {
            meta.withOwnerReferences(new OwnerReferenceBuilder().withApiVersion(WireNames.API_VERSION)
                    .withKind("DynamoCheckpoint").withName(ownerName).withUid(ownerUid).withController(true)
                    .withBlockOwnerDeletion(true).build());
        }
        ps.setMetadata(meta.build());
        ps.setSpec(new PodSnapshotSpec(new PodSnapshotSource(new PodReference(POD, POD_UID, List.of("main")))));
        return ps;
    }

    static PodSnapshot podSnapshot() {
        return podSnapshot(CKPT, CKPT, CKPT_UID);
    }

    static PodSnapshot readyPodSnapshot() {
        return withPodSnapshotStatus(podSnapshot(), "podsnapshotcontent-uid-ps-llama", true, false);
    }

    static PodSnapshot failedPodSnapshot(String message) {
        PodSnapshot ps = podSnapshot();
        PodSnapshotStatus status = new PodSnapshotStatus();
        List<Condition> conditions = new ArrayList<>();
        Conditions.set(conditions, WireNames.CONDITION_FAILED, "True", Reason.StalePodReference.name(), message, 1, NOW);
        status.setConditions(conditions);
        ps.setStatus(status);
        return ps;
    }

    /** Sets binding and Ready/Failed as the PodSnapshot reconciler would. */
    static PodSnapshot withPodSnapshotStatus(PodSnapshot ps, String boundContent, boolean ready, boolean failed) {
        PodSnapshotStatus status = new PodSnapshotStatus();
        status.setBoundSnapshotContentName(boundContent);
        List<Condition> conditions = new ArrayList<>();
        conditions.add(new ConditionBuilder().withType(WireNames.CONDITION_READY).withStatus(ready ? "True" : "False")
                .withReason(ready ? Reason.Captured.name() : Reason.Pending.name())
                .withMessage(ready ? "captured" : Conditions.PENDING_MESSAGE).withLastTransitionTime(NOW_TEXT).build());
        if (failed) {
            conditions.add(new ConditionBuilder().withType(WireNames.CONDITION_FAILED).withStatus("True")
                    .withReason(Reason.CheckpointFailed.name()).withMessage("dump failed").withLastTransitionTime(NOW_TEXT)
                    .build());
        }
        status.setConditions(conditions);
        ps.setStatus(status);
        return ps;
    }

    static String name(HasMetadata object) {
        return object.getMetadata().getName();
    }

    // ---- events -------------------------------------------------------------------------------------------------

    /** What an {@link EventRecorder} was asked to record. */
    record RecordedEvent(String object, EventRecorder.Type type, Reason reason, String message) {}

    /** Records events in memory (thread-safe: the operator's reconcile threads write, the test thread reads). */
    static final class RecordingEvents implements EventRecorder {
        private final List<RecordedEvent> events = new CopyOnWriteArrayList<>();

        @Override
        public void record(HasMetadata regarding, Type type, Reason reason, String message) {
            events.add(new RecordedEvent(regarding.getMetadata().getName(), type, reason, message));
        }

        List<RecordedEvent> all() {
            return List.copyOf(events);
        }

        List<Reason> reasons() {
            return events.stream().map(RecordedEvent::reason).toList();
        }

        long count(Reason reason) {
            return events.stream().filter(e -> e.reason() == reason).count();
        }
    }

    /** The PodSnapshot a checkpoint asks for: name, labels, controller, pinned pod and container, finalizer. */
    static void assertDesiredPodSnapshot(PodSnapshot ps) {
        assertThat(ps.getMetadata().getName()).isEqualTo(CKPT);
        assertThat(ps.getMetadata().getNamespace()).isEqualTo(NS);
        assertThat(ps.getMetadata().getLabels())
                .containsEntry(WireNames.LABEL_SNAPSHOT_OWNER, CKPT)
                .containsEntry(WireNames.LABEL_CHECKPOINT_ID, HASH);
        assertThat(ps.getMetadata().getOwnerReferences()).singleElement().satisfies(ref -> {
            assertThat(ref.getKind()).isEqualTo("DynamoCheckpoint");
            assertThat(ref.getUid()).isEqualTo(CKPT_UID);
            assertThat(ref.getController()).isTrue();
            assertThat(ref.getBlockOwnerDeletion()).isTrue();
        });
        assertThat(ps.getSpec().getSource().getPodRef().getName()).isEqualTo(POD);
        assertThat(ps.getSpec().getSource().getPodRef().getUid()).isEqualTo(POD_UID);
        assertThat(ps.getSpec().getSource().getPodRef().getContainers()).containsExactly("main");
        assertThat(ps.getMetadata().getFinalizers()).as("created with the PodSnapshot controller's finalizer")
                .containsExactly(WireNames.FINALIZER_CONTENT_CLEANUP);
        assertThat(ps.getStatus()).isNull();
    }
}
