package io.podsnap.snapshotctl;

/** Bad input the user can fix (exit {@link ExitCode#USAGE}); its message is printed as one line on stderr. */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }
}
