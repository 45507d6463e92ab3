package io.podsnap.protocol.artifact;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code manifest.yaml} of an artifact directory: the YAML (camelCase) shape the Dynamo snapshot agent writes
 * (dynamo-snapshot.md §5.2), plus podsnap's additions — {@code formatVersion}, {@code container},
 * {@code kernelVersion}, {@code criuVersion} and {@code files}. A Go agent ignores the additions, and this model
 * ignores fields it does not know, so a newer writer within the same format version stays readable.
 *
 * <p>Collections are never {@code null} (missing means empty); {@code cudaRestore} is {@code null} when the
 * source had no CUDA processes.
 *
 * @param formatVersion which manifest format; readers refuse versions they do not know
 * @param checkpointId  the checkpoint ID this artifact belongs to; never blank
 * @param createdAt     when the capture finished, UTC
 * @param container     the captured container
 * @param kernelVersion the source node's kernel release ({@code uname -r}); CRIU images do not load across
 *                      arbitrary kernels
 * @param criuVersion   version of the CRIU that dumped the images
 * @param criuDump      the CRIU dump options restore must mirror
 * @param k8s           where the source ran
 * @param overlay       the container rootfs state captured next to the images
 * @param cudaRestore   CUDA state to restore, or {@code null}
 * @param files         every other file of the directory with size and SHA-256, sorted by path
 */
@JsonPropertyOrder({"formatVersion", "checkpointId", "createdAt", "container", "kernelVersion", "criuVersion",
        "criuDump", "k8s", "overlay", "cudaRestore", "files"})
