package io.podsnap.operator.checkpoint;

import static io.podsnap.operator.checkpoint.DynamoCheckpointFixtures.CKPT;
import static io.podsnap.operator.checkpoint.DynamoCheckpointFixtures.CKPT_UID;
import static io.podsnap.operator.checkpoint.DynamoCheckpointFixtures.NS;
import static io.podsnap.operator.checkpoint.DynamoCheckpointFixtures.job;
import static io.podsnap.operator.checkpoint.DynamoCheckpointFixtures.jobPod;
import static io.podsnap.operator.checkpoint.DynamoCheckpointFixtures.podSnapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.podsnap.protocol.WireNames;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Watches of operator doc §5.1: which events wake the controller and which checkpoint they map to. */
class DynamoCheckpointEventSourcesTest {

    private static final Set<ResourceID> LLAMA = Set.of(new ResourceID(CKPT, NS));

    @Test
    void jobEventsIgnoreCreatesAndReactToUpdatesAndDeletes() {
        Job job = job(CKPT_UID);
        assertThat(DynamoCheckpointEventSources.JOB_ON_ADD.accept(job)).isFalse();
        assertThat(DynamoCheckpointEventSources.JOB_ON_UPDATE.accept(job, job)).isTrue();
        assertThat(DynamoCheckpointEventSources.JOB_ON_DELETE.accept(job, false)).isTrue();
    }

    @Test
    void podSnapshotEventsIgnoreCreatesAndReactToUpdatesAndDeletes() {
        var ps = podSnapshot();
        assertThat(DynamoCheckpointEventSources.POD_SNAPSHOT_ON_ADD.accept(ps)).isFalse();
        assertThat(DynamoCheckpointEventSources.POD_SNAPSHOT_ON_UPDATE.accept(ps, ps)).isTrue();
        assertThat(DynamoCheckpointEventSources.POD_SNAPSHOT_ON_DELETE.accept(ps, false)).isTrue();
    }

    @Test
    void podEventsAreOnlyCreatesOfCheckpointSourcePods() {
        Pod source = jobPod();
        Pod other = jobPod();
        other.getMetadata().getLabels().remove(WireNames.LABEL_IS_CHECKPOINT_SOURCE);
        assertThat(DynamoCheckpointEventSources.POD_ON_ADD.accept(source)).isTrue();
        assertThat(DynamoCheckpointEventSources.POD_ON_ADD.accept(other)).isFalse();
        assertThat(DynamoCheckpointEventSources.POD_ON_UPDATE.accept(source, source))
                .as("status heartbeats would storm the controller").isFalse();
        assertThat(DynamoCheckpointEventSources.POD_ON_DELETE.accept(source, false)).isFalse();
    }

    @Test
    void ownedObjectsMapToTheirControllingCheckpoint() {
        assertThat(DynamoCheckpointEventSources.controllingCheckpoint(job(CKPT_UID))).isEqualTo(LLAMA);
        assertThat(DynamoCheckpointEventSources.controllingCheckpoint(podSnapshot())).isEqualTo(LLAMA);
        Job foreign = job(CKPT_UID);
        foreign.getMetadata().setOwnerReferences(List.of(new OwnerReferenceBuilder().withApiVersion("batch/v1")
                .withKind("CronJob").withName("nightly").withUid("uid-cron").withController(true).build()));
        assertThat(DynamoCheckpointEventSources.controllingCheckpoint(foreign)).as("not a checkpoint's").isEmpty();
        Job notControlling = job(CKPT_UID);
        notControlling.getMetadata().getOwnerReferences().get(0).setController(false);
        assertThat(DynamoCheckpointEventSources.controllingCheckpoint(notControlling)).as("owner, not controller")
                .isEmpty();
    }

    @Test
    void sourcePodMapsToTheCheckpointNamedByItsOwnerLabel() {
        assertThat(DynamoCheckpointEventSources.checkpointOfSourcePod(jobPod())).isEqualTo(LLAMA);
        Pod unlabelled = jobPod();
        unlabelled.getMetadata().getLabels().remove(WireNames.LABEL_SNAPSHOT_OWNER);
        assertThat(DynamoCheckpointEventSources.checkpointOfSourcePod(unlabelled)).as("no owner label → nothing")
                .isEmpty();
        Pod notSource = jobPod();
        notSource.getMetadata().getLabels().put(WireNames.LABEL_IS_CHECKPOINT_SOURCE, "false");
        assertThat(DynamoCheckpointEventSources.isCheckpointSourcePod(notSource)).isFalse();
        assertThat(DynamoCheckpointEventSources.checkpointOfSourcePod(notSource)).isEmpty();
    }

    @Test
    void informersAreNarrowedToCheckpointObjects() {
        assertThat(DynamoCheckpointEventSources.jobs().getInformerConfig().getLabelSelector())
                .isEqualTo(WireNames.LABEL_CHECKPOINT_ID);
        assertThat(DynamoCheckpointEventSources.podSnapshots().getInformerConfig().getLabelSelector())
                .isEqualTo(WireNames.LABEL_SNAPSHOT_OWNER);
        assertThat(DynamoCheckpointEventSources.sourcePods().getInformerConfig().getLabelSelector())
                .isEqualTo("nvidia.com/snapshot-is-checkpoint-source=true");
    }
}
