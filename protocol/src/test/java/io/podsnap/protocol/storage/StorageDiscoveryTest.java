package io.podsnap.protocol.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.podsnap.testkit.WithMockApi;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@WithMockApi
class StorageDiscoveryTest {

    /** An agent DaemonSet mounting PVC {@code pvc} as volume {@code volume} at {@code path}. */
    private static DaemonSetBuilder agent(String name, String volume, String pvc, String path) {
        return new DaemonSetBuilder()
                .withNewMetadata().withName(name).withNamespace("snap")
                    .addToLabels("app.kubernetes.io/component", "snapshot-agent").endMetadata()
                .withNewSpec().withNewTemplate().withNewSpec()
                    .addNewVolume().withName("host-proc").withNewHostPath().withPath("/proc").endHostPath().endVolume()
                    .addNewVolume().withName(volume).withNewPersistentVolumeClaim().withClaimName(pvc)
                        .endPersistentVolumeClaim().endVolume()
                    .addNewContainer().withName("agent").withImage("snapshot-agent:1")
                        .addNewVolumeMount().withName("host-proc").withMountPath("/host/proc").endVolumeMount()
                        .addNewVolumeMount().withName(volume).withMountPath(path).endVolumeMount()
                    .endContainer()
                .endSpec().endTemplate().endSpec();
    }

    static Stream<Arguments> found() {
        return Stream.of(
                argumentSet("the checkpoints volume of the agent container",
                        List.of(agent("snapshot-agent", "checkpoints", "snapshot-pvc", "/checkpoints/").build()),
                        Storage.pvc("snapshot-pvc", "/checkpoints")),
                argumentSet("checkpoints preferred over another PVC volume listed first",
                        List.of(agent("snapshot-agent", "checkpoints", "snapshot-pvc", "/checkpoints")
                                .editSpec().editTemplate().editSpec()
                                .addToVolumes(0, new io.fabric8.kubernetes.api.model.VolumeBuilder().withName("cache")
                                        .withNewPersistentVolumeClaim().withClaimName("cache-pvc").endPersistentVolumeClaim().build())
                                .editFirstContainer().addToVolumeMounts(0, new io.fabric8.kubernetes.api.model.VolumeMountBuilder()
                                        .withName("cache").withMountPath("/cache").build()).endContainer()
                                .endSpec().endTemplate().endSpec().build()),
                        Storage.pvc("snapshot-pvc", "/checkpoints")),
                argumentSet("DaemonSets are tried in name order, whatever the list order",
                        List.of(agent("b-agent", "checkpoints", "pvc-b", "/b").build(),
                                agent("a-agent", "checkpoints", "pvc-a", "/a").build()),
                        Storage.pvc("pvc-a", "/a")),
                argumentSet("an unusable DaemonSet is skipped for a usable one",
                        List.of(agent("a-agent", "other", "pvc-a", "/a").build(),
                                agent("b-agent", "checkpoints", "pvc-b", "/b").build()),
                        Storage.pvc("pvc-b", "/b")),
                argumentSet("DaemonSets without the component label are ignored",
                        List.of(agent("a-agent", "checkpoints", "pvc-a", "/a").editMetadata().withLabels(null).endMetadata().build(),
                                agent("b-agent", "checkpoints", "pvc-b", "/b").build()),
                        Storage.pvc("pvc-b", "/b")));
    }

    @ParameterizedTest
    @MethodSource("found")
    void finds(List<DaemonSet> daemonSets, Storage expected) {
        assertThat(StorageDiscovery.fromDaemonSets("snap", daemonSets)).isEqualTo(expected);
    }

