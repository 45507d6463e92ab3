package io.podsnap.operator.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.podsnap.api.v1alpha1.DynamoCheckpoint;
import io.podsnap.operator.config.OperatorConfig;
import io.podsnap.protocol.storage.Storage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CleanupJobFactoryTest {

    private static final Storage STORAGE = Storage.pvc("snapshot-pvc", "/checkpoints");

    private static DynamoCheckpoint checkpoint() {
        DynamoCheckpoint checkpoint = new DynamoCheckpoint();
        checkpoint.setMetadata(new ObjectMetaBuilder().withName("checkpoint-abc123").withNamespace("inference").build());
        return checkpoint;
    }

    private static Job golden() {
        return new JobBuilder()
                .withNewMetadata()
                    .withName("checkpoint-cleanup-abc123").withNamespace("inference")
                    .addToLabels("nvidia.com/snapshot-checkpoint-id", "abc123")
                .endMetadata()
                .withNewSpec()
                    .withBackoffLimit(0)
                    .withActiveDeadlineSeconds(300L)
                    .withTtlSecondsAfterFinished(300)
                    .withNewTemplate()
                        .withNewMetadata()
                            .addToAnnotations("linkerd.io/inject", "disabled")
                            .addToAnnotations("sidecar.istio.io/inject", "false")
                        .endMetadata()
                        .withNewSpec()
                            .withRestartPolicy("Never")
                            .addNewVolume().withName("checkpoint-storage")
                                .withNewPersistentVolumeClaim().withClaimName("snapshot-pvc").endPersistentVolumeClaim()
                            .endVolume()
                            .addNewContainer()
                                .withName("cleanup").withImage("busybox:1.36")
                                .withCommand("/bin/sh", "-c", CleanupJobFactory.SCRIPT)
                                .addNewEnv().withName("CHECKPOINT_BASE_PATH").withValue("/checkpoints").endEnv()
                                .addNewEnv().withName("CHECKPOINT_ID").withValue("abc123").endEnv()
                                .addNewVolumeMount().withName("checkpoint-storage").withMountPath("/checkpoints").endVolumeMount()
                            .endContainer()
                        .endSpec()
                    .endTemplate()
                .endSpec()
                .build();
    }

    @Test
    void buildsTheGoldenJob() {
        assertThat(CleanupJobFactory.desiredCleanupJob(checkpoint(), "abc123", STORAGE, OperatorConfig.defaults()))
                .isEqualTo(golden());
    }

    @Test
    void isIdempotent() {
        assertThat(CleanupJobFactory.desiredCleanupJob(checkpoint(), "abc123", STORAGE, OperatorConfig.defaults()))
                .isEqualTo(CleanupJobFactory.desiredCleanupJob(checkpoint(), "abc123", STORAGE, OperatorConfig.defaults()));
    }

    @Test
    void thePodCarriesNoCheckpointIdLabelSoTheAgentNeverTakesItForARestoreTarget() {
        Job job = CleanupJobFactory.desiredCleanupJob(checkpoint(), "abc123", STORAGE, OperatorConfig.defaults());
        assertThat(job.getSpec().getTemplate().getMetadata().getLabels()).isNullOrEmpty();
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                argumentSet("no PVC name", "abc123", new Storage("pvc", "", "/checkpoints", null),
                        "artifact cleanup of DynamoCheckpoint inference/checkpoint-abc123 needs the checkpoint PVC, but the "
                                + "storage (type pvc, base path /checkpoints, access mode agentMount) names none; configure "
                                + "checkpoint.storage.pvc.pvcName, or delete the artifact directory by hand"),
                argumentSet("base path is the root", "abc123", Storage.pvc("snapshot-pvc", "/"),
                        "artifact cleanup of DynamoCheckpoint inference/checkpoint-abc123: the storage base path is /, and "
                                + "the checkpoint PVC cannot be mounted over the cleanup container's root; configure a base "
                                + "path such as /checkpoints"),
                argumentSet("ID gms would delete every checkpoint's GMS tensors", "gms", STORAGE,
                        "artifact cleanup of DynamoCheckpoint inference/checkpoint-abc123: checkpoint ID \"gms\" is the "
                                + "directory that holds every checkpoint's GPU memory artifacts; it cannot be deleted as one "
                                + "checkpoint's artifact"));
    }

    @ParameterizedTest
    @MethodSource("errors")
    void rejects(String id, Storage storage, String message) {
        assertThatThrownBy(() -> CleanupJobFactory.desiredCleanupJob(checkpoint(), id, storage, OperatorConfig.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void rejectsAnIdThatCannotNameAJob() {
        assertThatThrownBy(() -> CleanupJobFactory.desiredCleanupJob(checkpoint(), "../etc", STORAGE,
                OperatorConfig.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("checkpoint ID");
    }

    // ---- the script, run for real with /bin/sh against a temp directory ------------------------------------

    /**
     * Layout before every case, under the temp dir: {@code base/} is the base path with the artifact {@code abc}, a
     * neighbour {@code other} and their GMS tensors; {@code outside/} is what must never be touched.
     */
    private static void layout(Path tmp) throws IOException {
        for (String file : List.of("base/abc/versions/1/manifest.yaml", "base/other/versions/1/manifest.yaml",
                "base/gms/abc/versions/1/tensors", "base/gms/other/versions/1/tensors", "outside/keep.txt",
                "outside/abc/keep.txt")) {
            Path p = tmp.resolve(file);
            Files.createDirectories(p.getParent());
            Files.writeString(p, file);
        }
    }

    private static final List<String> UNTOUCHED = List.of("base/other/versions/1/manifest.yaml", "outside/keep.txt",
            "outside/abc/keep.txt");

    interface Setup {
        void apply(Path tmp) throws IOException;
    }

    /** Each case: extra setup, base path (relative to tmp unless absolute), ID, exit code, paths gone, paths kept. */
    static Stream<Arguments> scriptCases() {
        Setup none = tmp -> { };
        return Stream.of(
                argumentSet("deletes the artifact and its GMS tensors", none, "base", "abc", 0,
                        List.of("base/abc", "base/gms/abc"), List.of("base/gms")),
                argumentSet("an artifact that does not exist is success", none, "base", "missing", 0,
                        List.of(), List.of("base/abc/versions/1/manifest.yaml", "base/gms/abc/versions/1/tensors")),
                argumentSet("no GMS tree: deletes the artifact only", (Setup) tmp -> deleteTree(tmp.resolve("base/gms")),
                        "base", "abc", 0, List.of("base/abc"), List.of("base/other")),
                argumentSet("ID .. is refused", none, "base", "..", 1, List.of(), List.of("base/abc")),
                argumentSet("ID ../outside is refused", none, "base", "../outside", 1, List.of(), List.of("base/abc")),
                argumentSet("ID . is refused", none, "base", ".", 1, List.of(), List.of("base/abc")),
                argumentSet("empty ID is refused", none, "base", "", 1, List.of(), List.of("base/abc")),
                argumentSet("ID gms is refused", none, "base", "gms", 1, List.of(), List.of("base/gms/abc")),
                argumentSet("ID with a backslash is refused", none, "base", "a\\b", 1, List.of(), List.of("base/abc")),
                argumentSet("base path / is refused", none, "/", "podsnap-cleanup-test-nonexistent", 1, List.of(), List.of()),
                argumentSet("a relative base path is refused", none, "relative/base", "abc", 1, List.of(), List.of("base/abc")),
                argumentSet("a missing base path is refused", none, "nowhere", "abc", 1, List.of(), List.of("base/abc")),
                argumentSet("a symlink planted at <base>/<id> pointing outside is refused",
                        (Setup) tmp -> {
                            deleteTree(tmp.resolve("base/abc"));
                            Files.createSymbolicLink(tmp.resolve("base/abc"), tmp.resolve("outside"));
                        },
                        "base", "abc", 1, List.of(), List.of("base/abc", "base/gms/abc")),
                argumentSet("a symlinked GMS tree pointing outside is refused",
                        (Setup) tmp -> {
                            deleteTree(tmp.resolve("base/gms"));
                            Files.createSymbolicLink(tmp.resolve("base/gms"), tmp.resolve("outside"));
                        },
                        "base", "abc", 1, List.of("base/abc"), List.of("base/gms")),
                argumentSet("a symlink at <base>/<id> pointing inside the base: only the link goes",
                        (Setup) tmp -> {
                            deleteTree(tmp.resolve("base/abc"));
                            Files.createSymbolicLink(tmp.resolve("base/abc"), tmp.resolve("base/other"));
                        },
                        "base", "abc", 0, List.of("base/abc", "base/gms/abc"), List.of()),
                argumentSet("a symlink inside the artifact pointing outside is not followed",
                        (Setup) tmp -> Files.createSymbolicLink(tmp.resolve("base/abc/versions/1/escape"),
                                tmp.resolve("outside")),
                        "base", "abc", 0, List.of("base/abc", "base/gms/abc"), List.of()),
                argumentSet("a base path that is itself a symlink is resolved",
                        (Setup) tmp -> Files.createSymbolicLink(tmp.resolve("base-link"), tmp.resolve("base")),
                        "base-link", "abc", 0, List.of("base/abc", "base/gms/abc"), List.of("base-link")));
    }

    @ParameterizedTest
    @MethodSource("scriptCases")
    void theScriptDeletesOnlyWhatItShould(Setup setup, String base, String id, int exitCode, List<String> gone,
                                          List<String> kept, @TempDir Path tmp) throws Exception {
        layout(tmp);
        setup.apply(tmp);
        String basePath = base.startsWith("/") ? base : base.startsWith("relative") ? base : tmp.resolve(base).toString();

        Result result = runScript(basePath, id);

        assertThat(result.exitCode()).as("exit code; output:%n%s", result.output()).isEqualTo(exitCode);
        for (String path : gone) {
            assertThat(Files.exists(tmp.resolve(path), LinkOption.NOFOLLOW_LINKS)).as("%s is gone", path).isFalse();
        }
        for (String path : Stream.concat(UNTOUCHED.stream(), kept.stream()).toList()) {
            assertThat(Files.exists(tmp.resolve(path), LinkOption.NOFOLLOW_LINKS)).as("%s is kept", path).isTrue();
        }
        if (Files.isDirectory(tmp.resolve("base/gms"), LinkOption.NOFOLLOW_LINKS)) {
            assertThat(tmp.resolve("base/gms/other/versions/1/tensors")).as("the neighbour's GMS tensors are kept").exists();
        }
    }

    @Test
    void theScriptSaysWhyItRefused(@TempDir Path tmp) throws Exception {
        layout(tmp);
        deleteTree(tmp.resolve("base/abc"));
        Files.createSymbolicLink(tmp.resolve("base/abc"), tmp.resolve("outside"));

        Result result = runScript(tmp.resolve("base").toString(), "abc");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output()).contains("checkpoint-cleanup: refusing to delete " + tmp.resolve("base/abc")
                + ": it is a symlink to '" + tmp.resolve("outside").toRealPath() + "', outside "
                + tmp.resolve("base").toRealPath());
    }

    record Result(int exitCode, String output) {}

    private static Result runScript(String basePath, String id) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", CleanupJobFactory.SCRIPT).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().put("PATH", "/usr/bin:/bin");
        pb.environment().put("CHECKPOINT_BASE_PATH", basePath);
        pb.environment().put("CHECKPOINT_ID", id);
        Process process = pb.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("script finished").isTrue();
        return new Result(process.exitValue(), output);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
