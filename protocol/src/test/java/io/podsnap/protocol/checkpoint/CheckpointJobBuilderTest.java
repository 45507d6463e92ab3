package io.podsnap.protocol.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CheckpointJobBuilderTest {

    private static final CheckpointJobOptions OPTIONS = CheckpointJobOptions.defaults("checkpoint-job-abc-1", "inference");

    /** A prepared worker template: a target with probes and user env, and a sidecar. */
    private static PodTemplateSpec template() {
        return new PodTemplateSpecBuilder()
                .withNewMetadata()
                    .addToLabels("app", "worker")
                    .addToAnnotations("team", "llm")
                .endMetadata()
                .withNewSpec()
                    .withNewSecurityContext().withRunAsUser(1000L).withFsGroup(2000L).endSecurityContext()
                    .addNewContainer()
                        .withName("main").withImage("worker:1")
                        .withCommand("python3", "-m", "worker").withArgs("--model", "m")
                        .addNewEnv().withName("NATS_SERVER").withValue("nats://nats:4222").endEnv()
                        .withNewReadinessProbe().withNewHttpGet().withPath("/ready").withNewPort(9090).endHttpGet().endReadinessProbe()
                        .withNewLivenessProbe().withNewHttpGet().withPath("/live").withNewPort(9090).endHttpGet().endLivenessProbe()
                        .withNewStartupProbe().withNewHttpGet().withPath("/start").withNewPort(9090).endHttpGet().endStartupProbe()
                    .endContainer()
                    .addNewContainer()
                        .withName("sidecar").withImage("proxy:1")
                        .withNewReadinessProbe().withNewTcpSocket().withNewPort(15000).endTcpSocket().endReadinessProbe()
                    .endContainer()
                .endSpec()
                .build();
    }

    /** The golden Job for {@link #template()} with default options. */
    private static Job golden() {
        return new JobBuilder()
                .withNewMetadata()
                    .withName("checkpoint-job-abc-1").withNamespace("inference")
                    .addToLabels("nvidia.com/snapshot-checkpoint-id", "abc")
                .endMetadata()
                .withNewSpec()
                    .withBackoffLimit(0)
                    .withActiveDeadlineSeconds(3600L)
                    .withNewTemplate()
                        .withNewMetadata()
                            .addToLabels("app", "worker")
                            .addToLabels("nvidia.com/snapshot-is-checkpoint-source", "true")
                            .addToLabels("nvidia.com/snapshot-checkpoint-id", "abc")
                            .addToAnnotations("team", "llm")
                            .addToAnnotations("nvidia.com/snapshot-artifact-version", "1")
                            .addToAnnotations("nvidia.com/snapshot-target-containers", "main")
                            .addToAnnotations("linkerd.io/inject", "disabled")
                            .addToAnnotations("sidecar.istio.io/inject", "false")
                        .endMetadata()
                        .withNewSpec()
                            .withRestartPolicy("Never")
                            .withNewSecurityContext()
                                .withRunAsUser(1000L).withFsGroup(2000L)
                                .withNewSeccompProfile().withType("Localhost")
                                    .withLocalhostProfile("profiles/block-iouring.json").endSeccompProfile()
                            .endSecurityContext()
                            .addNewVolume().withName("snapshot-control").withNewEmptyDir().endEmptyDir().endVolume()
                            .addNewVolume().withName("shared-memory")
                                .withNewEmptyDir().withMedium("Memory").withSizeLimit(new Quantity("8Gi")).endEmptyDir()
                            .endVolume()
                            .addNewContainer()
                                .withName("main").withImage("worker:1")
                                .withCommand("python3", "-m", "worker").withArgs("--model", "m")
                                .addNewEnv().withName("NATS_SERVER").withValue("nats://nats:4222").endEnv()
                                .addNewEnv().withName("SNAPSHOT_CONTROL_DIR").withValue("/snapshot-control").endEnv()
                                .addNewEnv().withName("DYN_SNAPSHOT_CONTROL_DIR").withValue("/snapshot-control").endEnv()
                                .addNewVolumeMount().withName("snapshot-control").withMountPath("/snapshot-control")
                                    .withSubPath("main").endVolumeMount()
                                .addNewVolumeMount().withName("shared-memory").withMountPath("/dev/shm").endVolumeMount()
                                .withNewReadinessProbe()
                                    .withNewExec().withCommand("cat", "/snapshot-control/ready-for-snapshot").endExec()
                                    .withPeriodSeconds(1)
                                .endReadinessProbe()
                            .endContainer()
                            .addNewContainer()
                                .withName("sidecar").withImage("proxy:1")
                                .withNewReadinessProbe().withNewTcpSocket().withNewPort(15000).endTcpSocket().endReadinessProbe()
                            .endContainer()
                        .endSpec()
                    .endTemplate()
                .endSpec()
                .build();
    }

    private static Job build(PodTemplateSpec template, CheckpointJobOptions options) {
        return CheckpointJobBuilder.build(template, "abc", "1", "main", options);
    }

    @Test
    void buildsTheGoldenJob() {
        assertThat(build(template(), OPTIONS)).isEqualTo(golden());
    }

    @Test
    void neverMutatesItsInput() {
        PodTemplateSpec input = template();
        build(input, OPTIONS.withLaunchJobWrap(true).withOwnerLabel("ckpt"));
        assertThat(input).isEqualTo(template());
    }

    @Test
    void isIdempotentOnItsOwnOutput() {
        Job once = build(template(), OPTIONS.withLaunchJobWrap(true).withOwnerLabel("ckpt"));
        Job twice = build(once.getSpec().getTemplate(), OPTIONS.withLaunchJobWrap(true).withOwnerLabel("ckpt"));
        assertThat(twice).isEqualTo(once);
    }

    /** Each case: options and template edits, and the edit the golden Job needs to match. */
    static Stream<Arguments> variants() {
        return Stream.of(
                argumentSet("empty seccomp profile leaves the security context as it was",
                        OPTIONS.withSeccompProfile(""), same(),
                        job(j -> j.editSpec().editTemplate().editSpec().editSecurityContext()
                                .withSeccompProfile(null).endSecurityContext().endSpec().endTemplate().endSpec())),
                argumentSet("custom deadline",
                        OPTIONS.withActiveDeadlineSeconds(7200), same(),
                        job(j -> j.editSpec().withActiveDeadlineSeconds(7200L).endSpec())),
                argumentSet("owner label goes on the pod template only",
                        OPTIONS.withOwnerLabel("my-checkpoint"), same(),
                        job(j -> j.editSpec().editTemplate().editMetadata()
                                .addToLabels("nvidia.com/snapshot-owner", "my-checkpoint").endMetadata().endTemplate().endSpec())),
                argumentSet("shared memory disabled adds no volume or mount",
                        OPTIONS.withSharedMemory(SharedMemory.disabled()), same(),
                        job(j -> j.editSpec().editTemplate().editSpec()
                                .removeMatchingFromVolumes(v -> "shared-memory".equals(v.getName()))
                                .editFirstContainer().removeMatchingFromVolumeMounts(m -> "shared-memory".equals(m.getName()))
                                .endContainer().endSpec().endTemplate().endSpec())),
                argumentSet("custom shared memory size",
                        OPTIONS.withSharedMemory(SharedMemory.ofSize("16Gi")), same(),
                        job(j -> j.editSpec().editTemplate().editSpec().editMatchingVolume(v -> "shared-memory".equals(v.getName()))
                                .editEmptyDir().withSizeLimit(new Quantity("16Gi")).endEmptyDir().endVolume()
                                .endSpec().endTemplate().endSpec())),
                argumentSet("restore metadata and a stale eligible label are removed",
                        OPTIONS, tmpl(t -> t.editMetadata()
                                .addToLabels("nvidia.com/snapshot-is-restore-target", "true")
                                .addToLabels("nvidia.com/snapshot-capture-eligible", "true")
                                .addToAnnotations("nvidia.com/snapshot-restore-status.main", "completed")
                                .addToAnnotations("nvidia.com/snapshot-restore-container-id.main", "abc123")
                                .addToAnnotations("nvidia.com/snapshot-restore-status", "completed")
                                .addToAnnotations("nvidia.com/snapshot-restore-container-id", "abc123")
                                .endMetadata()),
                        same()),
                argumentSet("a previous checkpoint's ID, version and source label are overwritten",
                        OPTIONS, tmpl(t -> t.editMetadata()
                                .addToLabels("nvidia.com/snapshot-checkpoint-id", "old")
                                .addToLabels("nvidia.com/snapshot-is-checkpoint-source", "true")
                                .addToAnnotations("nvidia.com/snapshot-artifact-version", "7")
                                .endMetadata()),
                        same()));
    }

    @ParameterizedTest
    @MethodSource("variants")
    void variant(CheckpointJobOptions options, UnaryOperator<PodTemplateSpecBuilder> templateEdit,
                 UnaryOperator<JobBuilder> expectedEdit) {
        Job job = build(templateEdit.apply(new PodTemplateSpecBuilder(template())).build(), options);
        assertThat(job).isEqualTo(expectedEdit.apply(new JobBuilder(golden())).build());
    }

    @Test
    void targetCanComeFromTheTemplateAnnotation() {
        PodTemplateSpec t = new PodTemplateSpecBuilder(template()).editMetadata()
                .addToAnnotations("nvidia.com/snapshot-target-containers", "sidecar").endMetadata().build();
        Job job = CheckpointJobBuilder.build(t, "abc", "", null, OPTIONS);
        PodSpec spec = job.getSpec().getTemplate().getSpec();
        assertThat(spec.getContainers().get(0)).as("main untouched").isEqualTo(template().getSpec().getContainers().get(0));
        assertThat(spec.getContainers().get(1).getReadinessProbe()).isEqualTo(CheckpointJobBuilder.readyForSnapshotProbe());
        assertThat(spec.getContainers().get(1).getVolumeMounts()).extracting("name")
                .containsExactly("snapshot-control", "shared-memory");
        assertThat(job.getSpec().getTemplate().getMetadata().getAnnotations())
                .containsEntry("nvidia.com/snapshot-target-containers", "sidecar")
                .containsEntry("nvidia.com/snapshot-artifact-version", "1");
    }

    static Stream<Arguments> targetErrors() {
        return Stream.of(
                argumentSet("no target and no annotation", template(), null,
                        "checkpoint needs a target container: none was given and the pod template has no "
                                + "nvidia.com/snapshot-target-containers annotation"),
                argumentSet("target not in the template", template(), "engine",
                        "checkpoint target container engine not found in the pod template (containers: main, sidecar)"),
                argumentSet("annotation names two containers", new PodTemplateSpecBuilder(template()).editMetadata()
                                .addToAnnotations("nvidia.com/snapshot-target-containers", "main,sidecar").endMetadata().build(),
                        " ",
                        "checkpoint needs exactly one target container, but nvidia.com/snapshot-target-containers names 2 "
                                + "(main, sidecar); set the target container explicitly"),
                argumentSet("annotation is malformed", new PodTemplateSpecBuilder(template()).editMetadata()
                                .addToAnnotations("nvidia.com/snapshot-target-containers", "main,").endMetadata().build(),
                        null,
                        "nvidia.com/snapshot-target-containers \"main,\" has an empty container name at position 2"),
                argumentSet("template without containers", new PodTemplateSpecBuilder().withNewSpec().endSpec().build(), "main",
                        "checkpoint pod template has no containers"));
    }

    @ParameterizedTest
    @MethodSource("targetErrors")
    void rejectsABadTarget(PodTemplateSpec t, String target, String message) {
        assertThatThrownBy(() -> CheckpointJobBuilder.build(t, "abc", "1", target, OPTIONS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void rejectsAnEmptyCheckpointId() {
        assertThatThrownBy(() -> CheckpointJobBuilder.build(template(), " ", "1", "main", OPTIONS))
                .hasMessage("checkpoint ID must not be empty");
    }

    @Test
    void launchJobWrapsTheTargetEntrypoint() {
        Container main = build(template(), OPTIONS.withLaunchJobWrap(true)).getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(main.getCommand()).containsExactly("cuda-checkpoint");
        assertThat(main.getArgs()).containsExactly("--launch-job", "/bin/sh", "-c", LaunchJob.SCRIPT,
                "dynamo-cuda-checkpoint", "/snapshot-control/cuda-checkpoint-job", "python3", "-m", "worker", "--model", "m");
    }

    @Test
    void launchJobWrappingNeedsACommand() {
        PodTemplateSpec t = new PodTemplateSpecBuilder(template()).editSpec().editFirstContainer()
                .withCommand((List<String>) null).endContainer().endSpec().build();
        assertThatThrownBy(() -> build(t, OPTIONS.withLaunchJobWrap(true)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("launch-job wrapping needs container main to set command: the image entrypoint cannot be "
                        + "wrapped; set command (and args) explicitly");
    }

    @Test
    void aTemplateThatMountsItsOwnDevShmKeepsIt() {
        PodTemplateSpec t = new PodTemplateSpecBuilder(template()).editSpec()
                .addNewVolume().withName("dshm").withNewEmptyDir().withMedium("Memory").endEmptyDir().endVolume()
                .editFirstContainer().addNewVolumeMount().withName("dshm").withMountPath("/dev/shm").endVolumeMount()
                .endContainer().endSpec().build();
        PodSpec spec = build(t, OPTIONS).getSpec().getTemplate().getSpec();
        assertThat(spec.getVolumes()).extracting("name").containsExactly("dshm", "snapshot-control");
        assertThat(spec.getContainers().get(0).getVolumeMounts()).extracting("name").containsExactly("dshm", "snapshot-control");
    }

    @Test
    void sharedMemoryFromTheApiSpec() {
        var spec = new io.podsnap.api.v1alpha1.SharedMemorySpec();
        assertThat(SharedMemory.fromSpec(null)).isEqualTo(SharedMemory.DEFAULT);
        assertThat(SharedMemory.fromSpec(spec)).isEqualTo(SharedMemory.ofSize("8Gi"));
        spec.setSize(new Quantity("1Gi"));
        assertThat(SharedMemory.fromSpec(spec)).isEqualTo(SharedMemory.ofSize("1Gi"));
        spec.setDisabled(true);
        assertThat(SharedMemory.fromSpec(spec)).isEqualTo(SharedMemory.disabled());
    }

    private static <T> UnaryOperator<T> same() {
        return UnaryOperator.identity();
    }

    private static UnaryOperator<PodTemplateSpecBuilder> tmpl(UnaryOperator<PodTemplateSpecBuilder> edit) {
        return edit;
    }

    private static UnaryOperator<JobBuilder> job(UnaryOperator<JobBuilder> edit) {
        return edit;
    }

}
