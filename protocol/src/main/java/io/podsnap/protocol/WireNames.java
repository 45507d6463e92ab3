package io.podsnap.protocol;

/**
 * Every name that crosses a process boundary — labels, annotations, finalizers, env vars, volumes, mount paths,
 * sentinel files — spelled exactly as on the wire. Manifests written for the Dynamo snapshot system must keep
 * working unchanged, so these strings are a compatibility contract: never rename one, only add.
 *
 * <p>Source: shared/reference/dynamo-snapshot.md §2 and dynamo-operator-checkpoint.md §2.
 */
public final class WireNames {
    private WireNames() {}

    /** API group and version of DynamoCheckpoint, PodSnapshot and PodSnapshotContent. */
    public static final String GROUP = "nvidia.com";
    public static final String VERSION = "v1alpha1";
    public static final String API_VERSION = GROUP + "/" + VERSION;

    // ---- labels -------------------------------------------------------------------------------------------

    /** The checkpoint (artifact) ID, on DynamoCheckpoints, checkpoint Jobs and their pods, PodSnapshots, restore pods. */
    public static final String LABEL_CHECKPOINT_ID = "nvidia.com/snapshot-checkpoint-id";
    /** {@code "true"} on the checkpoint Job's pod template: the pod that will be dumped. */
    public static final String LABEL_IS_CHECKPOINT_SOURCE = "nvidia.com/snapshot-is-checkpoint-source";
    /** {@code "true"}, added by the agent's pre-bind gate to a validated source pod; only such pods drive capture. */
    public static final String LABEL_CAPTURE_ELIGIBLE = "nvidia.com/snapshot-capture-eligible";
    /** {@code "true"} on restore-shaped pods (older restore shaping; the selector below is authoritative). */
    public static final String LABEL_IS_RESTORE_TARGET = "nvidia.com/snapshot-is-restore-target";
    /** Copy of {@code spec.source.nodeName} on a PodSnapshotContent, so each agent watches only its own work. */
    public static final String LABEL_SNAPSHOT_NODE = "nvidia.com/snapshot-node";
    /** Name of the owning DynamoCheckpoint, on its PodSnapshot and on the checkpoint Job's pod template. */
    public static final String LABEL_SNAPSHOT_OWNER = "nvidia.com/snapshot-owner";
    /** Legacy identity-hash lookup label on DynamoCheckpoints (auto mode, state B). */
    public static final String LABEL_CHECKPOINT_HASH = "nvidia.com/snapshot-checkpoint-hash";
    /** Set by Kubernetes on a Job's pods. */
    public static final String LABEL_JOB_NAME = "batch.kubernetes.io/job-name";
    /** Storage discovery selector on the snapshot-agent DaemonSet: {@code app.kubernetes.io/component=snapshot-agent}. */
    public static final String LABEL_COMPONENT = "app.kubernetes.io/component";
    public static final String COMPONENT_SNAPSHOT_AGENT = "snapshot-agent";

    /** Restore targets: pods that carry a checkpoint ID and are not checkpoint sources. */
    public static final String RESTORE_POD_SELECTOR = LABEL_CHECKPOINT_ID + ",!" + LABEL_IS_CHECKPOINT_SOURCE;

    // ---- Dynamo provenance labels (DGD-managed checkpoints) ------------------------------------------------

    public static final String LABEL_DGD_NAME = "nvidia.com/dynamo-graph-deployment-name";
    public static final String LABEL_DYNAMO_COMPONENT = "nvidia.com/dynamo-component";
    public static final String LABEL_DYNAMO_WORKER_HASH = "nvidia.com/dynamo-worker-hash";
    public static final String LABEL_DYNAMO_NAMESPACE = "nvidia.com/dynamo-namespace";
    public static final String LABEL_DYNAMO_COMPONENT_TYPE = "nvidia.com/dynamo-component-type";

    // ---- annotations --------------------------------------------------------------------------------------

