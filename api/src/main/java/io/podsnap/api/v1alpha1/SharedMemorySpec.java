package io.podsnap.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Objects;

/** The tmpfs mounted at /dev/shm in the checkpoint pod ({@code spec.job.sharedMemory}). */
@ValidationRule(
        value = "(has(self.disabled) && self.disabled) || (has(self.size) && quantity(self.size).isGreaterThan(quantity('0')))",
        message = "size is required when disabled is false")
public class SharedMemorySpec {
    @JsonPropertyDescription("When true, no shared-memory volume is mounted and size is ignored. Default false.")
    private Boolean disabled;

    @JsonPropertyDescription("Size limit of the /dev/shm tmpfs, e.g. 8Gi. Required and greater than zero unless"
            + " disabled.")
    private Quantity size;

    public Boolean getDisabled() { return disabled; }
    public void setDisabled(Boolean disabled) { this.disabled = disabled; }
    public Quantity getSize() { return size; }
    public void setSize(Quantity size) { this.size = size; }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof SharedMemorySpec that
                && Objects.equals(disabled, that.disabled)
                && Objects.equals(size, that.size);
    }

    @Override
    public int hashCode() { return Objects.hash(disabled, size); }

    @Override
    public String toString() { return "SharedMemorySpec{disabled=" + disabled + ", size=" + size + "}"; }
}
