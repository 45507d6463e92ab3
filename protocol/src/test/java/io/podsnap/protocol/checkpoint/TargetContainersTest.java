package io.podsnap.protocol.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TargetContainersTest {

    static Stream<Arguments> validValues() {
        return Stream.of(
                argumentSet("single name", "main", List.of("main")),
                argumentSet("several names keep their order", "engine-1,engine-0", List.of("engine-1", "engine-0")),
                argumentSet("names are trimmed", "  main , worker ", List.of("main", "worker")));
    }

    @ParameterizedTest
    @MethodSource("validValues")
    void parses(String value, List<String> expected) {
        assertThat(TargetContainers.parse(value)).isEqualTo(expected);
    }

    static Stream<Arguments> invalidValues() {
        String key = "nvidia.com/snapshot-target-containers";
        return Stream.of(
                argumentSet("null", null,
                        key + " is empty; expected one or more comma-separated container names"),
                argumentSet("blank", "  ",
                        key + " is empty; expected one or more comma-separated container names"),
                argumentSet("empty entry in the middle", "a,,b",
                        key + " \"a,,b\" has an empty container name at position 2"),
                argumentSet("trailing comma", "a,",
                        key + " \"a,\" has an empty container name at position 2"),
                argumentSet("whitespace-only entry", "a, ",
                        key + " \"a, \" has an empty container name at position 2"),
                argumentSet("duplicate", "a,b,a",
                        key + " \"a,b,a\" lists container a more than once"),
                argumentSet("duplicate after trimming", "a, a",
                        key + " \"a, a\" lists container a more than once"));
    }

    @ParameterizedTest
    @MethodSource("invalidValues")
    void rejects(String value, String message) {
        assertThatThrownBy(() -> TargetContainers.parse(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    static Stream<Arguments> formatCases() {
        String key = "nvidia.com/snapshot-target-containers";
        return Stream.of(
                argumentSet("empty list", List.of(), null, key + " needs at least one container name, got none"),
                argumentSet("single", List.of("main"), "main", null),
                argumentSet("trimmed and joined", List.of(" a", "b "), "a,b", null),
                argumentSet("blank name", Arrays.asList("a", " "), null,
                        key + " [a,  ] has an empty container name at position 2"),
                argumentSet("name with a comma", List.of("a,b"), null,
                        key + " container name \"a,b\" contains a comma"),
                argumentSet("duplicate", List.of("a", "a"), null, key + " [a, a] lists container a more than once"));
    }

    @ParameterizedTest
    @MethodSource("formatCases")
    void formats(List<String> names, String expected, String error) {
        if (error != null) {
            assertThatThrownBy(() -> TargetContainers.format(names))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(error);
        } else {
            assertThat(TargetContainers.format(names)).isEqualTo(expected);
            assertThat(TargetContainers.parse(TargetContainers.format(names))).isEqualTo(
                    names.stream().map(String::trim).toList());
        }
    }

    @Test
    void readsTheAnnotationFromAnObjectsAnnotations() {
        assertThat(TargetContainers.fromAnnotations(Map.of("nvidia.com/snapshot-target-containers", "main")))
                .containsExactly("main");
        assertThatThrownBy(() -> TargetContainers.fromAnnotations(null))
                .hasMessageContaining("is empty");
    }
}
