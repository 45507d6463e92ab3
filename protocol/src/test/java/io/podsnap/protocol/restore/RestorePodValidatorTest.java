package io.podsnap.protocol.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.podsnap.protocol.storage.Storage;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RestorePodValidatorTest {

    private static final Storage STORAGE = Storage.pvc("snapshot-pvc", "/checkpoints");
    private static final String PROFILE = "profiles/block-iouring.json";

    /** A valid restore pod with two targets, as the shaper makes it. */
    private static Pod valid() {
        Pod pod = new PodBuilder()
                .withNewMetadata().withName("restore").endMetadata()
                .withNewSpec()
                    .addNewContainer().withName("main").withImage("w").endContainer()
                    .addNewContainer().withName("engine-1").withImage("w").endContainer()
                .endSpec()
                .build();
        return RestorePodShaper.prepare(pod, RestorePodOptions.of("abc", "1", List.of("main", "engine-1"), STORAGE));
    }

    private static UnaryOperator<PodBuilder> edit(UnaryOperator<PodBuilder> e) {
        return e;
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                argumentSet("shaped pod is valid", edit(b -> b), STORAGE, PROFILE, List.of()),
                argumentSet("no PVC known skips the storage checks",
                        edit(b -> b.editSpec().removeMatchingFromVolumes(v -> v.getName().equals("checkpoint-storage")).endSpec()),
                        null, PROFILE, List.of()),
                argumentSet("blank profile skips the seccomp check",
                        edit(b -> b.editSpec().withSecurityContext(null).endSpec()), STORAGE, "", List.of()),
                argumentSet("missing target annotation",
                        edit(b -> b.editMetadata().removeFromAnnotations("nvidia.com/snapshot-target-containers").endMetadata()),
                        STORAGE, PROFILE, List.of("missing nvidia.com/snapshot-target-containers annotation")),
                argumentSet("malformed target annotation",
                        edit(b -> b.editMetadata().addToAnnotations("nvidia.com/snapshot-target-containers", "main,main").endMetadata()),
                        STORAGE, PROFILE,
                        List.of("nvidia.com/snapshot-target-containers \"main,main\" lists container main more than once")),
                argumentSet("target container not in the pod",
                        edit(b -> b.editMetadata().addToAnnotations("nvidia.com/snapshot-target-containers", "main,engine-9").endMetadata()),
                        STORAGE, PROFILE, List.of("target container engine-9 not found")),
                argumentSet("missing PVC volume",
                        edit(b -> b.editSpec().removeMatchingFromVolumes(v -> v.getName().equals("checkpoint-storage")).endSpec()),
                        STORAGE, PROFILE, List.of("missing checkpoint-storage volume for PVC snapshot-pvc")),
                argumentSet("PVC volume names another claim",
                        edit(b -> b.editSpec().editMatchingVolume(v -> v.getName().equals("checkpoint-storage"))
                                .editPersistentVolumeClaim().withClaimName("other").endPersistentVolumeClaim().endVolume().endSpec()),
                        STORAGE, PROFILE, List.of("checkpoint-storage volume uses PVC other, expected PVC snapshot-pvc")),
                argumentSet("storage volume is not a PVC",
                        edit(b -> b.editSpec().editMatchingVolume(v -> v.getName().equals("checkpoint-storage"))
                                .withPersistentVolumeClaim(null).withNewEmptyDir().endEmptyDir().endVolume().endSpec()),
                        STORAGE, PROFILE, List.of("checkpoint-storage volume is not backed by a PVC, expected PVC snapshot-pvc")),
                argumentSet("missing storage mount on one target",
                        edit(b -> b.editSpec().editMatchingContainer(c -> c.getName().equals("engine-1"))
                                .removeMatchingFromVolumeMounts(m -> m.getName().equals("checkpoint-storage")).endContainer().endSpec()),
                        STORAGE, PROFILE, List.of("missing checkpoint-storage mount at /checkpoints on container engine-1")),
                argumentSet("storage mounted at another path",
                        edit(b -> b.editSpec().editMatchingContainer(c -> c.getName().equals("main"))
                                .editMatchingVolumeMount(m -> m.getName().equals("checkpoint-storage")).withMountPath("/data")
                                .endVolumeMount().endContainer().endSpec()),
                        STORAGE, PROFILE, List.of("checkpoint-storage mount on container main is at /data, expected /checkpoints")),
                argumentSet("missing control volume",
                        edit(b -> b.editSpec().removeMatchingFromVolumes(v -> v.getName().equals("snapshot-control")).endSpec()),
                        STORAGE, PROFILE, List.of("missing snapshot-control emptyDir volume")),
                argumentSet("control volume of another kind",
                        edit(b -> b.editSpec().editMatchingVolume(v -> v.getName().equals("snapshot-control"))
                                .withEmptyDir(null).withNewHostPath().withPath("/tmp").endHostPath().endVolume().endSpec()),
                        STORAGE, PROFILE, List.of("snapshot-control volume is not an emptyDir")),
                argumentSet("missing control mount",
                        edit(b -> b.editSpec().editMatchingContainer(c -> c.getName().equals("main"))
                                .removeMatchingFromVolumeMounts(m -> m.getName().equals("snapshot-control")).endContainer().endSpec()),
                        STORAGE, PROFILE, List.of("missing snapshot-control mount at /snapshot-control on container main")),
                argumentSet("control mount at another path",
                        edit(b -> b.editSpec().editMatchingContainer(c -> c.getName().equals("main"))
                                .editMatchingVolumeMount(m -> m.getName().equals("snapshot-control")).withMountPath("/ctl")
                                .endVolumeMount().endContainer().endSpec()),
                        STORAGE, PROFILE, List.of("snapshot-control mount on container main is at /ctl, expected /snapshot-control")),
                argumentSet("wrong subPath",
                        edit(b -> b.editSpec().editMatchingContainer(c -> c.getName().equals("engine-1"))
                                .editMatchingVolumeMount(m -> m.getName().equals("snapshot-control")).withSubPath("main")
                                .endVolumeMount().endContainer().endSpec()),
                        STORAGE, PROFILE,
                        List.of("snapshot-control mount on container engine-1 has subPath \"main\", expected \"engine-1\"")),
                argumentSet("missing subPath",
                        edit(b -> b.editSpec().editMatchingContainer(c -> c.getName().equals("main"))
                                .editMatchingVolumeMount(m -> m.getName().equals("snapshot-control")).withSubPath(null)
                                .endVolumeMount().endContainer().endSpec()),
                        STORAGE, PROFILE, List.of("snapshot-control mount on container main has subPath \"\", expected \"main\"")),
                argumentSet("missing both control env vars",
                        edit(b -> b.editSpec().editMatchingContainer(c -> c.getName().equals("main")).withEnv(List.of())
                                .endContainer().endSpec()),
                        STORAGE, PROFILE, List.of("missing env SNAPSHOT_CONTROL_DIR=/snapshot-control on container main")),
                argumentSet("the legacy env var alone is enough",
                        edit(b -> b.editSpec().editMatchingContainer(c -> c.getName().equals("main"))
                                .removeMatchingFromEnv(e -> e.getName().equals("SNAPSHOT_CONTROL_DIR")).endContainer().endSpec()),
                        STORAGE, PROFILE, List.of()),
                argumentSet("control env with a wrong value",
                        edit(b -> b.editSpec().editMatchingContainer(c -> c.getName().equals("main"))
                                .editMatchingEnv(e -> e.getName().equals("DYN_SNAPSHOT_CONTROL_DIR")).withValue("/tmp").endEnv()
                                .endContainer().endSpec()),
                        STORAGE, PROFILE,
                        List.of("env DYN_SNAPSHOT_CONTROL_DIR on container main is \"/tmp\", expected \"/snapshot-control\"")),
                argumentSet("missing startupProbe",
                        edit(b -> b.editSpec().editMatchingContainer(c -> c.getName().equals("engine-1")).withStartupProbe(null)
                                .endContainer().endSpec()),
                        STORAGE, PROFILE, List.of("missing startupProbe on container engine-1")),
                argumentSet("missing seccomp profile",
                        edit(b -> b.editSpec().withSecurityContext(null).endSpec()),
                        STORAGE, PROFILE, List.of("missing seccomp profile Localhost/profiles/block-iouring.json")),
                argumentSet("different seccomp profile",
                        edit(b -> b.editSpec().editSecurityContext().editSeccompProfile().withType("RuntimeDefault")
                                .withLocalhostProfile(null).endSeccompProfile().endSecurityContext().endSpec()),
                        STORAGE, PROFILE, List.of("seccomp profile is RuntimeDefault, expected Localhost/profiles/block-iouring.json")),
                argumentSet("different Localhost profile",
                        edit(b -> b.editSpec().editSecurityContext().editSeccompProfile()
                                .withLocalhostProfile("profiles/other.json").endSeccompProfile().endSecurityContext().endSpec()),
                        STORAGE, PROFILE,
                        List.of("seccomp profile is Localhost/profiles/other.json, expected Localhost/profiles/block-iouring.json")),
                argumentSet("every problem is reported, pod-level first, then per target in annotation order",
                        edit(b -> b.editSpec()
                                .withSecurityContext(null)
                                .withVolumes(List.of())
                                .editMatchingContainer(c -> c.getName().equals("engine-1")).withVolumeMounts(List.of())
                                .withStartupProbe(null).endContainer()
                                .endSpec()),
                        STORAGE, PROFILE, List.of(
                                "missing seccomp profile Localhost/profiles/block-iouring.json",
                                "missing checkpoint-storage volume for PVC snapshot-pvc",
                                "missing snapshot-control emptyDir volume",
                                "missing checkpoint-storage mount at /checkpoints on container engine-1",
                                "missing snapshot-control mount at /snapshot-control on container engine-1",
                                "missing startupProbe on container engine-1")));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void validate(UnaryOperator<PodBuilder> edit, Storage storage, String profile, List<String> expected) {
        Pod pod = edit.apply(new PodBuilder(valid())).build();
        assertThat(RestorePodValidator.validate(pod, storage, profile)).isEqualTo(expected);
    }
}
