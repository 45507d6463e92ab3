package io.podsnap.operator.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodResourceClaim;
import io.fabric8.kubernetes.api.model.PodResourceClaimBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.resource.v1.DeviceRequest;
import io.fabric8.kubernetes.api.model.resource.v1.DeviceRequestBuilder;
import io.fabric8.kubernetes.api.model.resource.v1.ResourceClaim;
import io.fabric8.kubernetes.api.model.resource.v1.ResourceClaimBuilder;
import io.fabric8.kubernetes.api.model.resource.v1.ResourceClaimTemplate;
import io.fabric8.kubernetes.api.model.resource.v1.ResourceClaimTemplateBuilder;
import io.podsnap.api.v1alpha1.DynamoCheckpoint;
import io.podsnap.api.v1alpha1.DynamoCheckpointIdentity;
import io.podsnap.api.v1alpha1.DynamoCheckpointJobConfig;
import io.podsnap.api.v1alpha1.DynamoCheckpointSpec;
import io.podsnap.api.v1alpha1.GPUMemoryServiceSpec;
import io.podsnap.api.v1alpha1.SharedMemorySpec;
import io.podsnap.operator.config.OperatorConfig;
import io.podsnap.protocol.checkpoint.LaunchJob;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CheckpointJobFactoryTest {

    private static final String ID = "abc123";
    private static final OperatorConfig CONFIG = OperatorConfig.defaults();

    /** A prepared worker pod: target {@code main} with probes and its own env, and a metrics sidecar. */
    private static PodTemplateSpec template() {
        return new PodTemplateSpecBuilder()
                .withNewMetadata()
                    .addToLabels("app", "worker")
                    .addToLabels("nvidia.com/dynamo-namespace", "dyn-ns")
                .endMetadata()
                .withNewSpec()
                    .withNewSecurityContext().withRunAsUser(1000L).withFsGroup(2000L).endSecurityContext()
                    .addNewContainer()
                        .withName("main").withImage("worker:1")
                        .withCommand("python3", "-m", "dynamo.vllm").withArgs("--model", "m")
                        .addNewEnv().withName("NATS_SERVER").withValue("nats://nats:4222").endEnv()
                        .addNewEnv().withName("DYN_SYSTEM_PORT").withValue("9090").endEnv()
                        .withNewReadinessProbe().withNewHttpGet().withPath("/ready").withNewPort(9090).endHttpGet().endReadinessProbe()
                        .withNewLivenessProbe().withNewHttpGet().withPath("/live").withNewPort(9090).endHttpGet().endLivenessProbe()
                        .withNewStartupProbe().withNewHttpGet().withPath("/start").withNewPort(9090).endHttpGet().endStartupProbe()
                    .endContainer()
                    .addNewContainer()
                        .withName("metrics").withImage("exporter:1")
                        .withNewReadinessProbe().withNewTcpSocket().withNewPort(9400).endTcpSocket().endReadinessProbe()
                        .withNewLivenessProbe().withNewTcpSocket().withNewPort(9400).endTcpSocket().endLivenessProbe()
                    .endContainer()
                .endSpec()
                .build();
    }

    private static DynamoCheckpoint checkpoint() {
        DynamoCheckpoint checkpoint = new DynamoCheckpoint();
        checkpoint.setMetadata(new ObjectMetaBuilder().withName("llama").withNamespace("inference").build());
        DynamoCheckpointJobConfig job = new DynamoCheckpointJobConfig();
        job.setPodTemplateSpec(template());
        DynamoCheckpointSpec spec = new DynamoCheckpointSpec();
        spec.setJob(job);
        checkpoint.setSpec(spec);
        return checkpoint;
    }

    private static DynamoCheckpoint checkpoint(Consumer<DynamoCheckpoint> edit) {
        DynamoCheckpoint checkpoint = checkpoint();
        edit.accept(checkpoint);
        return checkpoint;
    }

    /** The golden Job of {@link #checkpoint()} under the default config. */
    private static Job golden() {
        return new JobBuilder()
                .withNewMetadata()
                    .withName("checkpoint-job-abc123-1").withNamespace("inference")
                    .addToLabels("nvidia.com/snapshot-checkpoint-id", ID)
                .endMetadata()
                .withNewSpec()
                    .withBackoffLimit(0)
                    .withActiveDeadlineSeconds(3600L)
                    .withNewTemplate()
                        .withNewMetadata()
                            .addToLabels("app", "worker")
                            .addToLabels("nvidia.com/dynamo-namespace", "dyn-ns")
                            .addToLabels("nvidia.com/snapshot-is-checkpoint-source", "true")
                            .addToLabels("nvidia.com/snapshot-checkpoint-id", ID)
                            .addToLabels("nvidia.com/snapshot-owner", "llama")
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
                            .addToVolumes(CheckpointJobPodInfo.volume())
                            .addNewContainer()
                                .withName("main").withImage("worker:1")
                                .withCommand("python3", "-m", "dynamo.vllm").withArgs("--model", "m")
                                .addNewEnv().withName("NATS_SERVER").withValue("nats://nats:4222").endEnv()
                                .addNewEnv().withName("DYN_SYSTEM_PORT").withValue("9090").endEnv()
                                .addNewEnv().withName("SNAPSHOT_CONTROL_DIR").withValue("/snapshot-control").endEnv()
                                .addNewEnv().withName("DYN_SNAPSHOT_CONTROL_DIR").withValue("/snapshot-control").endEnv()
                                .addNewVolumeMount().withName("snapshot-control").withMountPath("/snapshot-control")
                                    .withSubPath("main").endVolumeMount()
                                .addNewVolumeMount().withName("shared-memory").withMountPath("/dev/shm").endVolumeMount()
                                .addNewVolumeMount().withName("podinfo").withMountPath("/etc/podinfo")
                                    .withReadOnly(true).endVolumeMount()
                                .withNewReadinessProbe()
                                    .withNewExec().withCommand("cat", "/snapshot-control/ready-for-snapshot").endExec()
                                    .withPeriodSeconds(1)
                                .endReadinessProbe()
                            .endContainer()
                            .addToContainers(template().getSpec().getContainers().get(1))
                        .endSpec()
                    .endTemplate()
                .endSpec()
                .build();
    }

    private static Job build(DynamoCheckpoint checkpoint) {
        return CheckpointJobFactory.desiredJob(checkpoint, ID, CONFIG);
    }

    private static PodSpec pod(Job job) {
        return job.getSpec().getTemplate().getSpec();
    }

    private static Container container(Job job, String name) {
        return pod(job).getContainers().stream().filter(c -> name.equals(c.getName())).findFirst().orElseThrow();
    }

    @Test
    void buildsTheGoldenJob() {
        assertThat(build(checkpoint())).isEqualTo(golden());
    }

    @Test
    void buildingTwiceGivesEqualJobsAndLeavesTheCheckpointAlone() {
        DynamoCheckpoint checkpoint = checkpoint(c -> c.getSpec().getJob().getPodTemplateSpec().getSpec()
                .getContainers().get(0).setResources(new ResourceRequirementsBuilder()
                        .addToLimits("nvidia.com/gpu", new Quantity("2")).build()));
        Job first = build(checkpoint);
        Job second = build(checkpoint);
        assertThat(second).isEqualTo(first);
        assertThat(checkpoint).isEqualTo(checkpoint(c -> c.getSpec().getJob().getPodTemplateSpec().getSpec()
                .getContainers().get(0).setResources(new ResourceRequirementsBuilder()
                        .addToLimits("nvidia.com/gpu", new Quantity("2")).build())));
    }

    /** The §14 {@code buildCheckpointJob} checklist, asserted on the Job built from {@link #checkpoint()}. */
    static Stream<Arguments> checklist() {
        return Stream.of(
                argumentSet("ID and source labels on the pod, ID label on the Job", check(job -> {
                    assertThat(job.getMetadata().getLabels()).containsEntry("nvidia.com/snapshot-checkpoint-id", ID);
                    assertThat(job.getSpec().getTemplate().getMetadata().getLabels())
                            .containsEntry("nvidia.com/snapshot-checkpoint-id", ID)
                            .containsEntry("nvidia.com/snapshot-is-checkpoint-source", "true")
                            .containsEntry("nvidia.com/snapshot-owner", "llama");
                })),
                argumentSet("control env on the target", check(job -> assertThat(container(job, "main").getEnv())
                        .extracting("name", "value")
                        .contains(tuple("SNAPSHOT_CONTROL_DIR", "/snapshot-control"),
                                tuple("DYN_SNAPSHOT_CONTROL_DIR", "/snapshot-control")))),
                argumentSet("user env kept in place and first", check(job -> assertThat(container(job, "main").getEnv())
                        .startsWith(template().getSpec().getContainers().get(0).getEnv().toArray(new EnvVar[0])))),
                argumentSet("no POD_NAME or other identity env injected", check(job -> assertThat(container(job, "main").getEnv())
                        .extracting("name")
                        .containsExactly("NATS_SERVER", "DYN_SYSTEM_PORT", "SNAPSHOT_CONTROL_DIR", "DYN_SNAPSHOT_CONTROL_DIR"))),
                argumentSet("seccomp Localhost with runAsUser and fsGroup preserved", check(job -> {
                    var sc = pod(job).getSecurityContext();
                    assertThat(sc.getSeccompProfile().getType()).isEqualTo("Localhost");
                    assertThat(sc.getSeccompProfile().getLocalhostProfile()).isEqualTo("profiles/block-iouring.json");
                    assertThat(sc.getRunAsUser()).isEqualTo(1000L);
                    assertThat(sc.getFsGroup()).isEqualTo(2000L);
                })),
                argumentSet("readiness probe cats the ready file", check(job ->
                        assertThat(container(job, "main").getReadinessProbe().getExec().getCommand())
                                .containsExactly("cat", "/snapshot-control/ready-for-snapshot"))),
                argumentSet("liveness and startup probes cleared on the target", check(job -> {
                    assertThat(container(job, "main").getLivenessProbe()).isNull();
                    assertThat(container(job, "main").getStartupProbe()).isNull();
                })),
                argumentSet("podinfo, shared memory and control mount (subPath main)", check(job -> {
                    assertThat(pod(job).getVolumes()).extracting("name")
                            .containsExactly("snapshot-control", "shared-memory", "podinfo");
                    assertThat(container(job, "main").getVolumeMounts()).extracting("name", "mountPath", "subPath", "readOnly")
                            .containsExactly(
                                    tuple("snapshot-control", "/snapshot-control", "main", null),
                                    tuple("shared-memory", "/dev/shm", null, null),
                                    tuple("podinfo", "/etc/podinfo", null, true));
                    assertThat(pod(job).getVolumes().get(2).getDownwardAPI().getItems())
                            .extracting("path", "fieldRef.fieldPath")
                            .containsExactly(
                                    tuple("pod_name", "metadata.name"),
                                    tuple("pod_uid", "metadata.uid"),
                                    tuple("pod_namespace", "metadata.namespace"),
                                    tuple("dyn_namespace", "metadata.labels['nvidia.com/dynamo-namespace']"),
                                    tuple("dyn_namespace_worker_suffix", "metadata.labels['nvidia.com/dynamo-worker-hash']"),
                                    tuple("dyn_component", "metadata.labels['nvidia.com/dynamo-component-type']"),
                                    tuple("dyn_parent_dgd_k8s_name", "metadata.labels['nvidia.com/dynamo-graph-deployment-name']"),
                                    tuple("dyn_parent_dgd_k8s_namespace", "metadata.namespace"));
                })),
                argumentSet("no checkpoint PVC on the Job", check(job -> {
                    assertThat(pod(job).getVolumes()).allMatch(v -> v.getPersistentVolumeClaim() == null);
                    assertThat(pod(job).getVolumes()).extracting("name").doesNotContain("checkpoint-storage");
                })),
                argumentSet("service account left empty", check(job -> {
                    assertThat(pod(job).getServiceAccountName()).isNull();
                    assertThat(pod(job).getServiceAccount()).isNull();
                })),
                argumentSet("restartPolicy Never", check(job -> assertThat(pod(job).getRestartPolicy()).isEqualTo("Never"))),
                argumentSet("image, command and args kept", check(job -> {
                    assertThat(container(job, "main").getImage()).isEqualTo("worker:1");
                    assertThat(container(job, "main").getCommand()).containsExactly("python3", "-m", "dynamo.vllm");
                    assertThat(container(job, "main").getArgs()).containsExactly("--model", "m");
                })),
                argumentSet("deadline 3600 by default", check(job ->
                        assertThat(job.getSpec().getActiveDeadlineSeconds()).isEqualTo(3600L))),
                argumentSet("backoffLimit 0", check(job -> assertThat(job.getSpec().getBackoffLimit()).isZero())),
                argumentSet("no TTL: the controller deletes the Job", check(job ->
                        assertThat(job.getSpec().getTtlSecondsAfterFinished()).isNull())),
                argumentSet("one GPU: not wrapped", check(job -> assertThat(LaunchJob.isWrapped(container(job, "main"))).isFalse())),
                argumentSet("sidecars untouched", check(job ->
                        assertThat(container(job, "metrics")).isEqualTo(template().getSpec().getContainers().get(1)))));
    }

    @ParameterizedTest
    @MethodSource("checklist")
    void checklist(Consumer<Job> check) {
        check.accept(build(checkpoint()));
    }

    /** Each case: a checkpoint (or config) edit, and the edit the golden Job needs to match. */
    static Stream<Arguments> variants() {
        return Stream.of(
                argumentSet("custom deadline 7200 is copied",
                        edit(c -> c.getSpec().getJob().setActiveDeadlineSeconds(7200L)), CONFIG,
                        job(j -> j.editSpec().withActiveDeadlineSeconds(7200L).endSpec())),
                argumentSet("backoffLimit 3 and a TTL in the spec are ignored",
                        edit(c -> {
                            c.getSpec().getJob().setBackoffLimit(3);
                            c.getSpec().getJob().setTtlSecondsAfterFinished(600);
                        }), CONFIG, same()),
                argumentSet("TP=2 in the deprecated identity does not wrap",
                        edit(c -> {
                            DynamoCheckpointIdentity identity = new DynamoCheckpointIdentity();
                            identity.setModel("m");
                            identity.setBackendFramework("vllm");
                            identity.setTensorParallelSize(2);
                            identity.setPipelineParallelSize(2);
                            c.getSpec().setIdentity(identity);
                        }), CONFIG, same()),
                argumentSet("shared memory disabled: no volume, no mount",
                        edit(c -> c.getSpec().getJob().setSharedMemory(shm(true, null))), CONFIG,
                        job(j -> j.editSpec().editTemplate().editSpec()
                                .removeMatchingFromVolumes(v -> "shared-memory".equals(v.getName()))
                                .editFirstContainer().removeMatchingFromVolumeMounts(m -> "shared-memory".equals(m.getName()))
                                .endContainer().endSpec().endTemplate().endSpec())),
                argumentSet("custom shared memory size 16Gi preserved",
                        edit(c -> c.getSpec().getJob().setSharedMemory(shm(false, "16Gi"))), CONFIG,
                        job(j -> j.editSpec().editTemplate().editSpec()
                                .editMatchingVolume(v -> "shared-memory".equals(v.getName()))
                                .editEmptyDir().withSizeLimit(new Quantity("16Gi")).endEmptyDir().endVolume()
                                .endSpec().endTemplate().endSpec())),
                argumentSet("shared memory without a size gets the 8Gi default",
                        edit(c -> c.getSpec().getJob().setSharedMemory(shm(false, null))), CONFIG, same()),
                argumentSet("empty seccomp profile in the config leaves the security context as it was",
                        sameEdit(), new OperatorConfig(CONFIG.watchNamespaces(), true, false, "", CONFIG.cleanupImage(),
                                Optional.empty(), true, "lease", "default", 8080),
                        job(j -> j.editSpec().editTemplate().editSpec().editSecurityContext()
                                .withSeccompProfile(null).endSecurityContext().endSpec().endTemplate().endSpec())),
                argumentSet("artifact version 2 names the Job and annotates the pod",
                        edit(c -> c.getMetadata().setAnnotations(Map.of("nvidia.com/snapshot-artifact-version", "2"))),
                        CONFIG,
                        job(j -> j.editMetadata().withName("checkpoint-job-abc123-2").endMetadata()
                                .editSpec().editTemplate().editMetadata()
                                .addToAnnotations("nvidia.com/snapshot-artifact-version", "2")
                                .endMetadata().endTemplate().endSpec())),
                argumentSet("blank artifact version means 1",
                        edit(c -> c.getMetadata().setAnnotations(Map.of("nvidia.com/snapshot-artifact-version", " "))),
                        CONFIG, same()),
                argumentSet("a service account in the template is kept",
                        edit(c -> c.getSpec().getJob().getPodTemplateSpec().getSpec().setServiceAccountName("worker-sa")),
                        CONFIG,
                        job(j -> j.editSpec().editTemplate().editSpec().withServiceAccountName("worker-sa")
                                .endSpec().endTemplate().endSpec())),
                argumentSet("prepared env NATS_SERVER and DYN_SYSTEM_PORT with other values are not overridden",
                        edit(c -> c.getSpec().getJob().getPodTemplateSpec().getSpec().getContainers().get(0).setEnv(
                                new ArrayList<>(List.of(env("NATS_SERVER", "nats://other:4222"), env("DYN_SYSTEM_PORT", "8081"))))),
                        CONFIG,
                        job(j -> j.editSpec().editTemplate().editSpec().editFirstContainer()
                                .editMatchingEnv(e -> "NATS_SERVER".equals(e.getName())).withValue("nats://other:4222").endEnv()
                                .editMatchingEnv(e -> "DYN_SYSTEM_PORT".equals(e.getName())).withValue("8081").endEnv()
                                .endContainer().endSpec().endTemplate().endSpec())),
                argumentSet("2 GPUs in limits: cuda-checkpoint --launch-job wraps the target",
                        edit(c -> main(c).setResources(gpus("2"))), CONFIG,
                        job(j -> j.editSpec().editTemplate().editSpec().editFirstContainer()
                                .withResources(gpus("2"))
                                .withCommand("cuda-checkpoint")
                                .withArgs(wrappedArgs())
                                .endContainer().endSpec().endTemplate().endSpec())),
                argumentSet("1 GPU in limits: not wrapped",
                        edit(c -> main(c).setResources(gpus("1"))), CONFIG,
                        job(j -> j.editSpec().editTemplate().editSpec().editFirstContainer()
                                .withResources(gpus("1")).endContainer().endSpec().endTemplate().endSpec())));
    }

    @ParameterizedTest
    @MethodSource("variants")
    void variant(Consumer<DynamoCheckpoint> checkpointEdit, OperatorConfig config, UnaryOperator<JobBuilder> expectedEdit) {
        Job job = CheckpointJobFactory.desiredJob(checkpoint(checkpointEdit), ID, config);
        assertThat(job).isEqualTo(expectedEdit.apply(new JobBuilder(golden())).build());
    }

    @Test
    void targetContainerNameWorkerShapesOnlyTheWorker() {
        DynamoCheckpoint checkpoint = checkpoint(c -> {
            c.getSpec().getJob().setTargetContainerName("worker");
            main(c).setName("worker");
        });
        Job job = build(checkpoint);
        Container worker = container(job, "worker");
        assertThat(worker.getReadinessProbe().getExec().getCommand())
                .containsExactly("cat", "/snapshot-control/ready-for-snapshot");
        assertThat(worker.getEnv()).extracting("name").contains("SNAPSHOT_CONTROL_DIR");
        assertThat(worker.getVolumeMounts()).extracting("name", "subPath")
                .contains(tuple("snapshot-control", "worker"));
        assertThat(container(job, "metrics")).isEqualTo(template().getSpec().getContainers().get(1));
        assertThat(job.getSpec().getTemplate().getMetadata().getAnnotations())
                .containsEntry("nvidia.com/snapshot-target-containers", "worker");
    }

    private static final String NS = "inference";

    /** Each case: pod and GMS edits, the templates and claims the caller found, and whether the target is wrapped. */
    static Stream<Arguments> draCases() {
        return Stream.of(
                argumentSet("template with 2 gpu.nvidia.com devices wraps",
                        edit(c -> useClaim(c, "gpu", "gpu-template", null)),
                        Map.of("gpu-template", template("gpu-template", exact("gpus", "gpu.nvidia.com", 2L))), Map.of(), true),
                argumentSet("template with 1 gpu.nvidia.com device does not wrap",
                        edit(c -> useClaim(c, "gpu", "gpu-template", null)),
                        Map.of("gpu-template", template("gpu-template", exact("gpus", "gpu.nvidia.com", 1L))), Map.of(), false),
                argumentSet("unset count means one device",
                        edit(c -> useClaim(c, "gpu", "gpu-template", null)),
                        Map.of("gpu-template", template("gpu-template", exact("gpus", "gpu.nvidia.com", null))), Map.of(), false),
                argumentSet("custom DeviceClass is counted when it is the GMS class",
                        edit(c -> {
                            useClaim(c, "gpu", "gpu-template", null);
                            c.getSpec().setGpuMemoryService(gms("gpu.example.com"));
                        }),
                        Map.of("gpu-template", template("gpu-template", exact("gpus", "gpu.example.com", 2L))), Map.of(), true),
                argumentSet("custom DeviceClass is not counted without a matching GMS class",
                        edit(c -> {
                            useClaim(c, "gpu", "gpu-template", null);
                            c.getSpec().setGpuMemoryService(gms("other.example.com"));
                        }),
                        Map.of("gpu-template", template("gpu-template", exact("gpus", "gpu.example.com", 2L))), Map.of(), false),
                argumentSet("two claims of one GPU each add up to two",
                        edit(c -> {
                            useClaim(c, "gpu-a", "one-gpu", null);
                            useClaim(c, "gpu-b", "one-gpu", null);
                        }),
                        Map.of("one-gpu", template("one-gpu", exact("gpus", "gpu.nvidia.com", 1L))), Map.of(), true),
                argumentSet("one claim referenced twice is counted once",
                        edit(c -> {
                            useClaim(c, "gpu", "gpu-template", null);
                            main(c).getResources().getClaims().add(
                                    new io.fabric8.kubernetes.api.model.ResourceClaim("gpu", null));
                        }),
                        Map.of("gpu-template", template("gpu-template", exact("gpus", "gpu.nvidia.com", 1L))), Map.of(), false),
                argumentSet("only the request the container names is counted",
                        edit(c -> useClaim(c, "gpu", "mixed", "small")),
                        Map.of("mixed", template("mixed", exact("small", "gpu.nvidia.com", 1L),
                                exact("large", "gpu.nvidia.com", 4L))), Map.of(), false),
                argumentSet("firstAvailable counts its largest GPU alternative",
                        edit(c -> useClaim(c, "gpu", "either", null)),
                        Map.of("either", new ResourceClaimTemplateBuilder(template("either"))
                                .editSpec().editSpec().editDevices().addNewRequest().withName("gpus")
                                .addNewFirstAvailable().withName("big").withDeviceClassName("gpu.nvidia.com").withCount(2L).endFirstAvailable()
                                .addNewFirstAvailable().withName("small").withDeviceClassName("gpu.nvidia.com").withCount(1L).endFirstAvailable()
                                .endRequest().endDevices().endSpec().endSpec().build()), Map.of(), true),
                argumentSet("non-GPU requests are not counted",
                        edit(c -> useClaim(c, "nic", "nic-template", null)),
                        Map.of("nic-template", template("nic-template", exact("nics", "rdma.example.com", 4L))), Map.of(), false),
                argumentSet("a scalar GPU limit wins over DRA claims",
                        edit(c -> {
                            useClaim(c, "gpu", "not-looked-up", null);
                            main(c).getResources().setLimits(Map.of("nvidia.com/gpu", new Quantity("1")));
                        }),
                        Map.of(), Map.of(), false),
                argumentSet("a ResourceClaim named by the pod is counted",
                        edit(c -> useClaimName(c, "gpu", "shared-gpus")),
                        Map.of(), Map.of("shared-gpus", claim("shared-gpus", exact("gpus", "gpu.nvidia.com", 8L))), true));
    }

    @ParameterizedTest
    @MethodSource("draCases")
    void draClaimsDecideWrapping(Consumer<DynamoCheckpoint> edit, Map<String, ResourceClaimTemplate> templates,
                                 Map<String, ResourceClaim> claims, boolean wrapped) {
        Job job = CheckpointJobFactory.desiredJob(checkpoint(edit), ID, CONFIG, templates, claims);
        assertThat(LaunchJob.isWrapped(container(job, "main"))).isEqualTo(wrapped);
        if (wrapped) {
            assertThat(container(job, "main").getArgs()).isEqualTo(wrappedArgs());
        }
    }

    @Test
    void theTemplateOverloadCountsTemplates() {
        Job job = CheckpointJobFactory.desiredJob(checkpoint(c -> useClaim(c, "gpu", "gpu-template", null)), ID, CONFIG,
                Map.of("gpu-template", template("gpu-template", exact("gpus", "gpu.nvidia.com", 2L))));
        assertThat(LaunchJob.isWrapped(container(job, "main"))).isTrue();
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                argumentSet("referenced template missing",
                        edit(c -> useClaim(c, "gpu", "gpu-template", null)), Map.of(),
                        "failed to get ResourceClaimTemplate inference/gpu-template (pod resource claim \"gpu\"): not found; "
                                + "the checkpoint counts the GPUs of the target container from its device requests, so it "
                                + "must exist in namespace inference"),
                argumentSet("referenced ResourceClaim missing",
                        edit(c -> useClaimName(c, "gpu", "shared-gpus")), Map.of(),
                        "failed to get ResourceClaim inference/shared-gpus (pod resource claim \"gpu\"): not found; "
                                + "the checkpoint counts the GPUs of the target container from its device requests, so it "
                                + "must exist in namespace inference"),
                argumentSet("container claim without a pod claim",
                        edit(c -> main(c).setResources(new ResourceRequirementsBuilder()
                                .addNewClaim("gpu", null).build())), Map.of(),
                        "container main uses resource claim \"gpu\", but the pod template has no resourceClaims entry of "
                                + "that name; add it to spec.job.podTemplateSpec.spec.resourceClaims"),
                argumentSet("allocationMode All",
                        edit(c -> useClaim(c, "gpu", "all", null)),
                        Map.of("all", new ResourceClaimTemplateBuilder(template("all", exact("gpus", "gpu.nvidia.com", null)))
                                .editSpec().editSpec().editDevices().editFirstRequest().editExactly()
                                .withAllocationMode("All").endExactly().endRequest().endDevices().endSpec().endSpec().build()),
                        "device request \"gpus\" of ResourceClaimTemplate inference/all uses allocationMode All, so the "
                                + "number of GPUs is only known after scheduling and the checkpoint cannot decide whether to "
                                + "run the target under cuda-checkpoint --launch-job; request an exact count instead"),
                argumentSet("named request not in the template",
                        edit(c -> useClaim(c, "gpu", "gpu-template", "large")),
                        Map.of("gpu-template", template("gpu-template", exact("gpus", "gpu.nvidia.com", 1L))),
                        "device request \"large\" was not found in ResourceClaimTemplate inference/gpu-template (pod "
                                + "resource claim \"gpu\")"),
                argumentSet("2 GPUs without a command cannot be wrapped",
                        edit(c -> {
                            main(c).setCommand(null);
                            main(c).setResources(gpus("2"));
                        }), Map.of(),
                        "launch-job wrapping needs container main to set command: the image entrypoint cannot be "
                                + "wrapped; set command (and args) explicitly"),
                argumentSet("target container missing",
                        edit(c -> c.getSpec().getJob().setTargetContainerName("engine")), Map.of(),
                        "checkpoint target container engine not found in the pod template (containers: main, metrics)"),
                argumentSet("no pod template",
                        edit(c -> c.getSpec().getJob().setPodTemplateSpec(null)), Map.of(),
                        "spec.job.podTemplateSpec is required: it is the pod the checkpoint Job runs and captures"),
                argumentSet("checkpoint name too long for the owner label",
                        edit(c -> c.getMetadata().setName("a".repeat(64))), Map.of(),
                        "DynamoCheckpoint name \"" + "a".repeat(64) + "\" has 64 characters, but it is the value of label "
                                + "nvidia.com/snapshot-owner on the checkpoint pod, which may have at most 63; use a shorter name"));
    }

    @ParameterizedTest
    @MethodSource("errors")
    void rejects(Consumer<DynamoCheckpoint> edit, Map<String, ResourceClaimTemplate> templates, String message) {
        assertThatThrownBy(() -> CheckpointJobFactory.desiredJob(checkpoint(edit), ID, CONFIG, templates))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void theThreeArgumentFormCannotResolveATemplate() {
        assertThatThrownBy(() -> build(checkpoint(c -> useClaim(c, "gpu", "gpu-template", null))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("failed to get ResourceClaimTemplate inference/gpu-template");
    }

    @Test
    void anInvalidCheckpointIdNamesNoJob() {
        assertThatThrownBy(() -> CheckpointJobFactory.desiredJob(checkpoint(), "../x", CONFIG))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("checkpoint ID");
    }

    // ---- fixtures -------------------------------------------------------------------------------------------

    private static Container main(DynamoCheckpoint c) {
        return c.getSpec().getJob().getPodTemplateSpec().getSpec().getContainers().get(0);
    }

    private static EnvVar env(String name, String value) {
        return new EnvVar(name, value, null);
    }

    private static ResourceRequirements gpus(String count) {
        return new ResourceRequirementsBuilder()
                .addToLimits("nvidia.com/gpu", new Quantity(count)).build();
    }

    private static List<String> wrappedArgs() {
        List<String> args = new ArrayList<>(LaunchJob.ARGS_PREFIX);
        args.addAll(List.of("python3", "-m", "dynamo.vllm", "--model", "m"));
        return args;
    }

    private static SharedMemorySpec shm(Boolean disabled, String size) {
        SharedMemorySpec spec = new SharedMemorySpec();
        spec.setDisabled(disabled);
        spec.setSize(size == null ? null : new Quantity(size));
        return spec;
    }

    private static GPUMemoryServiceSpec gms(String deviceClass) {
        GPUMemoryServiceSpec spec = new GPUMemoryServiceSpec();
        spec.setEnabled(true);
        spec.setDeviceClassName(deviceClass);
        return spec;
    }

    /** Adds pod claim {@code name} from template {@code template} and makes the target use it. */
    private static void useClaim(DynamoCheckpoint c, String name, String template, String request) {
        PodSpec pod = c.getSpec().getJob().getPodTemplateSpec().getSpec();
        List<PodResourceClaim> podClaims =
                pod.getResourceClaims() == null ? new ArrayList<>() : new ArrayList<>(pod.getResourceClaims());
        podClaims.add(new PodResourceClaimBuilder()
                .withName(name).withResourceClaimTemplateName(template).build());
        pod.setResourceClaims(podClaims);
        addContainerClaim(c, name, request);
    }

    private static void useClaimName(DynamoCheckpoint c, String name, String claim) {
        PodSpec pod = c.getSpec().getJob().getPodTemplateSpec().getSpec();
        pod.setResourceClaims(new ArrayList<>(List.of(new PodResourceClaimBuilder()
                .withName(name).withResourceClaimName(claim).build())));
        addContainerClaim(c, name, null);
    }

    private static void addContainerClaim(DynamoCheckpoint c, String name, String request) {
        Container main = main(c);
        if (main.getResources() == null) {
            main.setResources(new ResourceRequirements());
        }
        List<io.fabric8.kubernetes.api.model.ResourceClaim> claims = main.getResources().getClaims() == null
                ? new ArrayList<>() : new ArrayList<>(main.getResources().getClaims());
        claims.add(new io.fabric8.kubernetes.api.model.ResourceClaim(name, request));
        main.getResources().setClaims(claims);
    }

    private static DeviceRequest exact(String name, String deviceClass, Long count) {
        return new DeviceRequestBuilder()
                .withName(name)
                .withNewExactly().withDeviceClassName(deviceClass).withCount(count).endExactly()
                .build();
    }

    private static ResourceClaimTemplate template(String name, DeviceRequest... requests) {
        return new ResourceClaimTemplateBuilder()
                .withNewMetadata().withName(name).withNamespace(NS).endMetadata()
                .withNewSpec().withNewSpec().withNewDevices().withRequests(requests).endDevices().endSpec().endSpec()
                .build();
    }

    private static ResourceClaim claim(String name, DeviceRequest... requests) {
        return new ResourceClaimBuilder()
                .withNewMetadata().withName(name).withNamespace(NS).endMetadata()
                .withNewSpec().withNewDevices().withRequests(requests).endDevices().endSpec()
                .build();
    }

    private static Consumer<Job> check(Consumer<Job> check) {
        return check;
    }

    private static Consumer<DynamoCheckpoint> edit(Consumer<DynamoCheckpoint> edit) {
        return edit;
    }

    private static <T> UnaryOperator<T> same() {
        return UnaryOperator.identity();
    }

    private static <T> Consumer<T> sameEdit() {
        return t -> { };
    }

    private static UnaryOperator<JobBuilder> job(UnaryOperator<JobBuilder> edit) {
        return edit;
    }
}
