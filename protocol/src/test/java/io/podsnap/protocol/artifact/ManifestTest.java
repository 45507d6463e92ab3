package io.podsnap.protocol.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import io.podsnap.protocol.artifact.ArtifactProblem.Kind;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ManifestTest {

    private static final String ID = Manifests.CHECKPOINT_ID;

    @Test
    void roundTripsEveryField() throws Exception {
        Manifest written = Manifests.full().withFiles(List.of(new Manifest.FileEntry("pages-1.img", 4096, "ab".repeat(32))));
        byte[] yaml = ManifestYaml.MAPPER.writeValueAsBytes(written);
        assertThat(ManifestReader.parse(yaml, "test", ID)).isEqualTo(written);
    }

    @Test
    void writesTheWireKeyNames() throws Exception {
        String yaml = new String(ManifestYaml.MAPPER.writeValueAsBytes(Manifests.full().withFiles(List.of())), StandardCharsets.UTF_8);
        assertThat(yaml).startsWith("formatVersion: 1\ncheckpointId: \"96429b2725761a09\"\ncreatedAt: \"2026-11-22T04:05:06.123456789Z\"\n");
        assertThat(yaml).contains(
                "criuDump:", "  criu:", "    ghostLimit: 0", "    logLevel: 4", "    workDir:", "    autoDedup: false",
                "    lazyPages:", "    leaveRunning:", "    shellJob:", "    tcpClose:", "    tcpEstablished: true",
                "    fileLocks:", "    orphanPtsMaster:", "    extUnixSk:", "    linkRemap:", "    extMasters:",
                "    manageCgroupsMode: \"ignore\"", "    imageIoMode: \"direct\"", "    rstSibling:", "    mntnsCompatMode:",
                "    evasiveDevices:", "    forceIrmap:", "    binaryPath:", "    libDir:", "    allowUprobes:", "    skipInFlight: true",
                "  extMnt:", "  external:", "  skipMnt:",
                "k8s:", "  containerId:", "  pid: 4242", "  sourceNode: \"gpu-node-7\"", "  podName:", "  podNamespace:", "  podIP: \"10.0.3.17\"", "  stdioFDs:",
                "overlay:", "  exclusions:\n    exclusions:", "  upperDir:", "  externalPaths:", "  bindMountDests:",
                "cudaRestore:", "  pids:", "  sourceGpuUuids:", "  storageMode: \"posix\"",
                "container:", "  name: \"main\"", "  image:", "  imageDigest:", "kernelVersion:", "criuVersion:");
        assertThat(yaml).doesNotContain("files:").doesNotContain("---");
        // Map keys sorted so the same capture always writes the same bytes.
        assertThat(yaml).contains("  extMnt:\n    /dev/shm: \"/dev/shm\"\n    /etc/hosts: \"/etc/hosts\"\n");
    }

    @Test
    void omitsCudaRestoreWithoutCuda() throws Exception {
        Manifest m = Manifests.full();
        Manifest noCuda = new Manifest(1, ID, m.createdAt(), m.container(), m.kernelVersion(), m.criuVersion(), m.criuDump(),
                m.k8s(), m.overlay(), null, List.of());
        String yaml = ManifestYaml.MAPPER.writeValueAsString(noCuda);
        assertThat(yaml).doesNotContain("cudaRestore");
        assertThat(ManifestReader.parse(yaml.getBytes(StandardCharsets.UTF_8), "test", ID).cudaRestore()).isNull();
    }

    static Stream<Arguments> readable() {
        return Stream.of(
                argumentSet("unknown fields at every level are ignored", """
                        formatVersion: 1
                        checkpointId: "abc"
                        futureTopLevel: {x: 1}
                        k8s: {podName: "p", futureK8s: true}
                        files:
                          - {path: "a.img", size: 1, sha256: "00", futureFileField: "x"}
                        """, "abc"),
                argumentSet("Go time format and only required fields", """
                        formatVersion: 1
                        checkpointId: abc
                        createdAt: 2026-11-22T04:05:06.123456789Z
                        """, "abc"),
                argumentSet("Dynamo-shaped sections without podsnap additions other than formatVersion", """
                        formatVersion: 1
                        checkpointId: abc
                        criuDump:
                          criu: {ghostLimit: 4294967295, logLevel: 4, manageCgroupsMode: ignore}
                          extMnt: {/etc/hosts: /etc/hosts}
                        k8s: {containerId: c, pid: 1, sourceNode: n, podName: p, podNamespace: ns, stdioFDs: ["/dev/null", "pipe:[1]", "pipe:[2]"]}
                        overlay: {exclusions: {exclusions: [/tmp]}, upperDir: /u}
                        cudaRestore: {pids: [1], sourceGpuUuids: [GPU-1]}
                        """, "abc"));
    }

    @ParameterizedTest
    @MethodSource("readable")
    void readsForwardCompatibleManifests(String yaml, String checkpointId) {
        Manifest manifest = ManifestReader.parse(yaml.getBytes(StandardCharsets.UTF_8), "test", checkpointId);
        assertThat(manifest.checkpointId()).isEqualTo(checkpointId);
        assertThat(manifest.files()).isNotNull();
        assertThat(manifest.k8s().stdioFDs()).isNotNull();
        assertThat(manifest.criuDump().criu()).isNotNull();
    }

    static Stream<Arguments> unreadable() {
        return Stream.of(
                argumentSet("not YAML", "formatVersion: [1\n", Kind.MANIFEST_UNPARSEABLE, "src is not valid YAML"),
                argumentSet("empty document", "", Kind.MANIFEST_UNPARSEABLE, "src is empty"),
                argumentSet("a list, not a mapping", "- 1\n", Kind.MANIFEST_UNPARSEABLE, "src is not a YAML mapping (found ARRAY)"),
                argumentSet("formatVersion missing", "checkpointId: abc\n", Kind.FORMAT_VERSION_MISSING, "src has no formatVersion"),
                argumentSet("formatVersion null", "formatVersion: null\ncheckpointId: abc\n", Kind.FORMAT_VERSION_MISSING, "src has no formatVersion"),
                argumentSet("formatVersion newer", "formatVersion: 2\ncheckpointId: abc\n", Kind.FORMAT_VERSION_UNSUPPORTED,
                        "src has formatVersion 2, but this podsnap reads only formatVersion 1: the artifact was written by a newer podsnap"),
                argumentSet("formatVersion zero", "formatVersion: 0\ncheckpointId: abc\n", Kind.FORMAT_VERSION_UNSUPPORTED,
                        "src has formatVersion 0, which no podsnap writes"),
                argumentSet("formatVersion text", "formatVersion: one\ncheckpointId: abc\n", Kind.MANIFEST_UNPARSEABLE,
                        "src: formatVersion must be an integer, found \"one\""),
                argumentSet("field of the wrong type", "formatVersion: 1\ncheckpointId: abc\nk8s: {pid: lots}\n", Kind.MANIFEST_UNPARSEABLE,
                        "src: invalid value at k8s.pid"),
                argumentSet("checkpointId missing", "formatVersion: 1\n", Kind.CHECKPOINT_ID_BLANK, "src has an empty checkpointId"),
                argumentSet("checkpointId blank", "formatVersion: 1\ncheckpointId: \"  \"\n", Kind.CHECKPOINT_ID_BLANK, "src has an empty checkpointId"),
                argumentSet("checkpointId of another checkpoint", "formatVersion: 1\ncheckpointId: other\n", Kind.CHECKPOINT_ID_MISMATCH,
                        "src belongs to checkpoint \"other\", not \"abc\""));
    }

    @ParameterizedTest
    @MethodSource("unreadable")
    void rejectsWithOwnMessage(String yaml, Kind kind, String message) {
        assertThatThrownBy(() -> ManifestReader.parse(yaml.getBytes(StandardCharsets.UTF_8), "src", "abc"))
                .isInstanceOf(InvalidManifestException.class)
                .hasMessageContaining(message)
                .extracting(e -> ((InvalidManifestException) e).problem().kind()).isEqualTo(kind);
    }

    static Stream<Arguments> storageModes() {
        return Stream.of(
                argumentSet("empty means legacy", null, "legacy"),
                argumentSet("blank means legacy", " ", "legacy"),
                argumentSet("posix kept", "posix", "posix"),
                argumentSet("case and space normalised", " POSIX ", "posix"));
    }

    @ParameterizedTest
    @MethodSource("storageModes")
    void readsStorageModeCompatibly(String storageMode, String effective) {
        assertThat(new Manifest.CudaRestore(List.of(1), List.of(), storageMode).effectiveStorageMode()).isEqualTo(effective);
    }
}
