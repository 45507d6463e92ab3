package io.podsnap.protocol.artifact;

import static io.podsnap.protocol.WireNames.ARTIFACT_MANIFEST;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.podsnap.protocol.Messages;
import io.podsnap.protocol.artifact.ArtifactProblem.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads an artifact's {@code manifest.yaml}. Everything wrong with its content is an {@link InvalidManifestException}
 * (terminal, one {@link ArtifactProblem} each); a failure to read the file at all is an {@link IOException}, which
 * the caller may retry.
 */
public final class ManifestReader {
    private ManifestReader() {}

    /** The manifest of {@code artifactDir}, checked for format version and a non-blank checkpoint ID. */
    public static Manifest read(Path artifactDir) throws IOException {
        return read(artifactDir, null);
    }

    /**
     * As {@link #read(Path)}, and also checks that the manifest belongs to {@code expectedCheckpointId} (skipped
     * when {@code null}), so an artifact copied or renamed onto another checkpoint's path is never restored.
     */
    public static Manifest read(Path artifactDir, String expectedCheckpointId) throws IOException {
        Path file = artifactDir.resolve(ARTIFACT_MANIFEST);
        byte[] yaml;
        try {
            yaml = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw problem(Kind.MANIFEST_MISSING, "no " + ARTIFACT_MANIFEST + " in " + artifactDir
                    + ": the capture did not finish (the manifest is written last) or the artifact path is wrong");
        }
        return parse(yaml, file.toString(), expectedCheckpointId);
    }

    /**
     * Parses manifest bytes.
     *
     * @param source               where the bytes came from, for messages
     * @param expectedCheckpointId checked against {@code checkpointId} unless {@code null}
     */
    public static Manifest parse(byte[] yaml, String source, String expectedCheckpointId) {
        JsonNode root;
        try {
            root = ManifestYaml.MAPPER.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw problem(Kind.MANIFEST_UNPARSEABLE, source + " is not valid YAML: " + e.getOriginalMessage()
                    + location(e));
        } catch (IOException e) {
            throw new IllegalStateException("reading from a byte array failed", e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw problem(Kind.MANIFEST_UNPARSEABLE, source + " is empty");
        }
        if (!root.isObject()) {
            throw problem(Kind.MANIFEST_UNPARSEABLE, source + " is not a YAML mapping (found " + root.getNodeType() + ")");
        }

        // Checked before binding: a newer format may change field meanings, so its content must not be trusted at all.
        JsonNode formatVersion = root.get("formatVersion");
        if (formatVersion == null || formatVersion.isNull()) {
            throw problem(Kind.FORMAT_VERSION_MISSING, source + " has no formatVersion: it was not written by "
                    + "podsnap, or is truncated; re-create the checkpoint");
        }
        if (!formatVersion.isIntegralNumber() || !formatVersion.canConvertToInt()) {
            throw problem(Kind.MANIFEST_UNPARSEABLE, source + ": formatVersion must be an integer, found "
                    + Messages.quote(formatVersion.asText()));
        }
        int version = formatVersion.intValue();
        if (version > Manifest.CURRENT_FORMAT_VERSION) {
            throw problem(Kind.FORMAT_VERSION_UNSUPPORTED, source + " has formatVersion " + version
                    + ", but this podsnap reads only formatVersion " + Manifest.CURRENT_FORMAT_VERSION
                    + ": the artifact was written by a newer podsnap; upgrade podsnap on this node or re-create the checkpoint");
        }
        if (version != Manifest.CURRENT_FORMAT_VERSION) {
            throw problem(Kind.FORMAT_VERSION_UNSUPPORTED, source + " has formatVersion " + version
                    + ", which no podsnap writes (expected " + Manifest.CURRENT_FORMAT_VERSION + "); re-create the checkpoint");
        }

        Manifest manifest;
        try {
            manifest = ManifestYaml.MAPPER.treeToValue(root, Manifest.class);
        } catch (JsonProcessingException e) {
            String field = e instanceof JsonMappingException m && !m.getPath().isEmpty() ? " at " + fieldPath(m) : "";
            throw problem(Kind.MANIFEST_UNPARSEABLE, source + ": invalid value" + field + ": " + e.getOriginalMessage());
        }

        if (manifest.checkpointId() == null || manifest.checkpointId().isBlank()) {
            throw problem(Kind.CHECKPOINT_ID_BLANK, source + " has an empty checkpointId; the artifact cannot be "
                    + "matched to a checkpoint; re-create the checkpoint");
        }
        if (expectedCheckpointId != null && !expectedCheckpointId.equals(manifest.checkpointId())) {
            throw problem(Kind.CHECKPOINT_ID_MISMATCH, source + " belongs to checkpoint "
                    + Messages.quote(manifest.checkpointId()) + ", not " + Messages.quote(expectedCheckpointId)
                    + ": the artifact was copied or moved onto another checkpoint's path");
        }
        return manifest;
    }

    private static InvalidManifestException problem(Kind kind, String message) {
        return new InvalidManifestException(new ArtifactProblem(kind, ARTIFACT_MANIFEST, message));
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    private static String fieldPath(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }
}
