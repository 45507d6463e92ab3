package io.podsnap.protocol.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import io.podsnap.protocol.storage.StorageFromConfig.Config;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StorageFromConfigTest {

    static Stream<Arguments> resolved() {
        return Stream.of(
                argumentSet("no config", null, Optional.empty()),
                argumentSet("empty config", new Config(null, null, null, null), Optional.empty()),
                argumentSet("s3 type alone is not configured", new Config("s3", null, null, null), Optional.empty()),
                argumentSet("oci type alone is not configured", new Config("oci", "", " ", ""), Optional.empty()),
                argumentSet("pvc with name and path",
                        new Config("pvc", null, "snapshot-pvc", "/checkpoints/"),
                        Optional.of(Storage.pvc("snapshot-pvc", "/checkpoints"))),
                argumentSet("blank type means pvc",
                        new Config("", "", "snapshot-pvc", "/checkpoints"),
                        Optional.of(Storage.pvc("snapshot-pvc", "/checkpoints"))),
                argumentSet("podMount",
                        new Config("pvc", "podMount", "rwo-pvc", "/data/ckpt"),
                        Optional.of(new Storage("pvc", "rwo-pvc", "/data/ckpt", AccessMode.podMount))),
                argumentSet("agentInject blanks the PVC name",
                        new Config("pvc", "agentInject", "snapshot-pvc", "/checkpoints"),
                        Optional.of(new Storage("pvc", "", "/checkpoints", AccessMode.agentMount))),
                argumentSet("agentInject needs no PVC name",
                        new Config(null, "agentInject", null, "/checkpoints"),
                        Optional.of(new Storage("pvc", "", "/checkpoints", AccessMode.agentMount))));
    }

    @ParameterizedTest
    @MethodSource("resolved")
    void resolves(Config config, Optional<Storage> expected) {
        assertThat(StorageFromConfig.resolve(config)).isEqualTo(expected);
    }

    static Stream<Arguments> rejected() {
        return Stream.of(
                argumentSet("unknown type", new Config("nfs", null, "p", "/c"),
                        "checkpoint storage type nfs is not supported: only pvc is implemented today"),
                argumentSet("s3 with PVC settings", new Config("s3", null, "p", "/c"),
                        "checkpoint storage type s3 is not supported: only pvc is implemented today"),
                argumentSet("missing base path", new Config("pvc", null, "p", null),
                        "checkpoint storage: storage base path is empty; expected an absolute path such as /checkpoints"),
                argumentSet("relative base path", new Config("pvc", null, "p", "ckpt"),
                        "checkpoint storage: storage base path ckpt is not absolute; expected a path starting with /"),
                argumentSet("missing PVC name", new Config("pvc", null, "", "/c"),
                        "checkpoint storage: pvcName is required for access mode agentMount (only agentInject works without one)"),
                argumentSet("access mode alone", new Config(null, "podMount", null, null),
                        "checkpoint storage: storage base path is empty; expected an absolute path such as /checkpoints"),
                argumentSet("unknown access mode", new Config("pvc", "hostMount", "p", "/c"),
                        "unknown storage access mode hostMount; expected agentMount or podMount"));
    }

    @ParameterizedTest
    @MethodSource("rejected")
    void rejects(Config config, String message) {
        assertThatThrownBy(() -> StorageFromConfig.resolve(config))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }
}
