package io.podsnap.protocol.artifact;

import java.util.Objects;

/**
 * One reason an artifact directory cannot be trusted. Every kind is terminal for the restore or publish that found
 * it: the artifact will not heal by retrying.
 *
 * @param kind    what is wrong, for mapping to a condition reason
 * @param path    the file the problem is about, relative to the artifact directory ({@code manifest.yaml} for
 *                manifest-level problems)
 * @param message a sentence for the user: what was expected, what was found, what it likely means
 */
public record ArtifactProblem(Kind kind, String path, String message) {

    public ArtifactProblem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    public enum Kind {
        /** No manifest.yaml: the capture never finished (the manifest is written last) or the path is wrong. */
        MANIFEST_MISSING,
        /** manifest.yaml is not YAML, not a mapping, or a field has the wrong type. */
        MANIFEST_UNPARSEABLE,
        /** manifest.yaml has no formatVersion: not written by podsnap, or truncated. */
        FORMAT_VERSION_MISSING,
        /** formatVersion is one this podsnap cannot read (typically written by a newer podsnap). */
        FORMAT_VERSION_UNSUPPORTED,
        /** checkpointId is empty. */
        CHECKPOINT_ID_BLANK,
        /** checkpointId differs from the checkpoint the directory was opened for. */
        CHECKPOINT_ID_MISMATCH,
        /** A listed path is absolute, has '..' or empty segments, or resolves (via a symlink) outside the directory. */
        UNSAFE_PATH,
        /** A listed file does not exist. */
        FILE_MISSING,
        /** A listed path exists but is not a regular file (a directory, a device, ...). */
        NOT_A_REGULAR_FILE,
        /** A file exists in the directory but is not listed. */
        FILE_NOT_LISTED,
        /** A listed file's size differs from the manifest. */
        SIZE_MISMATCH,
        /** A listed file's SHA-256 differs from the manifest. */
        CHECKSUM_MISMATCH
    }
}
