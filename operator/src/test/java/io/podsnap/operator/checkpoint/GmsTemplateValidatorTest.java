package io.podsnap.operator.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.podsnap.api.v1alpha1.DynamoCheckpoint;
import io.podsnap.api.v1alpha1.DynamoCheckpointJobConfig;
import io.podsnap.api.v1alpha1.DynamoCheckpointSpec;
import io.podsnap.api.v1alpha1.GPUMemoryServiceSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GmsTemplateValidatorTest {

    private static final String P = "spec.job.podTemplateSpec.spec";

    /** A GMS participant: the socket dir env, the shared claim and the shared mount. */
    private static Container wired(String name, String image) {
        return new ContainerBuilder()
                .withName(name).withImage(image)
                .addNewEnv().withName("GMS_SOCKET_DIR").withValue("/gms-intrapod-control").endEnv()
                .withNewResources().addNewClaim("intrapod-shared-gpu", null).endResources()
                .addNewVolumeMount().withName("gms-intrapod-control").withMountPath("/gms-intrapod-control").endVolumeMount()
                .build();
    }

    /** A prepared intra-pod GMS checkpoint: server sidecar, target {@code main}, extra client {@code gms-saver}. */
    private static DynamoCheckpoint prepared() {
        DynamoCheckpoint checkpoint = new DynamoCheckpoint();
        checkpoint.setMetadata(new ObjectMetaBuilder().withName("llama").withNamespace("inference").build());
        DynamoCheckpointJobConfig job = new DynamoCheckpointJobConfig();
        job.setPodTemplateSpec(new PodTemplateSpecBuilder()
                .withNewSpec()
                    .addNewVolume().withName("gms-intrapod-control").withNewEmptyDir().endEmptyDir().endVolume()
                    .addToInitContainers(new ContainerBuilder(wired("gms-server", "worker:1")).withRestartPolicy("Always").build())
                    .addToContainers(wired("main", "worker:1"), wired("gms-saver", "worker:1"))
                    .addNewResourceClaim().withName("intrapod-shared-gpu").withResourceClaimTemplateName("llama-gpu")
                    .endResourceClaim()
                .endSpec()
                .build());
        DynamoCheckpointSpec spec = new DynamoCheckpointSpec();
        spec.setJob(job);
        GPUMemoryServiceSpec gms = new GPUMemoryServiceSpec();
        gms.setEnabled(true);
        gms.setMode("intraPod");
        gms.setExtraClientContainers(new ArrayList<>(List.of("gms-saver")));
        spec.setGpuMemoryService(gms);
        checkpoint.setSpec(spec);
        return checkpoint;
    }

    private static PodSpec pod(DynamoCheckpoint c) {
        return c.getSpec().getJob().getPodTemplateSpec().getSpec();
    }

    private static Container target(DynamoCheckpoint c) {
        return pod(c).getContainers().get(0);
    }

    private static Container server(DynamoCheckpoint c) {
        return pod(c).getInitContainers().get(0);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                argumentSet("prepared template: no problems", edit(c -> { }), List.of()),
                argumentSet("mode unset means intraPod", edit(c -> c.getSpec().getGpuMemoryService().setMode(null)), List.of()),
                argumentSet("GMS disabled: nothing is checked", edit(c -> {
                    c.getSpec().getGpuMemoryService().setEnabled(false);
                    pod(c).setVolumes(null);
                }), List.of()),
                argumentSet("enabled unset: nothing is checked", edit(c -> {
                    c.getSpec().getGpuMemoryService().setEnabled(null);
                    pod(c).setInitContainers(null);
                }), List.of()),
                argumentSet("no GMS spec: nothing is checked", edit(c -> {
                    c.getSpec().setGpuMemoryService(null);
                    pod(c).setResourceClaims(null);
                }), List.of()),
                argumentSet("interPod is not implemented", edit(c -> c.getSpec().getGpuMemoryService().setMode("interPod")),
                        List.of("spec.gpuMemoryService.mode: Unsupported value: \"interPod\": checkpoint Jobs for GPU Memory "
                                + "Service mode interPod are not implemented; supported values: \"intraPod\"")),
                argumentSet("an unknown mode is unsupported", edit(c -> c.getSpec().getGpuMemoryService().setMode("IntraPod")),
                        List.of("spec.gpuMemoryService.mode: Unsupported value: \"IntraPod\": supported values: \"intraPod\"")),
                argumentSet("shared volume missing", edit(c -> pod(c).setVolumes(null)),
                        List.of(P + ".volumes: Required value: volume gms-intrapod-control (an emptyDir shared by "
                                + "gms-server and its clients)")),
                argumentSet("gms-server missing", edit(c -> pod(c).setInitContainers(List.of())),
                        List.of(P + ".initContainers: Required value: gms-server (a restartable init container, "
                                + "restartPolicy Always)")),
                argumentSet("gms-server declared as a regular container", edit(c -> {
                    pod(c).getContainers().add(server(c));
                    pod(c).setInitContainers(null);
                }), List.of(P + ".initContainers: Required value: gms-server (a restartable init container, restartPolicy "
                        + "Always); it is in containers[2], move it to initContainers")),
                argumentSet("gms-server without restartPolicy", edit(c -> server(c).setRestartPolicy(null)),
                        List.of(P + ".initContainers[0].restartPolicy: Required value: Always (gms-server serves its "
                                + "clients while they run)")),
                argumentSet("gms-server with restartPolicy OnFailure", edit(c -> server(c).setRestartPolicy("OnFailure")),
                        List.of(P + ".initContainers[0].restartPolicy: Invalid value: \"OnFailure\": must be Always "
                                + "(gms-server serves its clients while they run)")),
                argumentSet("gms-server without the claim", edit(c -> server(c).getResources().setClaims(null)),
                        List.of(P + ".initContainers[0].resources.claims: Required value: claim intrapod-shared-gpu")),
                argumentSet("target without GMS_SOCKET_DIR", edit(c -> target(c).setEnv(List.of(new EnvVar("A", "b", null)))),
                        List.of(P + ".containers[0].env: Required value: GMS_SOCKET_DIR=/gms-intrapod-control")),
                argumentSet("target with another GMS_SOCKET_DIR", edit(c -> target(c).setEnv(List.of(
                                new EnvVar("A", "b", null), new EnvVar("GMS_SOCKET_DIR", "/tmp", null)))),
                        List.of(P + ".containers[0].env[1].value: Invalid value: \"/tmp\": must be /gms-intrapod-control")),
                argumentSet("target without the claim", edit(c -> target(c).setResources(null)),
                        List.of(P + ".containers[0].resources.claims: Required value: claim intrapod-shared-gpu")),
                argumentSet("target without the mount", edit(c -> target(c).setVolumeMounts(null)),
                        List.of(P + ".containers[0].volumeMounts: Required value: gms-intrapod-control at /gms-intrapod-control")),
                argumentSet("target mounting the volume elsewhere", edit(c -> target(c).setVolumeMounts(List.of(
                                new VolumeMountBuilder().withName("gms-intrapod-control").withMountPath("/gms").build()))),
                        List.of(P + ".containers[0].volumeMounts[0].mountPath: Invalid value: \"/gms\": must be "
                                + "/gms-intrapod-control")),
                argumentSet("extra client missing from the pod", edit(c -> pod(c).getContainers().remove(1)),
                        List.of("spec.gpuMemoryService.extraClientContainers[0]: Not found: \"gms-saver\": no container of "
                                + P + ".containers has this name")),
                argumentSet("extra client present but not wired", edit(c -> pod(c).getContainers()
                                .set(1, new ContainerBuilder().withName("gms-saver").withImage("worker:1").build())),
                        List.of(P + ".containers[1].env: Required value: GMS_SOCKET_DIR=/gms-intrapod-control",
                                P + ".containers[1].resources.claims: Required value: claim intrapod-shared-gpu",
                                P + ".containers[1].volumeMounts: Required value: gms-intrapod-control at /gms-intrapod-control")),
                argumentSet("a container that is no client is not checked", edit(c -> pod(c).getContainers()
                                .add(new ContainerBuilder().withName("metrics").withImage("exporter:1").build())),
                        List.of()),
                argumentSet("pod resource claim missing", edit(c -> pod(c).setResourceClaims(null)),
                        List.of(P + ".resourceClaims: Required value: intrapod-shared-gpu (the DRA claim whose GPUs "
                                + "gms-server and its clients share)")),
                argumentSet("target container missing", edit(c -> c.getSpec().getJob().setTargetContainerName("engine")),
                        List.of("spec.job.targetContainerName: Not found: \"engine\": no container of " + P
                                + ".containers has this name")),
                argumentSet("unprepared template: every problem, in declaration order", edit(c -> {
                    c.getSpec().getJob().setPodTemplateSpec(new PodTemplateSpecBuilder().withNewSpec()
                            .addNewContainer().withName("sidecar").withImage("proxy:1").endContainer()
                            .addNewContainer().withName("main").withImage("worker:1").endContainer()
                            .endSpec().build());
                    c.getSpec().getGpuMemoryService().setExtraClientContainers(List.of("sidecar", "gms-saver"));
                }), List.of(
                        "spec.gpuMemoryService.extraClientContainers[1]: Not found: \"gms-saver\": no container of " + P
                                + ".containers has this name",
                        P + ".volumes: Required value: volume gms-intrapod-control (an emptyDir shared by gms-server and "
                                + "its clients)",
                        P + ".initContainers: Required value: gms-server (a restartable init container, restartPolicy Always)",
                        P + ".containers[0].env: Required value: GMS_SOCKET_DIR=/gms-intrapod-control",
                        P + ".containers[0].resources.claims: Required value: claim intrapod-shared-gpu",
                        P + ".containers[0].volumeMounts: Required value: gms-intrapod-control at /gms-intrapod-control",
                        P + ".containers[1].env: Required value: GMS_SOCKET_DIR=/gms-intrapod-control",
                        P + ".containers[1].resources.claims: Required value: claim intrapod-shared-gpu",
                        P + ".containers[1].volumeMounts: Required value: gms-intrapod-control at /gms-intrapod-control",
                        P + ".resourceClaims: Required value: intrapod-shared-gpu (the DRA claim whose GPUs gms-server "
                                + "and its clients share)")),
                argumentSet("no pod template", edit(c -> c.getSpec().getJob().setPodTemplateSpec(null)),
                        List.of(P + ": Required value: the prepared pod (GMS server, clients and the shared GPU claim)")));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void problems(Consumer<DynamoCheckpoint> edit, List<String> expected) {
        DynamoCheckpoint checkpoint = prepared();
        pod(checkpoint).setContainers(new ArrayList<>(pod(checkpoint).getContainers()));
        edit.accept(checkpoint);
        assertThat(GmsTemplateValidator.problems(checkpoint)).containsExactlyElementsOf(expected);
    }

    private static Consumer<DynamoCheckpoint> edit(Consumer<DynamoCheckpoint> edit) {
        return edit;
    }
}
