package io.podsnap.protocol.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ControlVolumeTest {

    /** The expected result for a container "main" that had only an image and env FOO=bar. */
    private static PodSpec golden() {
        return new PodSpecBuilder()
                .addNewVolume().withName("snapshot-control").withNewEmptyDir().endEmptyDir().endVolume()
                .addNewContainer()
                    .withName("main").withImage("worker:1")
                    .addNewEnv().withName("FOO").withValue("bar").endEnv()
                    .addNewEnv().withName("SNAPSHOT_CONTROL_DIR").withValue("/snapshot-control").endEnv()
                    .addNewEnv().withName("DYN_SNAPSHOT_CONTROL_DIR").withValue("/snapshot-control").endEnv()
                    .addNewVolumeMount().withName("snapshot-control").withMountPath("/snapshot-control")
                        .withSubPath("main").endVolumeMount()
                .endContainer()
                .build();
    }

    private static PodSpecBuilder plain() {
        return new PodSpecBuilder().addNewContainer().withName("main").withImage("worker:1")
                .addNewEnv().withName("FOO").withValue("bar").endEnv().endContainer();
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                argumentSet("plain container gets volume, mount and both env vars", plain().build(), golden()),
                argumentSet("already shaped spec is unchanged", golden(), golden()),
                argumentSet("mount with the wrong subPath is repaired",
                        new PodSpecBuilder(golden()).editFirstContainer().editFirstVolumeMount().withSubPath("other")
                                .endVolumeMount().endContainer().build(),
                        golden()),
                argumentSet("env with the wrong value is repaired in place",
                        new PodSpecBuilder(golden()).editFirstContainer().editMatchingEnv(e -> e.getName().equals("SNAPSHOT_CONTROL_DIR"))
                                .withValue("/elsewhere").endEnv().endContainer().build(),
                        golden()),
                argumentSet("a non-emptyDir volume under the reserved name is replaced",
                        new PodSpecBuilder(plain().build()).addNewVolume().withName("snapshot-control")
                                .withNewConfigMap().withName("cm").endConfigMap().endVolume().build(),
                        golden()),
                argumentSet("a user's emptyDir with a size limit is kept",
                        new PodSpecBuilder(plain().build()).addNewVolume().withName("snapshot-control")
                                .withNewEmptyDir().withSizeLimit(new Quantity("1Mi")).endEmptyDir().endVolume().build(),
                        new PodSpecBuilder(golden()).editFirstVolume().editEmptyDir().withSizeLimit(new Quantity("1Mi"))
                                .endEmptyDir().endVolume().build()));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void ensure(PodSpec input, PodSpec expected) {
        PodSpec spec = new PodSpecBuilder(input).build();
        ControlVolume.ensure(spec, spec.getContainers().get(0));
        assertThat(spec).isEqualTo(expected);

        ControlVolume.ensure(spec, spec.getContainers().get(0));
        assertThat(spec).as("applied twice").isEqualTo(expected);
    }

    @Test
    void onlyTheGivenContainerIsTouched() {
        PodSpec spec = plain().addNewContainer().withName("sidecar").withImage("proxy").endContainer().build();
        ControlVolume.ensure(spec, spec.getContainers().get(0));
        Container sidecar = spec.getContainers().get(1);
        assertThat(sidecar).isEqualTo(new ContainerBuilder().withName("sidecar").withImage("proxy").build());
    }
}
