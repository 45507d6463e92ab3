package io.podsnap.snapshotctl;

import static org.assertj.core.api.Assertions.assertThat;

import io.podsnap.protocol.artifact.Manifest;
import io.podsnap.protocol.artifact.ManifestWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VerifyCommandTest {

    private static final String ID = "96429b2725761a09";

    @TempDir
    Path dir;

    private Path artifact() throws IOException {
        Path a = dir.resolve("artifact");
        Files.createDirectories(a.resolve("images"));
        Files.writeString(a.resolve("images/pages-1.img"), "0123456789");
        Files.writeString(a.resolve("rootfs-diff.tar"), "abcde");
        ManifestWriter.write(a, new Manifest(Manifest.CURRENT_FORMAT_VERSION, ID, Instant.parse("2026-01-02T03:04:05Z"),
                null, "6.8.0", "4.2", null, null, null, null, List.of()));
        return a;
    }

    @Test
    void goodArtifact() throws IOException {
        Run r = Run.of("verify", artifact().toString(), "--checkpoint-id", ID);
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("status=ok\ncheckpoint_id=" + ID + "\nfiles=2\nbytes=15\n");
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void goodArtifactAsJson() throws IOException {
        Run r = Run.of("verify", "-o", "json", artifact().toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo("{\"status\":\"ok\",\"checkpoint_id\":\"" + ID + "\",\"files\":2,\"bytes\":15}\n");
    }

    @Test
    void corruptedArtifact() throws IOException {
        Path a = artifact();
        Path file = a.resolve("images/pages-1.img");
        byte[] bytes = Files.readAllBytes(file);
        bytes[3] ^= 0x01;
        Files.write(file, bytes);
        Run r = Run.of("verify", a.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).startsWith("status=failed\ncheckpoint_id=" + ID + "\nfiles=2\nbytes=15\nproblem=CHECKSUM_MISMATCH images/pages-1.img: ")
                .contains("SHA-256").hasLineCount(5);
    }

    @Test
    void wrongCheckpointId() throws IOException {
        Run r = Run.of("verify", artifact().toString(), "--checkpoint-id", "other");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).startsWith("status=failed\nproblem=CHECKPOINT_ID_MISMATCH manifest.yaml: ");
    }

    @Test
    void missingDirectory() {
        Path missing = dir.resolve("missing");
        Run r = Run.of("verify", missing.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("snapshotctl verify: " + missing + ": no such directory\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"checkpoint-id", "verify"})
    void helpShowsAnExampleAndTheExitCodes(String command) {
        Run r = Run.of(command, "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Example", "Exit codes:", "  2   usage");
    }

    @Test
    void topLevelHelpAndVersion() {
        Run help = Run.of("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("checkpoint-id", "verify", "Example", "  0   ok", "  1   failed", "  2   usage", "  3   timeout");
        Run version = Run.of("--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).startsWith("snapshotctl ");
    }

    @Test
    void noCommandOrUnknownOptionIsAUsageError() {
        assertThat(Run.of().exitCode()).isEqualTo(2);
        Run bad = Run.of("-o", "xml", "verify", "x");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.out()).isEmpty();
    }
}
