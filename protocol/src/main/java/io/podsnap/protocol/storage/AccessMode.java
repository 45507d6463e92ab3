package io.podsnap.protocol.storage;

/**
 * Who mounts the checkpoint PVC. Constant names are the wire strings of {@code storage.accessMode}.
 */
public enum AccessMode {
    /** The agent DaemonSet mounts the PVC at the base path; host path = container path; the PVC must be RWX. */
    agentMount,
    /** Workload pods mount the PVC; the agent reaches it through {@code /host/proc/<pid>/root/<basePath>}. */
    podMount;

    /** Parses the wire string; blank means {@link #agentMount}, the default. */
    public static AccessMode fromWire(String value) {
        if (value == null || value.isBlank()) {
            return agentMount;
        }
        for (AccessMode mode : values()) {
            if (mode.name().equals(value.trim())) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown storage access mode " + value + "; expected agentMount or podMount");
    }
}
