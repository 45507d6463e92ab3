package io.podsnap.protocol.checkpoint;

import static io.podsnap.protocol.WireNames.CUDA_CHECKPOINT_BINARY;
import static io.podsnap.protocol.WireNames.ENV_CUDA_CHECKPOINT_JOB_FILE;
import static io.podsnap.protocol.WireNames.SENTINEL_CUDA_CHECKPOINT_JOB;
import static io.podsnap.protocol.WireNames.controlFile;

import io.fabric8.kubernetes.api.model.Container;
import java.util.ArrayList;
import java.util.List;

/**
 * Wraps a multi-GPU workload in {@code cuda-checkpoint --launch-job}. The driver creates a launch job spanning all
 * processes of the workload and names its transient state file in {@code CUDA_CHECKPOINT_JOB_FILE}; the agent needs
 * that file at dump time, so a small shell shim copies it to a stable path inside the control directory before it
 * {@code exec}s the original command.
 *
 * <p>Resulting argv: {@code cuda-checkpoint --launch-job /bin/sh -c <SCRIPT> dynamo-cuda-checkpoint
 * /snapshot-control/cuda-checkpoint-job <original command...> <original args...>}. The six arguments after
 * {@code cuda-checkpoint} are fixed, which is how an already wrapped container is recognised.
 */
public final class LaunchJob {
    private LaunchJob() {}

    /** {@code $0} of the shim; shows up in process listings. */
    public static final String SHIM_NAME = "dynamo-cuda-checkpoint";
    /** Stable path of the persisted launch-job state file, inside the target's control directory. */
    public static final String STABLE_JOB_FILE = controlFile(SENTINEL_CUDA_CHECKPOINT_JOB);

    /**
     * The shim. {@code $1} is the stable path, the rest is the original argv. The copy goes through a temp file and
     * a rename so the agent never stages a half-written job file; umask 077 because the file grants control over
     * the workload's GPU state.
     */
    public static final String SCRIPT = String.join("\n",
            "set -eu",
            "if [ -z \"${" + ENV_CUDA_CHECKPOINT_JOB_FILE + ":-}\" ]; then",
            "  echo \"" + SHIM_NAME + ": " + ENV_CUDA_CHECKPOINT_JOB_FILE
                    + " is not set; cuda-checkpoint --launch-job needs NVIDIA driver >= 610\" >&2",
            "  exit 1",
            "fi",
            "umask 077",
            "dst=\"$1\"",
            "shift",
            "cp \"$" + ENV_CUDA_CHECKPOINT_JOB_FILE + "\" \"$dst.tmp\"",
            "mv -f \"$dst.tmp\" \"$dst\"",
            "export " + ENV_CUDA_CHECKPOINT_JOB_FILE + "=\"$dst\"",
            "exec \"$@\"");

    /** The fixed arguments between {@code cuda-checkpoint} and the original argv. */
    public static final List<String> ARGS_PREFIX = List.of(
            "--launch-job", "/bin/sh", "-c", SCRIPT, SHIM_NAME, STABLE_JOB_FILE);

    /** True if the container already runs under the launch-job shim. */
    public static boolean isWrapped(Container container) {
        List<String> args = container.getArgs();
        return List.of(CUDA_CHECKPOINT_BINARY).equals(container.getCommand())
                && args != null && args.size() >= ARGS_PREFIX.size()
                && ARGS_PREFIX.equals(args.subList(0, ARGS_PREFIX.size()));
    }

    /**
     * Wraps the container's entrypoint; a container that is already wrapped is left as it is. Mutates the container.
     *
     * @throws IllegalArgumentException if the container has no command: the image entrypoint is not known here and
     *                                  so cannot be wrapped
     */
    public static void wrap(Container container) {
        if (isWrapped(container)) {
            return;
        }
        if (container.getCommand() == null || container.getCommand().isEmpty()) {
            throw new IllegalArgumentException("launch-job wrapping needs container " + container.getName()
                    + " to set command: the image entrypoint cannot be wrapped; set command (and args) explicitly");
        }
        List<String> args = new ArrayList<>(ARGS_PREFIX);
        args.addAll(container.getCommand());
        if (container.getArgs() != null) {
            args.addAll(container.getArgs());
        }
        container.setCommand(new ArrayList<>(List.of(CUDA_CHECKPOINT_BINARY)));
        container.setArgs(args);
    }
}
