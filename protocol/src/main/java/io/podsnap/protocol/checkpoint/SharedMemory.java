package io.podsnap.protocol.checkpoint;

import static io.podsnap.protocol.WireNames.DEFAULT_SHARED_MEMORY_SIZE;

import io.fabric8.kubernetes.api.model.Quantity;
import io.podsnap.api.v1alpha1.SharedMemorySpec;
import java.util.Objects;

/**
 * Shared memory for the checkpoint target: a memory-backed emptyDir at {@code /dev/shm}. The container runtime's
 * default 64 MiB shm is too small for inference workers, and CRIU saves a tmpfs {@code /dev/shm} natively.
 *
 * @param enabled whether the volume is added at all
 * @param size    the emptyDir size limit; null only when disabled
 */
public record SharedMemory(boolean enabled, Quantity size) {

    /** Enabled with {@value io.podsnap.protocol.WireNames#DEFAULT_SHARED_MEMORY_SIZE}. */
    public static final SharedMemory DEFAULT = ofSize(DEFAULT_SHARED_MEMORY_SIZE);

    public SharedMemory {
        if (enabled) {
            Objects.requireNonNull(size, "shared memory size");
        } else {
            size = null;
        }
    }

    public static SharedMemory disabled() {
        return new SharedMemory(false, null);
    }

    public static SharedMemory ofSize(String size) {
        return new SharedMemory(true, new Quantity(size));
    }

    /** From the DynamoCheckpoint job config: absent or no size means the default; {@code disabled: true} wins. */
    public static SharedMemory fromSpec(SharedMemorySpec spec) {
        if (spec == null) {
            return DEFAULT;
        }
        if (Boolean.TRUE.equals(spec.getDisabled())) {
            return disabled();
        }
        return spec.getSize() == null ? DEFAULT : new SharedMemory(true, spec.getSize());
    }
}
