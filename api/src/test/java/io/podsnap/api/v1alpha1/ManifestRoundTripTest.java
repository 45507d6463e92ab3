package io.podsnap.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Manifests written for the Dynamo snapshot API, with its exact JSON field names, bind to the model classes and
 * serialise back unchanged: no field is dropped, renamed or added.
 */
class ManifestRoundTripTest {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    record Manifest<T extends HasMetadata>(String resource, Class<T> type, Consumer<T> bound) {
        @Override
        public String toString() { return type.getSimpleName(); }
    }

    static Stream<Manifest<?>> manifests() {
        return Stream.of(
                new Manifest<>("/manifests/dynamocheckpoint.yaml", DynamoCheckpoint.class, c -> {
                    assertThat(c.getSpec().getIdentity().getBackendFramework()).isEqualTo(BackendFramework.vllm.name());
                    assertThat(c.getSpec().getIdentity().getTensorParallelSize()).isEqualTo(2);
                    assertThat(c.getSpec().getIdentity().getExtraParameters()).containsEntry("enable-prefix-caching", "true");
                    assertThat(c.getSpec().getGpuMemoryService().getMode()).isEqualTo(GPUMemoryServiceMode.intraPod.name());
                    assertThat(c.getSpec().getGpuMemoryService().getExtraClientContainers()).containsExactly("gms-saver");
                    assertThat(c.getSpec().getJob().getActiveDeadlineSeconds()).isEqualTo(1800L);
                    assertThat(c.getSpec().getJob().getSharedMemory().getSize()).isEqualTo(new Quantity("16Gi"));
                    assertThat(c.getSpec().getJob().getPodTemplateSpec().getSpec().getContainers())
                            .extracting(container -> container.getName()).containsExactly("main");
                    assertThat(c.getStatus().getPhase()).isEqualTo(DynamoCheckpointPhase.Ready);
                    assertThat(c.getStatus().getCheckpointID()).isEqualTo("96429b2725761a09");
                    assertThat(c.getStatus().getPodSnapshotName()).isEqualTo("llama-3-8b-vllm");
                    assertThat(c.getStatus().getConditions()).hasSize(2);
                }),
                new Manifest<>("/manifests/podsnapshot.yaml", PodSnapshot.class, s -> {
                    assertThat(s.getSpec().getSource().getPodRef()).isEqualTo(new PodReference(
                            "checkpoint-llama-3-8b-vllm-x7k2p", "0b3f6a52-8d7e-4f1c-9a43-2f5e6d7c8b90", List.of("main")));
                    assertThat(s.getStatus().getBoundSnapshotContentName()).isEqualTo("podsnapshot-0b3f6a52");
                    assertThat(s.getStatus().getConditions()).singleElement()
                            .satisfies(condition -> assertThat(condition.getReason()).isEqualTo("Captured"));
                }),
                new Manifest<>("/manifests/podsnapshotcontent.yaml", PodSnapshotContent.class, c -> {
                    assertThat(c.getSpec().getSnapshotRef()).isEqualTo(new SnapshotReference(
                            "inference", "llama-3-8b-vllm", "5c1d2e3f-4a5b-6c7d-8e9f-0a1b2c3d4e5f"));
                    assertThat(c.getSpec().getSource().getNodeName()).isEqualTo("gpu-node-3");
                    assertThat(c.getStatus().getSource().getHardware().getGpus()).hasSize(2);
                    assertThat(c.getStatus().getSource().getMounts()).contains(new CheckpointSourceMount(
                            "/models", "models", "PersistentVolumeClaim/model-cache"));
                    assertThat(c.getStatus().getSource().getMountCount()).isEqualTo(2);
                }));
    }

    @ParameterizedTest(name = "{0} binds every field")
    @MethodSource("manifests")
    <T extends HasMetadata> void bindsEveryField(Manifest<T> manifest) throws IOException {
        manifest.bound().accept(read(manifest));
    }

    @ParameterizedTest(name = "{0} serialises back with the same field names and values")
    @MethodSource("manifests")
    <T extends HasMetadata> void serialisesBackUnchanged(Manifest<T> manifest) throws IOException {
        JsonNode original;
        try (InputStream in = resource(manifest)) {
            original = new YAMLMapper().readTree(in);
        }

        // Both sides are parsed from text, so numbers compare by value, not by the Java type that held them.
        JsonNode roundTripped = new ObjectMapper().readTree(SERIALIZATION.asJson(read(manifest)));

        assertThat(roundTripped).isEqualTo(original);
    }

    private static <T extends HasMetadata> T read(Manifest<T> manifest) throws IOException {
        try (InputStream in = resource(manifest)) {
            return SERIALIZATION.unmarshal(in, manifest.type());
        }
    }

    private static InputStream resource(Manifest<?> manifest) {
        InputStream in = ManifestRoundTripTest.class.getResourceAsStream(manifest.resource());
        assertThat(in).as(manifest.resource()).isNotNull();
        return in;
    }
}
