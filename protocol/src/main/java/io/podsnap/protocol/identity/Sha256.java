package io.podsnap.protocol.identity;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 as lowercase hex: whole (provenance digests) or a prefix (identity hash, DGD checkpoint ID). */
public final class Sha256 {
    private Sha256() {}

    /** Length of a full digest in hex characters. */
    public static final int HEX_LENGTH = 64;

    /** The full 64-character lowercase hex digest of {@code bytes}. */
    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(newDigest().digest(bytes));
    }

    /** The first {@code chars} characters of {@link #hex(byte[])}. */
    public static String hexPrefix(byte[] bytes, int chars) {
        if (chars < 1 || chars > HEX_LENGTH) {
            throw new IllegalArgumentException("prefix length must be 1.." + HEX_LENGTH + ", got " + chars);
        }
        return hex(bytes).substring(0, chars);
    }

    /** A fresh SHA-256 digest (for streaming callers). */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // Every Java SE runtime must provide SHA-256; reaching this is a broken JDK, not a podsnap state.
            throw new IllegalStateException("SHA-256 is not available in this JDK", e);
        }
    }
}
