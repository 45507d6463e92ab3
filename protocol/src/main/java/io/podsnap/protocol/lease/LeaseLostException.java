package io.podsnap.protocol.lease;

/** The lease could not be renewed because it is gone or held by someone else: the work under it must stop. */
public class LeaseLostException extends Exception {
    public LeaseLostException(String message) {
        super(message);
    }
}