public record Manifest(
        int formatVersion,
        String checkpointId,
        Instant createdAt,
        Container container,
        String kernelVersion,
        String criuVersion,
        CriuDump criuDump,
        K8s k8s,
        Overlay overlay,
        CudaRestore cudaRestore,
        List<FileEntry> files) {

    /** The only format this code writes and reads. */
    public static final int CURRENT_FORMAT_VERSION = 1;

    public Manifest {
        container = container == null ? new Container(null, null, null) : container;
        criuDump = criuDump == null ? new CriuDump(null, null, null, null) : criuDump;
        k8s = k8s == null ? new K8s(null, 0, null, null, null, null, null) : k8s;
        overlay = overlay == null ? new Overlay(null, null, null, null) : overlay;
        files = listOrEmpty(files);
    }

    /** This manifest with {@code files} replaced and the current format version. */
    public Manifest withFiles(List<FileEntry> newFiles) {
        return new Manifest(CURRENT_FORMAT_VERSION, checkpointId, createdAt, container, kernelVersion, criuVersion,
                criuDump, k8s, overlay, cudaRestore, newFiles);
    }

    /** The captured container; {@code imageDigest} lets restore refuse a different image under the same tag. */
    @JsonPropertyOrder({"name", "image", "imageDigest"})
    public record Container(String name, String image, String imageDigest) {}

    /** Dump-time CRIU options; restore must use matching external mounts and settings. */
    @JsonPropertyOrder({"criu", "extMnt", "external", "skipMnt"})
    public record CriuDump(
            CriuSettings criu,
            @JsonProperty("extMnt") Map<String, String> extMnt,
            List<String> external,
            @JsonProperty("skipMnt") List<String> skipMnt) {
        public CriuDump {
            criu = criu == null ? CriuSettings.DEFAULTS : criu;
            extMnt = extMnt == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(extMnt));
            external = listOrEmpty(external);
            skipMnt = listOrEmpty(skipMnt);
        }
    }

    /**
     * The CRIU settings block, key for key as the agent configuration and Dynamo's manifest spell it.
     * {@code ghostLimit} is a Go {@code uint32}, hence {@code long}. {@code imageIoMode} is {@code writeback},
     * {@code direct} or empty.
     */
    @JsonPropertyOrder({"ghostLimit", "logLevel", "workDir", "autoDedup", "lazyPages", "leaveRunning", "shellJob",
            "tcpClose", "tcpEstablished", "fileLocks", "orphanPtsMaster", "extUnixSk", "linkRemap", "extMasters",
            "manageCgroupsMode", "imageIoMode", "rstSibling", "mntnsCompatMode", "evasiveDevices", "forceIrmap",
            "binaryPath", "libDir", "allowUprobes", "skipInFlight"})
    public record CriuSettings(
            long ghostLimit,
            int logLevel,
            String workDir,
            boolean autoDedup,
            boolean lazyPages,
            boolean leaveRunning,
            boolean shellJob,
            boolean tcpClose,
            boolean tcpEstablished,
            boolean fileLocks,
            boolean orphanPtsMaster,
            boolean extUnixSk,
            boolean linkRemap,
            boolean extMasters,
            String manageCgroupsMode,
            String imageIoMode,
            boolean rstSibling,
            boolean mntnsCompatMode,
            boolean evasiveDevices,
            boolean forceIrmap,
            String binaryPath,
            String libDir,
            boolean allowUprobes,
            boolean skipInFlight) {

        /** Every setting at its zero value, as Go leaves an unset struct. */
        public static final CriuSettings DEFAULTS = new CriuSettings(0, 0, null, false, false, false, false, false,
                false, false, false, false, false, false, null, null, false, false, false, false, null, null, false, false);
    }

    /** The source pod and process; {@code stdioFDs} are the readlink targets of fds 0, 1, 2 (e.g. {@code pipe:[1234]}). */
    @JsonPropertyOrder({"containerId", "pid", "sourceNode", "podName", "podNamespace", "podIP", "stdioFDs"})
    public record K8s(
            String containerId,
            int pid,
            String sourceNode,
            String podName,
            String podNamespace,
            @JsonProperty("podIP") String podIP,
            @JsonProperty("stdioFDs") List<String> stdioFDs) {
        public K8s {
            stdioFDs = listOrEmpty(stdioFDs);
        }
    }

    /** Rootfs state: the overlay upperdir that was diffed, and mount destinations that were not part of it. */
    @JsonPropertyOrder({"exclusions", "upperDir", "externalPaths", "bindMountDests"})
    public record Overlay(Exclusions exclusions, String upperDir, List<String> externalPaths, List<String> bindMountDests) {
        public Overlay {
            exclusions = exclusions == null ? new Exclusions(null) : exclusions;
            externalPaths = listOrEmpty(externalPaths);
            bindMountDests = listOrEmpty(bindMountDests);
        }
    }

    /** Paths left out of the rootfs diff (nested as {@code exclusions: {exclusions: [..]}} on the wire). */
    public record Exclusions(List<String> exclusions) {
        public Exclusions {
            exclusions = listOrEmpty(exclusions);
        }
    }

    /**
     * CUDA state: the innermost-namespace PIDs that held CUDA contexts and the GPUs they ran on.
     * {@code storageMode} is {@code legacy} or {@code posix}; empty means {@code legacy}, the mode of manifests
     * written before it existed.
     */
    @JsonPropertyOrder({"pids", "sourceGpuUuids", "storageMode"})
    public record CudaRestore(List<Integer> pids, @JsonProperty("sourceGpuUuids") List<String> sourceGpuUuids, String storageMode) {
        public static final String STORAGE_MODE_LEGACY = "legacy";
        public static final String STORAGE_MODE_POSIX = "posix";

        public CudaRestore {
            pids = listOrEmpty(pids);
            sourceGpuUuids = listOrEmpty(sourceGpuUuids);
        }

        /** {@code storageMode}, lowercased, with empty read as {@link #STORAGE_MODE_LEGACY}. */
        public String effectiveStorageMode() {
            return storageMode == null || storageMode.isBlank() ? STORAGE_MODE_LEGACY : storageMode.strip().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One file of the artifact.
     *
     * @param path   relative to the artifact directory, {@code /}-separated, no {@code .} or {@code ..} segments
     * @param size   in bytes
     * @param sha256 lowercase hex
     */
    @JsonPropertyOrder({"path", "size", "sha256"})
    public record FileEntry(String path, long size, String sha256) {}

    private static <T> List<T> listOrEmpty(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}