    /** Artifact format version segment of the storage path; blank means {@link #DEFAULT_ARTIFACT_VERSION}. */
    public static final String ANNOTATION_ARTIFACT_VERSION = "nvidia.com/snapshot-artifact-version";
    public static final String DEFAULT_ARTIFACT_VERSION = "1";
    /** Comma-separated target containers: exactly one on a checkpoint pod, one or more on a restore pod. */
    public static final String ANNOTATION_TARGET_CONTAINERS = "nvidia.com/snapshot-target-containers";
    /** {@code completed}/{@code failed}, written by the agent on the checkpoint Job (state C protocol). */
    public static final String ANNOTATION_CHECKPOINT_STATUS = "nvidia.com/snapshot-checkpoint-status";
    /** Per-container restore progress: prefix; the full key is {@code <prefix>.<container>}. */
    public static final String ANNOTATION_RESTORE_STATUS = "nvidia.com/snapshot-restore-status";
    /** Per-container runtime container ID of the restore attempt: prefix; full key {@code <prefix>.<container>}. */
    public static final String ANNOTATION_RESTORE_CONTAINER_ID = "nvidia.com/snapshot-restore-container-id";
    public static final String RESTORE_STATUS_IN_PROGRESS = "in_progress";
    public static final String RESTORE_STATUS_COMPLETED = "completed";
    public static final String RESTORE_STATUS_FAILED = "failed";
    /** Per-pod storage overrides on restore pods. */
    public static final String ANNOTATION_STORAGE_TYPE = "nvidia.com/snapshot-storage-type";
    public static final String ANNOTATION_STORAGE_BASE_PATH = "nvidia.com/snapshot-storage-base-path";
    /** Name of the same-namespace PodSnapshot to restore from. */
    public static final String ANNOTATION_RESTORE_FROM = "nvidia.com/restore-from";
    /** {@code src=dst,src=dst2}: clone the captured container into differently named destinations. */
    public static final String ANNOTATION_RESTORE_CONTAINER_MAP = "nvidia.com/restore-container-map";
    /** {@code manual}: restore waits for a trigger (benchmark variant). */
    public static final String ANNOTATION_RESTORE_MODE = "nvidia.com/snapshot-restore-mode";
    public static final String ANNOTATION_RESTORE_TRIGGER = "nvidia.com/snapshot-restore-trigger";
    public static final String ANNOTATION_PAGEBROKER = "nvidia.com/pagebroker";

    /** {@code "true"} on DGD-managed (automatic) DynamoCheckpoints; any other value is invalid. */
    public static final String ANNOTATION_AUTO_CHECKPOINT = "nvidia.com/dynamo-auto-checkpoint";
    public static final String ANNOTATION_CHECKPOINT_DELETION_POLICY = "nvidia.com/dynamo-checkpoint-deletion-policy";
    public static final String ANNOTATION_CHECKPOINT_OWNER_UID = "nvidia.com/dynamo-checkpoint-owner-uid";

    /** Injected service-mesh sidecars would keep a checkpoint Job's pod alive and block Job completion. */
    public static final String ANNOTATION_LINKERD_INJECT = "linkerd.io/inject";
    public static final String LINKERD_INJECT_DISABLED = "disabled";
    public static final String ANNOTATION_ISTIO_INJECT = "sidecar.istio.io/inject";
    public static final String ISTIO_INJECT_DISABLED = "false";

    // ---- finalizers ---------------------------------------------------------------------------------------

    /** On PodSnapshot: the bound PodSnapshotContent is deleted before the PodSnapshot goes. */
    public static final String FINALIZER_CONTENT_CLEANUP = "nvidia.com/podsnapshotcontent-cleanup";

    // ---- conditions ---------------------------------------------------------------------------------------

    /** Shared condition vocabulary of PodSnapshot and PodSnapshotContent; kept mutually exclusive when True. */
    public static final String CONDITION_READY = "Ready";
    public static final String CONDITION_FAILED = "Failed";

    // ---- control volume and sentinels (the workload <-> agent contract) -------------------------------------

