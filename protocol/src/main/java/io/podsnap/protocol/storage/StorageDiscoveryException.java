package io.podsnap.protocol.storage;

/** No usable checkpoint storage was found; the message says what was looked at and what was missing. */
public class StorageDiscoveryException extends RuntimeException {
    public StorageDiscoveryException(String message) {
        super(message);
    }
}
