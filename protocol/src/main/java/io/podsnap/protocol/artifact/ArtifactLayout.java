package io.podsnap.protocol.artifact;

import static io.podsnap.protocol.WireNames.ARTIFACT_STAGING_DIR;
import static io.podsnap.protocol.WireNames.ARTIFACT_VERSIONS_DIR;
import static io.podsnap.protocol.WireNames.GMS_ARTIFACT_DIR;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.UUID;

/**
 * Where artifacts live on checkpoint storage (dynamo-snapshot.md §5.1):
 * <pre>
 *   &lt;base&gt;/&lt;checkpointID&gt;/versions/&lt;artifactVersion&gt;        the artifact
 *   &lt;base&gt;/&lt;checkpointID&gt;/versions/tmp/&lt;uuid&gt;               staging, renamed into place when complete
 *   &lt;base&gt;/gms/&lt;checkpointID&gt;/versions/&lt;artifactVersion&gt;    GPU memory service tensors
 * </pre>
 * The paths are cluster-global (no namespace segment) and are built from values users control, so every variable
 * segment must be one clean path element; anything else is refused here, before a path is ever touched.
 */
public final class ArtifactLayout {
    static final String CHECKPOINT_ID = "checkpoint ID";
    static final String ARTIFACT_VERSION = "artifact version";

    private final Path basePath;

    private ArtifactLayout(Path basePath) {
        this.basePath = basePath;
    }

    /**
     * A layout rooted at {@code basePath}: surrounding whitespace removed, must be absolute, cleaned like Go's
     * {@code filepath.Clean} (so {@code /checkpoints/} and {@code /checkpoints} are the same storage; {@code /}
     * stays {@code /}).
     */
    public static ArtifactLayout of(String basePath) {
        String trimmed = basePath == null ? "" : basePath.strip();
        if (trimmed.isEmpty()) {
            throw new InvalidArtifactPathException("storage base path", basePath, "is empty; set an absolute path such as /checkpoints");
        }
        requireNoControlCharacters("storage base path", trimmed);
        if (!trimmed.startsWith("/")) {
            throw new InvalidArtifactPathException("storage base path", basePath, "must be an absolute path (start with '/')");
        }
        try {
            return new ArtifactLayout(Path.of(trimmed).normalize());
        } catch (InvalidPathException e) {
            throw new InvalidArtifactPathException("storage base path", basePath, "is not a valid path: " + e.getReason());
        }
    }

    /** The cleaned base path. */
    public Path basePath() {
        return basePath;
    }

    /** {@code <base>/<checkpointID>/versions/<artifactVersion>}. */
    public Path location(String checkpointId, String artifactVersion) {
        requirePathElement(CHECKPOINT_ID, checkpointId);
        requireVersion(artifactVersion);
        return basePath.resolve(checkpointId).resolve(ARTIFACT_VERSIONS_DIR).resolve(artifactVersion);
    }

    /**
     * {@code <base>/<checkpointID>/versions/tmp/<uuid>}: a capture writes here and renames the directory into
     * {@link #location} only once it is complete, so a reader never sees a half-written artifact. Staging sits on
     * the same filesystem as the final location, which is what makes that rename atomic.
     */
    public Path stagingDir(String checkpointId, UUID attempt) {
        requirePathElement(CHECKPOINT_ID, checkpointId);
        Objects.requireNonNull(attempt, "attempt");
        return basePath.resolve(checkpointId).resolve(ARTIFACT_VERSIONS_DIR).resolve(ARTIFACT_STAGING_DIR).resolve(attempt.toString());
    }

    /** {@code <base>/gms/<checkpointID>/versions/<artifactVersion>}. */
    public Path gmsLocation(String checkpointId, String artifactVersion) {
        requirePathElement(CHECKPOINT_ID, checkpointId);
        requireVersion(artifactVersion);
        return basePath.resolve(GMS_ARTIFACT_DIR).resolve(checkpointId).resolve(ARTIFACT_VERSIONS_DIR).resolve(artifactVersion);
    }

    /**
     * Returns {@code value} if it is a single clean path element: not empty or blank, no surrounding whitespace,
     * no control character (NUL included), no {@code /} or {@code \}, no {@code ..}, and not {@code .}.
     *
     * @param field what the value is, for the message ("checkpoint ID", "artifact version")
     */
    public static String requirePathElement(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw new InvalidArtifactPathException(field, value, "is empty; it must be a single path element");
        }
        if (value.isBlank()) {
            throw new InvalidArtifactPathException(field, value, "is only whitespace; it must be a single path element");
        }
        requireNoControlCharacters(field, value);
        if (!value.strip().equals(value)) {
            throw new InvalidArtifactPathException(field, value, "has leading or trailing whitespace");
        }
        if (value.contains("/")) {
            throw new InvalidArtifactPathException(field, value, "must be a single path element: it contains '/'");
        }
        if (value.contains("\\")) {
            throw new InvalidArtifactPathException(field, value, "must be a single path element: it contains '\\'");
        }
        if (value.equals(".")) {
            throw new InvalidArtifactPathException(field, value, "must not be '.'");
        }
        if (value.contains("..")) {
            throw new InvalidArtifactPathException(field, value, "must not contain '..'");
        }
        return value;
    }

    private static void requireVersion(String artifactVersion) {
        requirePathElement(ARTIFACT_VERSION, artifactVersion);
        // versions/tmp holds staging directories; a version of that name would publish into them.
        if (artifactVersion.equals(ARTIFACT_STAGING_DIR)) {
            throw new InvalidArtifactPathException(ARTIFACT_VERSION, artifactVersion,
                    "is reserved: versions/" + ARTIFACT_STAGING_DIR + " holds in-progress captures");
        }
    }

    private static void requireNoControlCharacters(String field, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                throw new InvalidArtifactPathException(field, value,
                        String.format("contains the control character U+%04X at index %d", (int) c, i));
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ArtifactLayout other && basePath.equals(other.basePath);
    }

    @Override
    public int hashCode() {
        return basePath.hashCode();
    }

    @Override
    public String toString() {
        return "ArtifactLayout[" + basePath + "]";
    }
}
