package io.podsnap.protocol.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LaunchJobTest {

    private static final List<String> PREFIX = List.of("--launch-job", "/bin/sh", "-c", LaunchJob.SCRIPT,
            "dynamo-cuda-checkpoint", "/snapshot-control/cuda-checkpoint-job");

    static Stream<Arguments> wrapping() {
        return Stream.of(
                argumentSet("command only", List.of("python3", "serve.py"), null,
                        concat(PREFIX, List.of("python3", "serve.py"))),
                argumentSet("command and args", List.of("python3"), List.of("-m", "worker"),
                        concat(PREFIX, List.of("python3", "-m", "worker"))),
                argumentSet("already wrapped is left alone", List.of("cuda-checkpoint"), concat(PREFIX, List.of("python3")),
                        concat(PREFIX, List.of("python3"))));
    }

    @ParameterizedTest
    @MethodSource("wrapping")
    void wraps(List<String> command, List<String> args, List<String> expectedArgs) {
        Container c = new ContainerBuilder().withName("main").withCommand(command).withArgs(args).build();
        LaunchJob.wrap(c);
        assertThat(c.getCommand()).containsExactly("cuda-checkpoint");
        assertThat(c.getArgs()).isEqualTo(expectedArgs);
        assertThat(LaunchJob.isWrapped(c)).isTrue();
    }

    @Test
    void aPartialPrefixIsNotMistakenForAWrapper() {
        Container c = new ContainerBuilder().withName("main").withCommand("cuda-checkpoint")
                .withArgs("--launch-job", "python3").build();
        assertThat(LaunchJob.isWrapped(c)).isFalse();
        LaunchJob.wrap(c);
        assertThat(c.getArgs()).isEqualTo(concat(PREFIX, List.of("cuda-checkpoint", "--launch-job", "python3")));
    }

    @Test
    void refusesAContainerWithoutCommand() {
        Container c = new ContainerBuilder().withName("main").withArgs("--serve").build();
        assertThatThrownBy(() -> LaunchJob.wrap(c)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("launch-job wrapping needs container main to set command");
    }

    /** The shim itself, run by a real /bin/sh the way cuda-checkpoint --launch-job runs it. */
    @Test
    void theShimCopiesTheJobFileAndExecsTheOriginalCommand(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs /bin/sh");
        Path driverFile = Files.writeString(dir.resolve("driver-job"), "job-state");
        Path stable = dir.resolve("cuda-checkpoint-job");

        Result r = runShim(driverFile.toString(), stable, "/bin/sh", "-c", "echo \"$CUDA_CHECKPOINT_JOB_FILE\"; echo \"$1\"", "x", "arg one");

        assertThat(r.exit).isZero();
        assertThat(r.stdout).isEqualTo(stable + "\narg one\n");
        assertThat(Files.readString(stable)).isEqualTo("job-state");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stable))).isEqualTo("rw-------");
        assertThat(dir.resolve("cuda-checkpoint-job.tmp")).doesNotExist();
    }

    @Test
    void theShimFailsWithoutTheDriverVariable(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs /bin/sh");
        Path stable = dir.resolve("cuda-checkpoint-job");

        Result r = runShim(null, stable, "/bin/echo", "must not run");

        assertThat(r.exit).isEqualTo(1);
        assertThat(r.stdout).isEmpty();
        assertThat(r.stderr).contains("CUDA_CHECKPOINT_JOB_FILE is not set").contains("driver >= 610");
        assertThat(stable).doesNotExist();
    }

    private record Result(int exit, String stdout, String stderr) {}

    private static Result runShim(String jobFile, Path stable, String... argv) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("/bin/sh", "-c", LaunchJob.SCRIPT, LaunchJob.SHIM_NAME, stable.toString()));
        cmd.addAll(List.of(argv));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("CUDA_CHECKPOINT_JOB_FILE");
        if (jobFile != null) {
            pb.environment().put("CUDA_CHECKPOINT_JOB_FILE", jobFile);
        }
        Process p = pb.start();
        p.getOutputStream().close();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).as("shim finished").isTrue();
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
