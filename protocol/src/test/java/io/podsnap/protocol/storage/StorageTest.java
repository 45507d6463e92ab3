package io.podsnap.protocol.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StorageTest {

    static Stream<Arguments> basePaths() {
        return Stream.of(
                argumentSet("already clean", "/checkpoints", "/checkpoints"),
                argumentSet("trailing slash trimmed", "/checkpoints/", "/checkpoints"),
                argumentSet("root stays root", "/", "/"),
                argumentSet("repeated slashes collapse", "//mnt///ckpt//", "/mnt/ckpt"),
                argumentSet("dot elements dropped", "/mnt/./ckpt/.", "/mnt/ckpt"),
                argumentSet("dot-dot resolved lexically", "/mnt/a/../ckpt", "/mnt/ckpt"),
                argumentSet("dot-dot cannot climb above root", "/../../ckpt", "/ckpt"),
                argumentSet("surrounding whitespace trimmed", "  /ckpt ", "/ckpt"));
    }

    @ParameterizedTest
    @MethodSource("basePaths")
    void normalizesBasePath(String input, String expected) {
        assertThat(Storage.normalizeBasePath(input)).isEqualTo(expected);
    }

    static Stream<Arguments> badBasePaths() {
        return Stream.of(
                argumentSet("null", null, "storage base path is empty; expected an absolute path such as /checkpoints"),
                argumentSet("blank", " ", "storage base path is empty; expected an absolute path such as /checkpoints"),
                argumentSet("relative", "checkpoints",
                        "storage base path checkpoints is not absolute; expected a path starting with /"));
    }

    @ParameterizedTest
    @MethodSource("badBasePaths")
    void rejectsBadBasePath(String input, String message) {
        assertThatThrownBy(() -> Storage.normalizeBasePath(input))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void defaultsAndNormalisationApplyToTheValue() {
        Storage s = new Storage(null, null, "/ckpt/", null);
        assertThat(s).isEqualTo(new Storage("pvc", "", "/ckpt", AccessMode.agentMount));
        assertThat(s.hasPvc()).isFalse();
        assertThat(Storage.pvc(" snapshot-pvc ", "/checkpoints").hasPvc()).isTrue();
        assertThat(Storage.pvc("p", "/c").withAccessMode(AccessMode.podMount).accessMode()).isEqualTo(AccessMode.podMount);
    }

    @Test
    void accessModeWireNames() {
        assertThat(AccessMode.fromWire("podMount")).isEqualTo(AccessMode.podMount);
        assertThat(AccessMode.fromWire("")).isEqualTo(AccessMode.agentMount);
        assertThatThrownBy(() -> AccessMode.fromWire("PodMount"))
                .hasMessage("unknown storage access mode PodMount; expected agentMount or podMount");
    }
}
