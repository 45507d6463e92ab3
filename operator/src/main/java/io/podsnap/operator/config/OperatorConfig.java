package io.podsnap.operator.config;

import io.podsnap.protocol.WireNames;
import io.podsnap.protocol.storage.StorageFromConfig;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the operator is configured with. Loaded once at start from a YAML file and the environment (see
 * {@code docs/operator.md}); reconcilers get it injected and never read the environment themselves.
 *
 * @param watchNamespaces        namespaces whose DynamoCheckpoints/PodSnapshots are reconciled; empty = all.
 *                               PodSnapshotContent is cluster-scoped and always watched cluster-wide.
 * @param checkpointEnabled      feature gate {@code checkpoint.enabled}; off = checkpoints get a message, nothing is created
 * @param gmsSnapshotEnabled     internal gate for GPU-memory-service checkpoints (env DYN_OPERATOR_ALLOW_GMS_SNAPSHOT=1)
 * @param seccompProfile         Localhost seccomp profile stamped on checkpoint pods; empty = leave pods unchanged
 *                               (OpenShift, or a CRIU that can dump io_uring)
 * @param cleanupImage           image of the artifact cleanup Job
 * @param storage                explicitly configured checkpoint storage; empty = discover it from the snapshot-agent DaemonSet
 * @param leaderElection         whether to take the leader Lease before reconciling (off only for tests and single replicas)
 * @param leaderElectionLease    name of that Lease
 * @param leaderElectionNamespace namespace of that Lease (the operator's own); empty = the client's namespace
 * @param httpPort               port of /healthz, /readyz and /metrics
 */
public record OperatorConfig(
        Set<String> watchNamespaces,
        boolean checkpointEnabled,
        boolean gmsSnapshotEnabled,
        String seccompProfile,
        String cleanupImage,
        Optional<StorageFromConfig.Config> storage,
        boolean leaderElection,
        String leaderElectionLease,
        String leaderElectionNamespace,
        int httpPort) {

    public static final String DEFAULT_CLEANUP_IMAGE = "busybox:1.36";
    public static final String DEFAULT_LEADER_ELECTION_LEASE = "podsnap-operator-leader";
    public static final int DEFAULT_HTTP_PORT = 8080;

    public OperatorConfig {
        watchNamespaces = Set.copyOf(Objects.requireNonNull(watchNamespaces, "watchNamespaces"));
        seccompProfile = seccompProfile == null ? "" : seccompProfile;
        Objects.requireNonNull(cleanupImage, "cleanupImage");
        Objects.requireNonNull(storage, "storage");
    }

    /** The defaults: all namespaces, checkpoints on, GMS off, io_uring blocked, storage discovered. */
    public static OperatorConfig defaults() {
        return new OperatorConfig(Set.of(), true, false, WireNames.SECCOMP_PROFILE_BLOCK_IOURING,
                DEFAULT_CLEANUP_IMAGE, Optional.empty(), true, DEFAULT_LEADER_ELECTION_LEASE, "default",
                DEFAULT_HTTP_PORT);
    }

    public OperatorConfig withCheckpointEnabled(boolean enabled) {
        return new OperatorConfig(watchNamespaces, enabled, gmsSnapshotEnabled, seccompProfile, cleanupImage, storage,
                leaderElection, leaderElectionLease, leaderElectionNamespace, httpPort);
    }

    public OperatorConfig withGmsSnapshotEnabled(boolean enabled) {
        return new OperatorConfig(watchNamespaces, checkpointEnabled, enabled, seccompProfile, cleanupImage, storage,
                leaderElection, leaderElectionLease, leaderElectionNamespace, httpPort);
    }

    public OperatorConfig withStorage(StorageFromConfig.Config config) {
        return new OperatorConfig(watchNamespaces, checkpointEnabled, gmsSnapshotEnabled, seccompProfile, cleanupImage,
                Optional.of(config), leaderElection, leaderElectionLease, leaderElectionNamespace, httpPort);
    }

    public OperatorConfig withLeaderElection(boolean enabled) {
        return new OperatorConfig(watchNamespaces, checkpointEnabled, gmsSnapshotEnabled, seccompProfile, cleanupImage,
                storage, enabled, leaderElectionLease, leaderElectionNamespace, httpPort);
    }

    public OperatorConfig withWatchNamespaces(Set<String> namespaces) {
        return new OperatorConfig(namespaces, checkpointEnabled, gmsSnapshotEnabled, seccompProfile, cleanupImage,
                storage, leaderElection, leaderElectionLease, leaderElectionNamespace, httpPort);
    }

    public OperatorConfig withSeccompProfile(String profile) {
        return new OperatorConfig(watchNamespaces, checkpointEnabled, gmsSnapshotEnabled, profile, cleanupImage,
                storage, leaderElection, leaderElectionLease, leaderElectionNamespace, httpPort);
    }

    public OperatorConfig withCleanupImage(String image) {
        return new OperatorConfig(watchNamespaces, checkpointEnabled, gmsSnapshotEnabled, seccompProfile, image,
                storage, leaderElection, leaderElectionLease, leaderElectionNamespace, httpPort);
    }

    /** Leader election on, with this Lease. */
    public OperatorConfig withLeaderElection(String lease, String namespace) {
        return new OperatorConfig(watchNamespaces, checkpointEnabled, gmsSnapshotEnabled, seccompProfile, cleanupImage,
                storage, true, lease, namespace, httpPort);
    }

    public OperatorConfig withHttpPort(int port) {
        return new OperatorConfig(watchNamespaces, checkpointEnabled, gmsSnapshotEnabled, seccompProfile, cleanupImage,
                storage, leaderElection, leaderElectionLease, leaderElectionNamespace, port);
    }
}
