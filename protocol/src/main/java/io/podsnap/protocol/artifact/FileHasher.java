package io.podsnap.protocol.artifact;

import io.podsnap.protocol.identity.Sha256;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Streams a file through SHA-256. Artifact files are CRIU page images of many gigabytes, so nothing is ever read
 * whole; one large buffer is reused for every file of a walk.
 */
final class FileHasher {
    /** Large enough that per-read overhead vanishes next to hashing, small enough to keep per-walk. */
    private static final int BUFFER_SIZE = 1 << 20;

    private final byte[] buffer = new byte[BUFFER_SIZE];
    private final MessageDigest digest = Sha256.newDigest();

    /** Size and lowercase-hex SHA-256 of a file's content. */
    record Result(long size, String sha256) {}

    /**
     * Hashes {@code file}; with {@code fsync}, also flushes it to stable storage before returning, so the
     * manifest that lists it can never be durable while the file is not.
     */
    Result hash(Path file, boolean fsync) throws IOException {
        digest.reset();
        long size = 0;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer wrapped = ByteBuffer.wrap(buffer);
            int n;
            while ((n = channel.read(wrapped.clear())) != -1) {
                digest.update(buffer, 0, n);
                size += n;
            }
            if (fsync) {
                channel.force(true);
            }
        }
        return new Result(size, HexFormat.of().formatHex(digest.digest()));
    }
}
