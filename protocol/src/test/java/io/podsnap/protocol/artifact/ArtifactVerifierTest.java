package io.podsnap.protocol.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.podsnap.protocol.artifact.ArtifactProblem.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ArtifactVerifierTest {

    private static final String ID = Manifests.CHECKPOINT_ID;
    private static final String NESTED = "cuda-custom-storage/process-nspid-1/extent-0";

    /** A small artifact shaped like a real one: page images, a log, the rootfs tar and a nested CUDA extent. */
    static Path fakeArtifact(Path dir) throws Exception {
        Files.write(dir.resolve("pages-1.img"), pattern(5000));
        Files.writeString(dir.resolve("dump.log"), "(00.000000) Dumping finished successfully\n");
        Files.write(dir.resolve("rootfs-diff.tar"), pattern(1024));
        Files.createDirectories(dir.resolve(NESTED).getParent());
        Files.write(dir.resolve(NESTED), pattern(300));
        ManifestWriter.write(dir, Manifests.full());
        return dir;
    }

    @Test
    void intactArtifactVerifies(@TempDir Path dir) throws Exception {
        fakeArtifact(dir);

        Verification verification = ArtifactVerifier.verify(dir, ID);

        assertThat(verification.problems()).isEmpty();
        assertThat(verification.ok()).isTrue();
        assertThat(verification.manifest().formatVersion()).isEqualTo(Manifest.CURRENT_FORMAT_VERSION);
        assertThat(verification.manifest().files()).extracting(Manifest.FileEntry::path)
                .containsExactly("cuda-custom-storage/process-nspid-1/extent-0", "dump.log", "pages-1.img", "rootfs-diff.tar");
        assertThat(verification.manifest().files()).filteredOn(f -> f.path().equals("pages-1.img")).singleElement()
                .isEqualTo(new Manifest.FileEntry("pages-1.img", 5000, sha256(pattern(5000))));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("manifest.yaml")))).isEqualTo("rw-------");
        assertThat(dir.resolve(ManifestWriter.TEMP_NAME)).doesNotExist();
    }

    interface Corruption {
        void apply(Path artifact, Path outside) throws Exception;
    }

    static Stream<Arguments> corruptions() {
        return Stream.of(
                argumentSet("listed file deleted", (Corruption) (a, o) -> Files.delete(a.resolve("pages-1.img")),
                        Kind.FILE_MISSING, "\"pages-1.img\" is listed in manifest.yaml but missing from the artifact directory"),
                argumentSet("nested listed file deleted", (Corruption) (a, o) -> Files.delete(a.resolve(NESTED)),
                        Kind.FILE_MISSING, "\"" + NESTED + "\" is listed in manifest.yaml but missing"),
                argumentSet("unlisted file added", (Corruption) (a, o) -> Files.writeString(a.resolve("stray.img"), "x"),
                        Kind.FILE_NOT_LISTED, "\"stray.img\" is in the artifact directory but not listed in manifest.yaml"),
                argumentSet("unlisted file in a new subdirectory", (Corruption) (a, o) -> {
                    Files.createDirectories(a.resolve("extra"));
                    Files.writeString(a.resolve("extra/x"), "x");
                }, Kind.FILE_NOT_LISTED, "\"extra/x\" is in the artifact directory but not listed"),
                argumentSet("temp manifest of an interrupted write left behind", (Corruption) (a, o) -> Files.writeString(a.resolve("manifest.yaml.tmp"), "x"),
                        Kind.FILE_NOT_LISTED, "\"manifest.yaml.tmp\" is in the artifact directory but not listed"),
                argumentSet("file grew", (Corruption) (a, o) -> Files.write(a.resolve("pages-1.img"), pattern(5001)),
                        Kind.SIZE_MISMATCH, "\"pages-1.img\" is 5001 bytes but manifest.yaml lists 5000: the file was truncated or changed"),
                argumentSet("file truncated", (Corruption) (a, o) -> Files.write(a.resolve("rootfs-diff.tar"), new byte[0]),
                        Kind.SIZE_MISMATCH, "\"rootfs-diff.tar\" is 0 bytes but manifest.yaml lists 1024"),
                argumentSet("one byte flipped, same size", (Corruption) (a, o) -> {
                    byte[] bytes = pattern(5000);
                    bytes[4999] ^= 1;
                    Files.write(a.resolve("pages-1.img"), bytes);
                }, Kind.CHECKSUM_MISMATCH, "\"pages-1.img\" has SHA-256 "),
                argumentSet("listed path climbs out with ..", (Corruption) (a, o) -> addListedFile(a, "../outside.img"),
                        Kind.UNSAFE_PATH, "manifest.yaml lists \"../outside.img\", which has a '..' segment; listed paths must stay inside"),
                argumentSet("listed path climbs out mid-path", (Corruption) (a, o) -> addListedFile(a, "cuda-custom-storage/../../x"),
                        Kind.UNSAFE_PATH, "has a '..' segment"),
                argumentSet("listed path absolute", (Corruption) (a, o) -> addListedFile(a, "/etc/hostname"),
                        Kind.UNSAFE_PATH, "manifest.yaml lists \"/etc/hostname\", which is absolute"),
                argumentSet("listed path not canonical", (Corruption) (a, o) -> addListedFile(a, "./dump.log"),
                        Kind.UNSAFE_PATH, "is not in canonical form"),
                argumentSet("listed file replaced by a symlink pointing outside", (Corruption) (a, o) -> {
                    Files.writeString(o.resolve("secret"), "(00.000000) Dumping finished successfully\n");
                    Files.delete(a.resolve("dump.log"));
                    Files.createSymbolicLink(a.resolve("dump.log"), o.resolve("secret"));
                }, Kind.UNSAFE_PATH, "\"dump.log\" resolves through a symbolic link to"),
                argumentSet("listed file's directory replaced by a symlink pointing outside", (Corruption) (a, o) -> {
                    Files.createDirectories(o.resolve("process-nspid-1"));
                    Files.write(o.resolve("process-nspid-1/extent-0"), pattern(300));
                    Files.delete(a.resolve(NESTED));
                    Files.delete(a.resolve(NESTED).getParent());
                    Files.delete(a.resolve("cuda-custom-storage"));
                    Files.createSymbolicLink(a.resolve("cuda-custom-storage"), o);
                }, Kind.UNSAFE_PATH, "\"" + NESTED + "\" resolves through a symbolic link to"),
                argumentSet("listed file is a dangling symlink", (Corruption) (a, o) -> {
                    Files.delete(a.resolve("dump.log"));
                    Files.createSymbolicLink(a.resolve("dump.log"), a.resolve("gone"));
                }, Kind.FILE_MISSING, "\"dump.log\" is a symbolic link to a file that does not exist"),
                argumentSet("listed path is a directory", (Corruption) (a, o) -> addListedFile(a, "cuda-custom-storage"),
                        Kind.NOT_A_REGULAR_FILE, "\"cuda-custom-storage\" is listed in manifest.yaml as a file but is a directory"),
                argumentSet("manifest deleted", (Corruption) (a, o) -> Files.delete(a.resolve("manifest.yaml")),
                        Kind.MANIFEST_MISSING, "no manifest.yaml in "),
                argumentSet("manifest unparseable", (Corruption) (a, o) -> Files.writeString(a.resolve("manifest.yaml"), "formatVersion: 1\nfiles: [\n"),
                        Kind.MANIFEST_UNPARSEABLE, "manifest.yaml is not valid YAML"),
                argumentSet("formatVersion from a newer podsnap", (Corruption) (a, o) -> editManifest(a, m -> m.put("formatVersion", 2)),
                        Kind.FORMAT_VERSION_UNSUPPORTED, "has formatVersion 2, but this podsnap reads only formatVersion 1"),
                argumentSet("formatVersion missing", (Corruption) (a, o) -> editManifest(a, m -> m.remove("formatVersion")),
                        Kind.FORMAT_VERSION_MISSING, "manifest.yaml has no formatVersion"),
                argumentSet("checkpointId blank", (Corruption) (a, o) -> editManifest(a, m -> m.put("checkpointId", " ")),
                        Kind.CHECKPOINT_ID_BLANK, "manifest.yaml has an empty checkpointId"),
                argumentSet("checkpointId of another checkpoint", (Corruption) (a, o) -> editManifest(a, m -> m.put("checkpointId", "0123456789abcdef")),
                        Kind.CHECKPOINT_ID_MISMATCH, "manifest.yaml belongs to checkpoint \"0123456789abcdef\", not \"" + ID + "\""),
                argumentSet("unknown fields are not a problem", (Corruption) (a, o) -> editManifest(a, m -> {
                    m.put("addedByNewerPodsnap", "x");
                    ((ObjectNode) m.get("k8s")).put("nodeZone", "z1");
                }), null, null));
    }

    @ParameterizedTest
    @MethodSource("corruptions")
    void reportsEachCorruptionWithItsOwnMessage(Corruption corruption, Kind kind, String message,
            @TempDir Path artifact, @TempDir Path outside) throws Exception {
        fakeArtifact(artifact);
        corruption.apply(artifact, outside);

        Verification verification = ArtifactVerifier.verify(artifact, ID);

        if (kind == null) {
            assertThat(verification.problems()).isEmpty();
            return;
        }
        assertThat(verification.ok()).isFalse();
        assertThat(verification.problems()).first().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(kind);
            assertThat(problem.message()).contains(message);
        });
        assertThat(verification.summary()).contains(message);
    }

    @Test
    void reportsEveryProblemAtOnce(@TempDir Path dir) throws Exception {
        fakeArtifact(dir);
        Files.delete(dir.resolve("pages-1.img"));
        Files.write(dir.resolve("rootfs-diff.tar"), new byte[1]);
        Files.writeString(dir.resolve("stray"), "x");

        Verification verification = ArtifactVerifier.verify(dir, ID);

        assertThat(verification.problems()).extracting(ArtifactProblem::kind, ArtifactProblem::path).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Kind.FILE_MISSING, "pages-1.img"),
                org.assertj.core.groups.Tuple.tuple(Kind.SIZE_MISMATCH, "rootfs-diff.tar"),
                org.assertj.core.groups.Tuple.tuple(Kind.FILE_NOT_LISTED, "stray"));
    }

    @Test
    void controlCharactersInFileNamesAreEscapedInMessages(@TempDir Path dir) throws Exception {
        fakeArtifact(dir);
        Files.writeString(dir.resolve("evil\nINFO restore ok"), "x");

        Verification verification = ArtifactVerifier.verify(dir, ID);

        assertThat(verification.problems()).singleElement().extracting(ArtifactProblem::message).asString()
                .startsWith("\"evil\\nINFO restore ok\" is in the artifact directory").doesNotContain("\n");
    }

    private static void addListedFile(Path artifact, String path) throws Exception {
        editManifest(artifact, m -> ((ArrayNode) m.get("files")).addObject().put("path", path).put("size", 1).put("sha256", "00"));
    }

    private static void editManifest(Path artifact, Consumer<ObjectNode> edit) throws Exception {
        Path file = artifact.resolve("manifest.yaml");
        ObjectNode manifest = (ObjectNode) ManifestYaml.MAPPER.readTree(Files.readAllBytes(file));
        edit.accept(manifest);
        Files.write(file, ManifestYaml.MAPPER.writeValueAsBytes(manifest));
    }

    static byte[] pattern(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        return bytes;
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
