package io.podsnap.protocol.artifact;

import static io.podsnap.protocol.WireNames.ARTIFACT_MANIFEST;

import io.podsnap.protocol.Messages;
import io.podsnap.protocol.artifact.ArtifactProblem.Kind;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks an artifact directory against its manifest before anything in it is restored: the manifest is readable
 * and ours, every listed file is present, inside the directory and byte-identical, and nothing unlisted is
 * present. Storage is shared and long-lived, so truncation, bit rot, an interrupted copy or a planted file must
 * stop a restore instead of surfacing later as a CRIU failure or, worse, as a process running altered code.
 */
public final class ArtifactVerifier {
    private ArtifactVerifier() {}

    /**
     * Verifies {@code artifactDir}. Reads every listed file in full (it is the only way to know the checksum), so
     * this takes as long as reading the artifact once.
     *
     * @param expectedCheckpointId the checkpoint the directory is expected to hold; {@code null} skips that check
     * @return every problem found; empty when the artifact is intact
     * @throws IOException when the directory cannot be read at all (worth retrying, unlike a problem)
     */
    public static Verification verify(Path artifactDir, String expectedCheckpointId) throws IOException {
        Manifest manifest;
        try {
            manifest = ManifestReader.read(artifactDir, expectedCheckpointId);
        } catch (InvalidManifestException e) {
            return new Verification(null, List.of(e.problem()));
        }

        Path realRoot = artifactDir.toRealPath();
        FileHasher hasher = new FileHasher();
        List<ArtifactProblem> problems = new ArrayList<>();
        Set<String> listed = new HashSet<>();
        for (Manifest.FileEntry entry : manifest.files()) {
            listed.add(entry.path());
            ArtifactProblem problem = check(artifactDir, realRoot, entry, hasher);
            if (problem != null) {
                problems.add(problem);
            }
        }
        for (String present : presentFiles(artifactDir)) {
            if (!listed.contains(present)) {
                problems.add(new ArtifactProblem(Kind.FILE_NOT_LISTED, present, Messages.quote(present)
                        + " is in the artifact directory but not listed in " + ARTIFACT_MANIFEST
                        + ": it was added after the capture or left by an interrupted one"));
            }
        }
        return new Verification(manifest, problems);
    }

    private static ArtifactProblem check(Path root, Path realRoot, Manifest.FileEntry entry, FileHasher hasher) throws IOException {
        String path = entry.path();
        String shown = Messages.quote(path == null ? "" : path);
        String unsafe = lexicalProblem(path);
        if (unsafe != null) {
            return new ArtifactProblem(Kind.UNSAFE_PATH, path == null ? "" : path,
                    ARTIFACT_MANIFEST + " lists " + shown + ", which " + unsafe + "; listed paths must stay inside the artifact directory");
        }
        Path file = root.resolve(path);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return new ArtifactProblem(Kind.FILE_MISSING, path, shown + " is listed in " + ARTIFACT_MANIFEST
                    + " but missing from the artifact directory: the artifact is incomplete");
        }
        Path real;
        try {
            real = file.toRealPath();
        } catch (NoSuchFileException e) {
            return new ArtifactProblem(Kind.FILE_MISSING, path, shown + " is a symbolic link to a file that does not exist");
        }
        // Checked on the resolved path so a symlinked parent directory cannot smuggle a read outside either.
        if (!real.startsWith(realRoot)) {
            return new ArtifactProblem(Kind.UNSAFE_PATH, path, shown + " resolves through a symbolic link to "
                    + Messages.quote(real.toString()) + ", outside the artifact directory");
        }
        if (!Files.isRegularFile(real)) {
            return new ArtifactProblem(Kind.NOT_A_REGULAR_FILE, path, shown + " is listed in " + ARTIFACT_MANIFEST
                    + " as a file but is " + (Files.isDirectory(real) ? "a directory" : "not a regular file"));
        }
        long size = Files.size(real);
        if (size != entry.size()) {
            return new ArtifactProblem(Kind.SIZE_MISMATCH, path, shown + " is " + size + " bytes but "
                    + ARTIFACT_MANIFEST + " lists " + entry.size() + ": the file was truncated or changed after the capture");
        }
        FileHasher.Result actual = hasher.hash(real, false);
        if (actual.size() != entry.size() || !actual.sha256().equalsIgnoreCase(String.valueOf(entry.sha256()))) {
            return new ArtifactProblem(Kind.CHECKSUM_MISMATCH, path, shown + " has SHA-256 " + actual.sha256()
                    + " but " + ARTIFACT_MANIFEST + " lists " + entry.sha256() + ": the file is corrupted or was changed after the capture");
        }
        return null;
    }

    /** Why {@code path} is not a canonical relative path, or {@code null} if it is. */
    private static String lexicalProblem(String path) {
        if (path == null || path.isEmpty()) {
            return "is empty";
        }
        if (path.startsWith("/")) {
            return "is absolute";
        }
        if (path.indexOf('\0') >= 0) {
            return "contains a NUL character";
        }
        for (String segment : path.split("/", -1)) {
            if (segment.equals("..")) {
                return "has a '..' segment";
            }
            if (segment.isEmpty() || segment.equals(".")) {
                return "is not in canonical form (empty or '.' segment)";
            }
        }
        return null;
    }

    /** Every non-directory under {@code root} (symlinks not followed), except the manifest itself. */
    private static List<String> presentFiles(Path root) throws IOException {
        List<String> present = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                String relative = ManifestWriter.relativePath(root, file);
                if (!relative.equals(ARTIFACT_MANIFEST)) {
                    present.add(relative);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        present.sort(null);
        return present;
    }
}
