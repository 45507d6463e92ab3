package io.podsnap.api.v1alpha1;

import java.util.List;

public class GPUMemoryServiceSpec {
    private Boolean enabled;
    private String mode;
    private String deviceClassName;
    private List<String> extraClientContainers;

    public Boolean getEnabled() { return enabled; }
    public void setEnabled(Boolean enabled) { this.enabled = enabled; }
    public String getMode() { return mode; }
    public void setMode(String mode) { this.mode = mode; }
    public String getDeviceClassName() { return deviceClassName; }
    public void setDeviceClassName(String deviceClassName) { this.deviceClassName = deviceClassName; }
    public List<String> getExtraClientContainers() { return extraClientContainers; }
    public void setExtraClientContainers(List<String> extraClientContainers) { this.extraClientContainers = extraClientContainers; }
}
