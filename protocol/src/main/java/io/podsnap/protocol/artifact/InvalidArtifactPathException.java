package io.podsnap.protocol.artifact;

import io.podsnap.protocol.Messages;

/**
 * An artifact location cannot be computed: the base path, checkpoint ID or artifact version is not acceptable as
 * (part of) a path on shared storage. Terminal for the object that carries the bad value (reason
 * {@code InvalidDestination} or {@code InvalidCheckpointID}); the message names the field and shows the value with
 * control characters escaped.
 */
public class InvalidArtifactPathException extends IllegalArgumentException {
    private final String field;
    private final String value;

    public InvalidArtifactPathException(String field, String value, String problem) {
        super(field + " " + (value == null ? "<missing>" : Messages.quote(value)) + " " + problem);
        this.field = field;
        this.value = value;
    }

    /** The field at fault, e.g. {@code "checkpoint ID"}. */
    public String field() {
        return field;
    }

    public String value() {
        return value;
    }
}
