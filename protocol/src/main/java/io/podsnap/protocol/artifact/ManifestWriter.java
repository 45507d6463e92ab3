package io.podsnap.protocol.artifact;

import static io.podsnap.protocol.WireNames.ARTIFACT_MANIFEST;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Seals an artifact directory by writing its {@code manifest.yaml}: the inventory of every other file (size and
 * SHA-256) and the capture metadata. The manifest is the completion marker — a directory without one is an
 * unfinished capture — so it is written last and made durable only after everything it lists is.
 */
public final class ManifestWriter {
    private ManifestWriter() {}

    /** Left behind only by a writer that died mid-write; the verifier reports it as an unlisted file. */
    static final String TEMP_NAME = ARTIFACT_MANIFEST + ".tmp";

    /**
     * Inventories {@code artifactDir}, then writes {@code manifest} with that inventory and the current format
     * version as {@code manifest.yaml} (mode 0600). Writing again replaces the manifest atomically.
     *
     * @return the manifest as written, {@code files} filled in
     * @throws IllegalArgumentException when {@code manifest} has a blank checkpointId
     * @throws IOException on I/O failure, or when the directory holds a symlink or special file (an artifact is
     *                     read on another node; it may hold only regular files and directories)
     */
    public static Manifest write(Path artifactDir, Manifest manifest) throws IOException {
        Objects.requireNonNull(manifest, "manifest");
        if (manifest.checkpointId() == null || manifest.checkpointId().isBlank()) {
            throw new IllegalArgumentException("manifest checkpointId is blank; every artifact must name its checkpoint");
        }
        Manifest complete = manifest.withFiles(inventory(artifactDir));
        byte[] yaml = ManifestYaml.MAPPER.writeValueAsBytes(complete);

        Path temp = artifactDir.resolve(TEMP_NAME);
        Files.deleteIfExists(temp);
        Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(yaml);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                // Rename after fsync: otherwise a crash can leave a complete-looking name over empty content.
                channel.force(true);
            }
            Files.move(temp, artifactDir.resolve(ARTIFACT_MANIFEST), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        // The rename itself is only durable once the directory entry is.
        fsyncDirectory(artifactDir);
        return complete;
    }

    /**
     * Every file under {@code artifactDir} except the manifest (and its temp file), with size and SHA-256, sorted
     * by path. Each file and directory is fsynced on the way, because the manifest written next vouches for them.
     */
    static List<Manifest.FileEntry> inventory(Path artifactDir) throws IOException {
        if (!Files.isDirectory(artifactDir)) {
            throw new FileSystemException(artifactDir.toString(), null, "is not a directory");
        }
        FileHasher hasher = new FileHasher();
        List<Manifest.FileEntry> entries = new ArrayList<>();
        List<Path> directories = new ArrayList<>();
        Files.walkFileTree(artifactDir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String relative = relativePath(artifactDir, file);
                if (relative.equals(ARTIFACT_MANIFEST) || relative.equals(TEMP_NAME)) {
                    return FileVisitResult.CONTINUE;
                }
                if (attrs.isSymbolicLink()) {
                    throw new FileSystemException(file.toString(), null,
                            "is a symbolic link; an artifact may hold only regular files and directories");
                }
                if (!attrs.isRegularFile()) {
                    throw new FileSystemException(file.toString(), null,
                            "is not a regular file; an artifact may hold only regular files and directories");
                }
                FileHasher.Result result = hasher.hash(file, true);
                entries.add(new Manifest.FileEntry(relative, result.size(), result.sha256()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                directories.add(dir);
                return FileVisitResult.CONTINUE;
            }
        });
        for (Path dir : directories) {
            fsyncDirectory(dir);
        }
        entries.sort(Comparator.comparing(Manifest.FileEntry::path));
        return entries;
    }

    /** {@code file} relative to {@code root}, always {@code /}-separated. */
    static String relativePath(Path root, Path file) {
        StringBuilder sb = new StringBuilder();
        for (Path name : root.relativize(file)) {
            if (!sb.isEmpty()) {
                sb.append('/');
            }
            sb.append(name);
        }
        return sb.toString();
    }

    private static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
