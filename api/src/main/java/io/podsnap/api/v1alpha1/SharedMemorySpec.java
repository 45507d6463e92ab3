package io.podsnap.api.v1alpha1;

import io.fabric8.kubernetes.api.model.Quantity;

public class SharedMemorySpec {
    private Boolean disabled;
    private Quantity size;

    public Boolean getDisabled() { return disabled; }
    public void setDisabled(Boolean disabled) { this.disabled = disabled; }
    public Quantity getSize() { return size; }
    public void setSize(Quantity size) { this.size = size; }
}
