package io.podsnap.protocol.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.podsnap.protocol.storage.Storage;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RestorePodShaperTest {

    private static final Storage STORAGE = Storage.pvc("snapshot-pvc", "/checkpoints");
    private static final RestorePodOptions OPTIONS = RestorePodOptions.of("abc", "2", List.of("main"), STORAGE);

    private static Probe http(String path) {
        return new ProbeBuilder().withNewHttpGet().withPath(path).withNewPort(9090).endHttpGet().withPeriodSeconds(10).build();
    }

    /** A worker pod as a user or a previous shaping left it. */
    private static Pod worker() {
        return new PodBuilder()
                .withNewMetadata()
                    .withName("worker-0").withNamespace("inference")
                    .addToLabels("app", "worker")
                    .addToLabels("nvidia.com/snapshot-is-checkpoint-source", "true")
                    .addToLabels("nvidia.com/snapshot-checkpoint-id", "old")
                    .addToLabels("nvidia.com/snapshot-capture-eligible", "true")
                    .addToAnnotations("team", "llm")
                    .addToAnnotations("nvidia.com/snapshot-artifact-version", "9")
                    .addToAnnotations("nvidia.com/snapshot-restore-status.main", "completed")
                    .addToAnnotations("nvidia.com/snapshot-restore-container-id.main", "c1")
                    .addToAnnotations("nvidia.com/snapshot-restore-status", "failed")
                    .addToAnnotations("nvidia.com/snapshot-restore-container-id", "c0")
                .endMetadata()
                .withNewSpec()
                    .addNewContainer()
                        .withName("main").withImage("worker:1")
                        .withCommand("python3", "-m", "worker").withArgs("--model", "m")
                        .withReadinessProbe(http("/ready"))
                        .withLivenessProbe(http("/live"))
                    .endContainer()
                    .addNewContainer().withName("sidecar").withImage("proxy:1").endContainer()
                .endSpec()
                .build();
    }

    /** The golden result of shaping {@link #worker()} with {@link #OPTIONS}. */
    private static Pod golden() {
        return new PodBuilder()
                .withNewMetadata()
                    .withName("worker-0").withNamespace("inference")
                    .addToLabels("app", "worker")
                    .addToLabels("nvidia.com/snapshot-checkpoint-id", "abc")
                    .addToLabels("nvidia.com/snapshot-is-restore-target", "true")
                    .addToAnnotations("team", "llm")
                    .addToAnnotations("nvidia.com/snapshot-artifact-version", "2")
                    .addToAnnotations("nvidia.com/snapshot-target-containers", "main")
                .endMetadata()
                .withNewSpec()
                    .withNewSecurityContext()
                        .withNewSeccompProfile().withType("Localhost").withLocalhostProfile("profiles/block-iouring.json")
                        .endSeccompProfile()
                    .endSecurityContext()
                    .addNewVolume().withName("checkpoint-storage")
                        .withNewPersistentVolumeClaim().withClaimName("snapshot-pvc").endPersistentVolumeClaim().endVolume()
                    .addNewVolume().withName("snapshot-control").withNewEmptyDir().endEmptyDir().endVolume()
                    .addNewContainer()
                        .withName("main").withImage("worker:1")
                        .withCommand("sleep", "infinity")
                        .addNewEnv().withName("SNAPSHOT_CONTROL_DIR").withValue("/snapshot-control").endEnv()
                        .addNewEnv().withName("DYN_SNAPSHOT_CONTROL_DIR").withValue("/snapshot-control").endEnv()
                        .addNewVolumeMount().withName("checkpoint-storage").withMountPath("/checkpoints").endVolumeMount()
                        .addNewVolumeMount().withName("snapshot-control").withMountPath("/snapshot-control")
                            .withSubPath("main").endVolumeMount()
                        .withReadinessProbe(http("/ready"))
                        .withLivenessProbe(http("/live"))
                        .withStartupProbe(new ProbeBuilder(http("/live"))
                                .withInitialDelaySeconds(0).withPeriodSeconds(1).withTimeoutSeconds(1)
                                .withFailureThreshold(Integer.MAX_VALUE).withSuccessThreshold(1).build())
                    .endContainer()
                    .addNewContainer().withName("sidecar").withImage("proxy:1").endContainer()
                .endSpec()
                .build();
    }

    @Test
    void shapesTheGoldenPod() {
        assertThat(RestorePodShaper.prepare(worker(), OPTIONS)).isEqualTo(golden());
    }

    @Test
    void isIdempotent() {
        Pod once = RestorePodShaper.prepare(worker(), OPTIONS);
        assertThat(RestorePodShaper.prepare(once, OPTIONS)).isEqualTo(once);
    }

    @Test
    void neverMutatesItsInput() {
        Pod input = worker();
        RestorePodShaper.prepare(input, OPTIONS);
        assertThat(input).isEqualTo(worker());
    }

    @Test
    void reshapingForAnotherCheckpointLeavesNothingOfTheOld() {
        Pod first = RestorePodShaper.prepare(worker(), RestorePodOptions.of("first", "1", List.of("main", "sidecar"),
                Storage.pvc("other-pvc", "/other")));
        Pod second = RestorePodShaper.prepare(new PodBuilder(first).editMetadata()
                .addToAnnotations("nvidia.com/snapshot-restore-status.sidecar", "completed").endMetadata().build(), OPTIONS);
        assertThat(second.getMetadata()).isEqualTo(golden().getMetadata());
        assertThat(second.getSpec().getVolumes()).filteredOn(v -> v.getName().equals("checkpoint-storage"))
                .singleElement().satisfies(v -> assertThat(v.getPersistentVolumeClaim().getClaimName()).isEqualTo("snapshot-pvc"));
    }

    @Test
    void shapesAPodTemplateTheSameWay() {
        PodTemplateSpec t = new PodTemplateSpecBuilder().withMetadata(worker().getMetadata()).withSpec(worker().getSpec()).build();
        PodTemplateSpec shaped = RestorePodShaper.prepare(t, OPTIONS);
        assertThat(shaped.getMetadata()).isEqualTo(golden().getMetadata());
        assertThat(shaped.getSpec()).isEqualTo(golden().getSpec());
    }

    static Stream<Arguments> startupProbes() {
        Probe cadence = new ProbeBuilder().withInitialDelaySeconds(0).withPeriodSeconds(1).withTimeoutSeconds(1)
                .withFailureThreshold(Integer.MAX_VALUE).withSuccessThreshold(1).build();
        Probe restoreComplete = new ProbeBuilder(cadence).withNewExec()
                .withCommand("cat", "/snapshot-control/restore-complete").endExec().build();
        Container bare = new ContainerBuilder().withName("main").withImage("w").build();
        return Stream.of(
                argumentSet("startup probe preferred",
                        new ContainerBuilder(bare).withStartupProbe(http("/start")).withLivenessProbe(http("/live"))
                                .withReadinessProbe(http("/ready")).build(),
                        new ProbeBuilder(cadence).withNewHttpGet().withPath("/start").withNewPort(9090).endHttpGet().build()),
                argumentSet("then liveness",
                        new ContainerBuilder(bare).withLivenessProbe(http("/live")).withReadinessProbe(http("/ready")).build(),
                        new ProbeBuilder(cadence).withNewHttpGet().withPath("/live").withNewPort(9090).endHttpGet().build()),
                argumentSet("then readiness",
                        new ContainerBuilder(bare).withReadinessProbe(http("/ready")).build(),
                        new ProbeBuilder(cadence).withNewHttpGet().withPath("/ready").withNewPort(9090).endHttpGet().build()),
                argumentSet("else the restore-complete sentinel", bare, restoreComplete));
    }

    @ParameterizedTest
    @MethodSource("startupProbes")
    void startupProbe(Container container, Probe expected) {
        assertThat(RestorePodShaper.restoreStartupProbe(container)).isEqualTo(expected);
    }

    @Test
    void withoutAKnownPvcNoStorageVolumeOrMountIsAdded() {
        Pod pod = RestorePodShaper.prepare(worker(), RestorePodOptions.of("abc", "2", List.of("main"), null));
        assertThat(pod.getSpec().getVolumes()).extracting("name").containsExactly("snapshot-control");
        assertThat(pod.getSpec().getContainers().get(0).getVolumeMounts()).extracting("name").containsExactly("snapshot-control");

        Pod agentOnly = RestorePodShaper.prepare(worker(), RestorePodOptions.of("abc", "2", List.of("main"),
                new Storage("pvc", "", "/checkpoints", null)));
        assertThat(agentOnly.getSpec().getVolumes()).extracting("name").containsExactly("snapshot-control");
    }

    @Test
    void shapesEveryTargetAndLeavesOthersAlone() {
        Pod pod = RestorePodShaper.prepare(new PodBuilder(worker()).editSpec()
                .addNewContainer().withName("engine-1").withImage("worker:1").withCommand("python3").endContainer()
                .endSpec().build(), RestorePodOptions.of("abc", "2", List.of("main", "engine-1"), STORAGE));
        assertThat(pod.getMetadata().getAnnotations()).containsEntry("nvidia.com/snapshot-target-containers", "main,engine-1");
        assertThat(pod.getSpec().getContainers().get(1)).isEqualTo(worker().getSpec().getContainers().get(1));
        Container engine = pod.getSpec().getContainers().get(2);
        assertThat(engine.getCommand()).containsExactly("sleep", "infinity");
        assertThat(engine.getVolumeMounts()).extracting("name", "subPath")
                .containsExactly(org.assertj.core.groups.Tuple.tuple("checkpoint-storage", null),
                        org.assertj.core.groups.Tuple.tuple("snapshot-control", "engine-1"));
        assertThat(pod.getSpec().getVolumes()).extracting("name").containsExactly("checkpoint-storage", "snapshot-control");
    }

    @Test
    void usesTheGivenPlaceholderCommandAndSeccompProfile() {
        Pod pod = RestorePodShaper.prepare(worker(), OPTIONS
                .withPlaceholderCommand(List.of("/podsnap/placeholder")).withSeccompProfile(""));
        assertThat(pod.getSpec().getContainers().get(0).getCommand()).containsExactly("/podsnap/placeholder");
        assertThat(pod.getSpec().getContainers().get(0).getArgs()).isEmpty();
        assertThat(pod.getSpec().getSecurityContext()).isNull();
    }

    @Test
    void rejectsAMissingTarget() {
        assertThatThrownBy(() -> RestorePodShaper.prepare(worker(), RestorePodOptions.of("abc", "2", List.of("engine"), STORAGE)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("restore target container engine not found in the pod (containers: main, sidecar)");
    }

    @Test
    void newRestorePodKeepsNameAndNamespaceAndNeverRestarts() {
        Pod manifest = new PodBuilder(worker())
                .editMetadata().withUid("u1").withResourceVersion("42").withCreationTimestamp("2026-01-01T00:00:00Z")
                .withGeneration(3L).endMetadata()
                .withNewStatus().withPhase("Running").endStatus()
                .build();
        Pod pod = RestorePodShaper.newRestorePod(manifest, OPTIONS);
        assertThat(pod).isEqualTo(new PodBuilder(golden()).editSpec().withRestartPolicy("Never").endSpec().build());
        assertThat(RestorePodShaper.newRestorePod(pod, OPTIONS)).as("idempotent").isEqualTo(pod);
    }

    @Test
    void preparedOutputValidatesClean() {
        Pod pod = RestorePodShaper.prepare(worker(), OPTIONS);
        assertThat(RestorePodValidator.validate(pod, STORAGE, "profiles/block-iouring.json")).isEmpty();

        Pod fanOut = RestorePodShaper.prepare(new PodBuilder(worker()).editSpec()
                .addNewContainer().withName("engine-1").withImage("worker:1").endContainer().endSpec().build(),
                RestorePodOptions.of("abc", "2", List.of("main", "engine-1"), STORAGE));
        assertThat(RestorePodValidator.validate(fanOut, STORAGE, "profiles/block-iouring.json")).isEmpty();
    }
}
