package io.podsnap.protocol.artifact;

import static io.podsnap.protocol.artifact.ArtifactVerifierTest.pattern;
import static io.podsnap.protocol.artifact.ArtifactVerifierTest.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ManifestWriterTest {

    @Test
    void hashesFilesLargerThanTheBufferInChunks(@TempDir Path dir) throws Exception {
        byte[] large = pattern(3 * (1 << 20) + 7);
        Files.write(dir.resolve("pages-1.img"), large);

        Manifest written = ManifestWriter.write(dir, Manifests.full());

        assertThat(written.files()).containsExactly(new Manifest.FileEntry("pages-1.img", large.length, sha256(large)));
        assertThat(ManifestReader.read(dir, Manifests.CHECKPOINT_ID)).isEqualTo(written);
    }

    @Test
    void emptyArtifactHasNoFiles(@TempDir Path dir) throws Exception {
        assertThat(ManifestWriter.write(dir, Manifests.full()).files()).isEmpty();
        assertThat(ArtifactVerifier.verify(dir, Manifests.CHECKPOINT_ID).ok()).isTrue();
    }

    @Test
    void writingAgainReplacesTheManifestAndNeverListsItself(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("dump.log"), "log");
        Manifest first = ManifestWriter.write(dir, Manifests.full());
        Files.writeString(dir.resolve("b.img"), "b");

        Manifest second = ManifestWriter.write(dir, Manifests.full());

        assertThat(first.files()).extracting(Manifest.FileEntry::path).containsExactly("dump.log");
        assertThat(second.files()).extracting(Manifest.FileEntry::path).containsExactly("b.img", "dump.log");
        assertThat(ManifestReader.read(dir)).isEqualTo(second);
        assertThat(ArtifactVerifier.verify(dir, Manifests.CHECKPOINT_ID).ok()).isTrue();
    }

    @Test
    void staleTempFileFromACrashedWriterIsReplaced(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(ManifestWriter.TEMP_NAME), "half a manifest");
        ManifestWriter.write(dir, Manifests.full());
        assertThat(dir.resolve(ManifestWriter.TEMP_NAME)).doesNotExist();
        assertThat(ArtifactVerifier.verify(dir, Manifests.CHECKPOINT_ID).ok()).isTrue();
    }

    interface Setup {
        void apply(Path dir) throws Exception;
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                argumentSet("symlink inside the artifact", (Setup) dir -> Files.createSymbolicLink(dir.resolve("link"), dir.resolve("target")),
                        IOException.class, "link: is a symbolic link; an artifact may hold only regular files and directories"),
                argumentSet("named pipe inside the artifact", (Setup) dir -> new ProcessBuilder("mkfifo", dir.resolve("fifo").toString()).start().waitFor(),
                        IOException.class, "fifo: is not a regular file"),
                argumentSet("artifact directory missing", (Setup) dir -> Files.delete(dir),
                        IOException.class, "is not a directory"));
    }

    @ParameterizedTest
    @MethodSource("refused")
    void refusesWhatCannotBeAnArtifact(Setup setup, Class<? extends Exception> type, String message, @TempDir Path dir) throws Exception {
        setup.apply(dir);
        assertThatThrownBy(() -> ManifestWriter.write(dir, Manifests.full())).isInstanceOf(type).hasMessageContaining(message);
        assertThat(dir.resolve("manifest.yaml")).doesNotExist();
    }

    @Test
    void refusesBlankCheckpointId(@TempDir Path dir) {
        Manifest m = Manifests.full();
        Manifest blank = new Manifest(1, " ", m.createdAt(), m.container(), m.kernelVersion(), m.criuVersion(), m.criuDump(),
                m.k8s(), m.overlay(), m.cudaRestore(), List.of());
        assertThatThrownBy(() -> ManifestWriter.write(dir, blank))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("manifest checkpointId is blank; every artifact must name its checkpoint");
    }
}
