package io.podsnap.operator.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.DownwardAPIVolumeFile;
import io.fabric8.kubernetes.api.model.DownwardAPIVolumeFileBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CheckpointJobPodInfoTest {

    private static DownwardAPIVolumeFile file(String path, String fieldPath) {
        return new DownwardAPIVolumeFileBuilder().withPath(path)
                .withNewFieldRef().withApiVersion("v1").withFieldPath(fieldPath).endFieldRef().build();
    }

    private static List<DownwardAPIVolumeFile> canonical() {
        List<DownwardAPIVolumeFile> files = new ArrayList<>();
        CheckpointJobPodInfo.FILES.forEach((path, field) -> files.add(file(path, field)));
        return files;
    }

    private static Volume downward(List<DownwardAPIVolumeFile> items) {
        return new VolumeBuilder().withName("podinfo").withNewDownwardAPI().withItems(items).endDownwardAPI().build();
    }

    /** Each case: the pod's volumes before, and the podinfo volume expected after. */
    static Stream<Arguments> cases() {
        List<DownwardAPIVolumeFile> withExtra = new ArrayList<>(List.of(file("dyn_discovery_backend",
                "metadata.annotations['nvidia.com/dyn-discovery-backend']")));
        withExtra.addAll(canonical());
        List<DownwardAPIVolumeFile> repaired = canonical();
        return Stream.of(
                argumentSet("no podinfo volume: the canonical one is added", List.of(), downward(canonical())),
                argumentSet("the template's extra files are kept, missing canonical ones added",
                        List.of(downward(List.of(file("dyn_discovery_backend",
                                "metadata.annotations['nvidia.com/dyn-discovery-backend']")))),
                        downward(withExtra)),
                argumentSet("a canonical file pointing elsewhere is repaired in place",
                        List.of(downward(List.of(file("pod_name", "metadata.labels['app']")))),
                        downward(repaired)),
                argumentSet("another source under the name is replaced",
                        List.of(new VolumeBuilder().withName("podinfo").withNewEmptyDir().endEmptyDir().build()),
                        downward(canonical())));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void ensuresTheVolumeAndAReadOnlyMount(List<Volume> before, Volume expected) {
        PodSpec pod = new PodSpecBuilder().withVolumes(before).build();
        Container target = new ContainerBuilder().withName("main").build();

        CheckpointJobPodInfo.ensure(pod, target);
        PodSpec once = new PodSpecBuilder(pod).build();
        Container onceTarget = new ContainerBuilder(target).build();
        CheckpointJobPodInfo.ensure(pod, target);

        assertThat(pod.getVolumes()).containsExactly(expected);
        assertThat(target.getVolumeMounts()).containsExactly(new VolumeMountBuilder()
                .withName("podinfo").withMountPath("/etc/podinfo").withReadOnly(true).build());
        assertThat(pod).as("idempotent").isEqualTo(once);
        assertThat(target).as("idempotent").isEqualTo(onceTarget);
    }
}