    /** emptyDir shared by the pod; each target container mounts it with {@code subPath=<containerName>}. */
    public static final String CONTROL_VOLUME = "snapshot-control";
    public static final String CONTROL_MOUNT_PATH = "/snapshot-control";
    public static final String ENV_CONTROL_DIR = "SNAPSHOT_CONTROL_DIR";
    /** Legacy alias of {@link #ENV_CONTROL_DIR}, still read by deployed workloads. */
    public static final String ENV_CONTROL_DIR_LEGACY = "DYN_SNAPSHOT_CONTROL_DIR";
    /** Written by the workload when it is loaded and quiesced; the source readiness probe reads it. */
    public static final String SENTINEL_READY_FOR_SNAPSHOT = "ready-for-snapshot";
    /** Older name of {@link #SENTINEL_READY_FOR_SNAPSHOT}. */
    public static final String SENTINEL_READY_FOR_CHECKPOINT_LEGACY = "ready-for-checkpoint";
    /** Written by the agent after a successful dump; the workload is expected to exit. */
    public static final String SENTINEL_SNAPSHOT_COMPLETE = "snapshot-complete";
    /** Written by the agent after a successful restore; the restore startup probe reads it. */
    public static final String SENTINEL_RESTORE_COMPLETE = "restore-complete";
    /** Persisted CUDA launch-job state file (multi-GPU). */
    public static final String SENTINEL_CUDA_CHECKPOINT_JOB = "cuda-checkpoint-job";

    // ---- storage ------------------------------------------------------------------------------------------

    /** Pod volume that mounts the checkpoint PVC on restore targets. */
    public static final String STORAGE_VOLUME = "checkpoint-storage";
    /** Volume of the snapshot-agent DaemonSet that holds the checkpoint PVC (storage discovery). */
    public static final String AGENT_CHECKPOINTS_VOLUME = "checkpoints";
    /** Container of the snapshot-agent DaemonSet that mounts {@link #AGENT_CHECKPOINTS_VOLUME}. */
    public static final String AGENT_CONTAINER = "agent";
    public static final String STORAGE_TYPE_PVC = "pvc";
    public static final String STORAGE_TYPE_S3 = "s3";
    public static final String DEFAULT_STORAGE_BASE_PATH = "/checkpoints";

    // ---- artifact directory: <base>/<checkpointID>/versions/<artifactVersion> ------------------------------

    /** Completion marker of an artifact directory, written last; its presence means the artifact is whole. */
    public static final String ARTIFACT_MANIFEST = "manifest.yaml";
    /** Path segment between the checkpoint ID and the artifact version. */
    public static final String ARTIFACT_VERSIONS_DIR = "versions";
    /** Staging parent inside {@code versions/}: {@code <base>/<id>/versions/tmp/<uuid>}, renamed into place when done. */
    public static final String ARTIFACT_STAGING_DIR = "tmp";
    /** GPU memory service tensors live under {@code <base>/gms/<checkpointID>/versions/<artifactVersion>}. */
    public static final String GMS_ARTIFACT_DIR = "gms";

    // ---- object names (other processes find these objects by name) ------------------------------------------

    /** {@code checkpoint-job-<checkpointID>-<artifactVersion>}: bumping the version starts a new Job. */
    public static final String CHECKPOINT_JOB_PREFIX = "checkpoint-job-";
    /** {@code checkpoint-cleanup-<checkpointID>}: deletes an automatic checkpoint's artifact. */
    public static final String CLEANUP_JOB_PREFIX = "checkpoint-cleanup-";
    /** {@code checkpoint-lease-<checkpointID>}: held by the agent while it dumps. */
    public static final String CHECKPOINT_LEASE_PREFIX = "checkpoint-lease-";
    /** {@code podsnapshotcontent-<PodSnapshot UID>}, like a PV's {@code pvc-<uid>}. */
    public static final String POD_SNAPSHOT_CONTENT_PREFIX = "podsnapshotcontent-";
    /** {@code checkpoint-<checkpointID>}: a DGD-managed DynamoCheckpoint, and the restore-from value pointing at it. */
    public static final String AUTOMATIC_CHECKPOINT_PREFIX = "checkpoint-";
    /** {@code <pod>-checkpoint}: the Job snapshotctl creates. */
    public static final String SNAPSHOTCTL_JOB_SUFFIX = "-checkpoint";

