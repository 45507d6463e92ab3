package io.podsnap.protocol.identity;

/**
 * A DynamoCheckpoint whose checkpoint ID cannot be determined. Terminal: retrying cannot help until a user (or
 * the DGD controller) changes the object; the message says what is missing and what to set.
 */
public class InvalidCheckpointException extends RuntimeException {
    public InvalidCheckpointException(String message) {
        super(message);
    }
}
