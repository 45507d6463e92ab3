package io.podsnap.snapshotctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CheckpointIdCommandTest {

    @TempDir
    Path dir;

    private static final String HASH_EXAMPLE = """
            apiVersion: nvidia.com/v1alpha1
            kind: DynamoCheckpoint
            metadata:
              name: llama
            %s
            spec:
              identity:
                model: meta-llama/Llama-2-7b-hf
                backendFramework: vllm
            """;

    private Path manifest(String metadataExtra) throws IOException {
        Path f = dir.resolve("dc.yaml");
        Files.writeString(f, HASH_EXAMPLE.formatted(metadataExtra));
        return f;
    }

    static Stream<Arguments> ok() {
        return Stream.of(
                Arguments.of("identity hash", "", new String[] {},
                        "checkpoint_id=96429b2725761a09\nartifact_version=1\ncheckpoint_location=/checkpoints/96429b2725761a09/versions/1\n"),
                Arguments.of("label-provided ID", "  labels:\n    nvidia.com/snapshot-checkpoint-id: my-ckpt", new String[] {},
                        "checkpoint_id=my-ckpt\nartifact_version=1\ncheckpoint_location=/checkpoints/my-ckpt/versions/1\n"),
                Arguments.of("artifact version 2", "  annotations:\n    nvidia.com/snapshot-artifact-version: \"2\"", new String[] {},
                        "checkpoint_id=96429b2725761a09\nartifact_version=2\ncheckpoint_location=/checkpoints/96429b2725761a09/versions/2\n"),
                Arguments.of("base path", "", new String[] {"--base-path", "/mnt/ckpt/"},
                        "checkpoint_id=96429b2725761a09\nartifact_version=1\ncheckpoint_location=/mnt/ckpt/96429b2725761a09/versions/1\n"),
                Arguments.of("json", "", new String[] {"-o", "json"},
                        "{\"checkpoint_id\":\"96429b2725761a09\",\"artifact_version\":\"1\",\"checkpoint_location\":\"/checkpoints/96429b2725761a09/versions/1\"}\n"),
                Arguments.of("yaml", "", new String[] {"-o", "yaml"},
                        "checkpoint_id: \"96429b2725761a09\"\nartifact_version: \"1\"\ncheckpoint_location: \"/checkpoints/96429b2725761a09/versions/1\"\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void ok(String name, String metadataExtra, String[] extraArgs, String expected) throws IOException {
        Path f = manifest(metadataExtra);
        String[] args = Stream.concat(Stream.of("checkpoint-id", "-f", f.toString()), Stream.of(extraArgs)).toArray(String[]::new);
        Run r = Run.of(args);
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo(expected);
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void globalOutputOptionBeforeTheSubcommand() throws IOException {
        Run r = Run.of("-o", "json", "checkpoint-id", "-f", manifest("").toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("{\"checkpoint_id\":\"96429b2725761a09\"");
    }

    @Test
    void deploymentIsRefusedWithOneLine() throws IOException {
        Path f = dir.resolve("deploy.yaml");
        Files.writeString(f, """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  replicas: 1
                """);
        Run r = Run.of("checkpoint-id", "-f", f.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("snapshotctl checkpoint-id: " + f
                + ": expected kind DynamoCheckpoint apiVersion nvidia.com/v1alpha1, got kind Deployment apiVersion apps/v1\n");
    }

    @Test
    void missingFile() {
        Path f = dir.resolve("nope.yaml");
        Run r = Run.of("checkpoint-id", "-f", f.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("snapshotctl checkpoint-id: " + f + ": no such file\n");
    }

    @Test
    void pathTraversalIdFromTheLabelIsRefused() throws IOException {
        Path f = manifest("  labels:\n    nvidia.com/snapshot-checkpoint-id: ../etc");
        Run r = Run.of("checkpoint-id", "-f", f.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("snapshotctl checkpoint-id: " + f
                + ": checkpoint ID \"../etc\" must be a single path element: it contains '/'\n");
    }

    @Test
    void noIdentityAndNoIdIsAUsageError() throws IOException {
        Path f = dir.resolve("empty.yaml");
        Files.writeString(f, "apiVersion: nvidia.com/v1alpha1\nkind: DynamoCheckpoint\nmetadata:\n  name: x\n  namespace: ns\n");
        Run r = Run.of("checkpoint-id", "-f", f.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("snapshotctl checkpoint-id: " + f + ": checkpoint ns/x has no checkpoint ID")
                .endsWith("\n").hasLineCount(1);
    }

    @Test
    void missingFileOptionIsAUsageError() {
        Run r = Run.of("checkpoint-id");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("Missing required option: '--filename=FILE'");
    }
}