    // ---- other pod shaping --------------------------------------------------------------------------------

    /** Localhost seccomp profile that blocks io_uring (CRIU cannot dump io_uring mappings). */
    public static final String SECCOMP_PROFILE_BLOCK_IOURING = "profiles/block-iouring.json";
    public static final String SHARED_MEMORY_VOLUME = "shared-memory";
    public static final String SHARED_MEMORY_MOUNT_PATH = "/dev/shm";
    public static final String DEFAULT_SHARED_MEMORY_SIZE = "8Gi";
    public static final String PODINFO_VOLUME = "podinfo";
    public static final String PODINFO_MOUNT_PATH = "/etc/podinfo";
    /** Set on restore targets once their checkpoint is Ready. */
    public static final String ENV_RESTORE_STANDBY = "DYN_SNAPSHOT_RESTORE_STANDBY";
    public static final String ENV_CUDA_CHECKPOINT_JOB_FILE = "CUDA_CHECKPOINT_JOB_FILE";
    public static final String CUDA_CHECKPOINT_BINARY = "cuda-checkpoint";
    public static final String DEFAULT_TARGET_CONTAINER = "main";

    // ---- agent ---------------------------------------------------------------------------------------------

    public static final String ENV_NODE_NAME = "NODE_NAME";
    public static final String ENV_RESTRICTED_NAMESPACE = "RESTRICTED_NAMESPACE";
    public static final String ENV_LOG_LEVEL = "SNAPSHOT_LOG_LEVEL";
    public static final String AGENT_CONFIG_PATH = "/etc/snapshot/config.yaml";
    /** Lease holder identity prefix: {@code snapshot-agent/<uuid>}. */
    public static final String AGENT_HOLDER_PREFIX = "snapshot-agent/";
    /** Field manager of every podsnap-operator write (Server-Side Apply and plain). */
    public static final String OPERATOR_FIELD_MANAGER = "podsnap-operator";

    // ---- GPU memory service -------------------------------------------------------------------------------

    public static final String GMS_CONTROL_VOLUME = "gms-intrapod-control";
    public static final String GMS_CONTROL_MOUNT_PATH = "/gms-intrapod-control";
    public static final String ENV_GMS_SOCKET_DIR = "GMS_SOCKET_DIR";
    public static final String ENV_GMS_CHECKPOINT_DIR = "GMS_CHECKPOINT_DIR";
    public static final String GMS_SERVER_CONTAINER = "gms-server";
    public static final String GMS_LOADER_CONTAINER = "gms-loader";
    public static final String GMS_SAVER_CONTAINER = "gms-saver";
    public static final String GMS_RESOURCE_CLAIM = "intrapod-shared-gpu";
    public static final String GMS_DEFAULT_DEVICE_CLASS = "gpu.nvidia.com";

    /** Full per-container restore-status key: {@code nvidia.com/snapshot-restore-status.<container>}. */
    public static String restoreStatusKey(String container) {
        return ANNOTATION_RESTORE_STATUS + "." + container;
    }

    /** Full per-container restore-container-ID key: {@code nvidia.com/snapshot-restore-container-id.<container>}. */
    public static String restoreContainerIdKey(String container) {
        return ANNOTATION_RESTORE_CONTAINER_ID + "." + container;
    }

    /**
     * True for every restore-progress annotation: the per-container {@code restore-status.<container>} and
     * {@code restore-container-id.<container>} keys and their legacy unscoped forms. Re-stamping restore metadata
     * clears all of them, so a stale "completed" never suppresses a new restore attempt.
     */
    public static boolean isRestoreProgressKey(String key) {
        return key.equals(ANNOTATION_RESTORE_STATUS) || key.startsWith(ANNOTATION_RESTORE_STATUS + ".")
                || key.equals(ANNOTATION_RESTORE_CONTAINER_ID) || key.startsWith(ANNOTATION_RESTORE_CONTAINER_ID + ".");
    }

    /** Path of a sentinel inside a target container's control directory. */
    public static String controlFile(String sentinel) {
        return CONTROL_MOUNT_PATH + "/" + sentinel;
    }
}