    static Stream<Arguments> notFound() {
        return Stream.of(
                argumentSet("no DaemonSets", List.of(), "no snapshot-agent daemonset found in namespace snap"),
                argumentSet("only unlabelled DaemonSets",
                        List.of(agent("a", "checkpoints", "p", "/c").editMetadata().withLabels(null).endMetadata().build()),
                        "no snapshot-agent daemonset found in namespace snap"),
                argumentSet("checkpoint volume missing, other PVC mounted",
                        List.of(agent("snapshot-agent", "cache", "cache-pvc", "/cache").build()),
                        "snapshot-agent daemonset snapshot-agent does not mount a PVC-backed checkpoint volume "
                                + "(mounted volumes: host-proc, cache)"),
                argumentSet("checkpoints volume is not PVC-backed",
                        List.of(agent("snapshot-agent", "checkpoints", "p", "/c").editSpec().editTemplate().editSpec()
                                .editMatchingVolume(v -> v.getName().equals("checkpoints")).withPersistentVolumeClaim(null)
                                .withNewHostPath().withPath("/var/ckpt").endHostPath().endVolume()
                                .endSpec().endTemplate().endSpec().build()),
                        "snapshot-agent daemonset snapshot-agent does not mount a PVC-backed checkpoint volume "
                                + "(mounted volumes: host-proc, checkpoints)"),
                argumentSet("checkpoints volume declared but not mounted by the agent",
                        List.of(agent("snapshot-agent", "checkpoints", "p", "/c").editSpec().editTemplate().editSpec()
                                .editFirstContainer().removeMatchingFromVolumeMounts(m -> m.getName().equals("checkpoints"))
                                .endContainer().endSpec().endTemplate().endSpec().build()),
                        "snapshot-agent daemonset snapshot-agent does not mount a PVC-backed checkpoint volume "
                                + "(mounted volumes: host-proc)"),
                argumentSet("mounted only by another container",
                        List.of(agent("snapshot-agent", "checkpoints", "p", "/c").editSpec().editTemplate().editSpec()
                                .editFirstContainer().withName("helper").endContainer()
                                .endSpec().endTemplate().endSpec().build()),
                        "snapshot-agent daemonset snapshot-agent has no container named agent"),
                argumentSet("every DaemonSet's problem is reported",
                        List.of(agent("b", "cache", "p", "/c").build(),
                                agent("a", "checkpoints", "p", "/c").editSpec().editTemplate().editSpec()
                                        .editFirstContainer().withVolumeMounts(List.of()).endContainer()
                                        .endSpec().endTemplate().endSpec().build()),
                        "snapshot-agent daemonset a does not mount a PVC-backed checkpoint volume (no volumes mounted); "
                                + "snapshot-agent daemonset b does not mount a PVC-backed checkpoint volume "
                                + "(mounted volumes: host-proc, cache)"));
    }

    @ParameterizedTest
    @MethodSource("notFound")
    void reports(List<DaemonSet> daemonSets, String message) {
        assertThatThrownBy(() -> StorageDiscovery.fromDaemonSets("snap", daemonSets))
                .isInstanceOf(StorageDiscoveryException.class)
                .hasMessage(message);
    }

    @Test
    void discoversThroughTheApiServer(KubernetesClient client) {
        assertThatThrownBy(() -> StorageDiscovery.discover(client, "snap"))
                .hasMessage("no snapshot-agent daemonset found in namespace snap");

        client.apps().daemonSets().inNamespace("snap").resource(agent("snapshot-agent", "checkpoints", "snapshot-pvc", "/checkpoints")
                .build()).create();
        // Same namespace, not an agent: must not be listed or picked.
        client.apps().daemonSets().inNamespace("snap").resource(agent("a-logger", "checkpoints", "wrong-pvc", "/logs")
                .editMetadata().withLabels(java.util.Map.of("app.kubernetes.io/component", "logger")).endMetadata().build()).create();
        // Another namespace's agent is not ours.
        client.apps().daemonSets().inNamespace("other").resource(agent("a-agent", "checkpoints", "other-pvc", "/x")
                .editMetadata().withNamespace("other").endMetadata().build()).create();

        assertThat(StorageDiscovery.discover(client, "snap")).isEqualTo(Storage.pvc("snapshot-pvc", "/checkpoints"));
    }
}
