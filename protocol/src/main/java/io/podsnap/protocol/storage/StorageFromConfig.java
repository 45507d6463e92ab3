package io.podsnap.protocol.storage;

import static io.podsnap.protocol.WireNames.STORAGE_TYPE_PVC;
import static io.podsnap.protocol.WireNames.STORAGE_TYPE_S3;

import java.util.Optional;

/**
 * Resolves the operator's configured checkpoint storage (operator reference §13, {@code StorageFromConfig}). An empty
 * result means "not configured": the caller falls back to {@link StorageDiscovery}.
 */
public final class StorageFromConfig {
    private StorageFromConfig() {}

    /** Storage type reserved for OCI registries; like s3 it is recognised but not implemented. */
    public static final String STORAGE_TYPE_OCI = "oci";
    /**
     * Operator access mode in which the agent injects artifacts into the restore target itself, so the workload never
     * mounts the PVC. Resolved as {@link AccessMode#agentMount} with no PVC name, which keeps restore shaping from
     * adding the volume.
     */
    public static final String ACCESS_MODE_AGENT_INJECT = "agentInject";

    /**
     * The storage part of the operator configuration ({@code checkpoint.storage}).
     *
     * @param type       storage type; blank means pvc
     * @param accessMode agentMount (default), podMount or agentInject
     * @param pvcName    {@code pvc.pvcName}
     * @param basePath   {@code pvc.basePath}
     */
    public record Config(String type, String accessMode, String pvcName, String basePath) {}

    /**
     * @return the configured storage, or empty when nothing usable is configured (nothing at all, or only an s3/oci
     *         type, which are recognised but not implemented)
     * @throws IllegalArgumentException for an unknown type, a missing or relative base path, a missing PVC name, or an
     *                                  unknown access mode
     */
    public static Optional<Storage> resolve(Config config) {
        if (config == null) {
            return Optional.empty();
        }
        String type = trim(config.type());
        boolean hasPvcSettings = !trim(config.pvcName()).isEmpty() || !trim(config.basePath()).isEmpty();
        if (type.isEmpty() && !hasPvcSettings && trim(config.accessMode()).isEmpty()) {
            return Optional.empty();
        }
        if ((type.equals(STORAGE_TYPE_S3) || type.equals(STORAGE_TYPE_OCI)) && !hasPvcSettings) {
            return Optional.empty();
        }
        if (!type.isEmpty() && !type.equals(STORAGE_TYPE_PVC)) {
            throw new IllegalArgumentException("checkpoint storage type " + type + " is not supported: only "
                    + STORAGE_TYPE_PVC + " is implemented today");
        }
        String basePath;
        try {
            basePath = Storage.normalizeBasePath(config.basePath());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("checkpoint storage: " + e.getMessage(), e);
        }
        boolean agentInject = ACCESS_MODE_AGENT_INJECT.equals(trim(config.accessMode()));
        AccessMode mode = agentInject ? AccessMode.agentMount : AccessMode.fromWire(config.accessMode());
        String pvcName = trim(config.pvcName());
        if (agentInject) {
            pvcName = "";
        } else if (pvcName.isEmpty()) {
            throw new IllegalArgumentException("checkpoint storage: pvcName is required for access mode " + mode
                    + " (only " + ACCESS_MODE_AGENT_INJECT + " works without one)");
        }
        return Optional.of(new Storage(STORAGE_TYPE_PVC, pvcName, basePath, mode));
    }

    private static String trim(String s) {
        return s == null ? "" : s.trim();
    }
}
