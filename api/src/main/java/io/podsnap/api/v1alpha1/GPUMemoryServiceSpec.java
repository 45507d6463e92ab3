package io.podsnap.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import java.util.Objects;

/**
 * GPU Memory Service metadata of a checkpoint. The checkpoint controller never injects GMS or DRA resources; it only
 * checks that the prepared pod template carries them. Outside {@code spec.identity}, so it does not change the ID.
 */
@ValidationRule(
        value = "!has(self.extraClientContainers) || size(self.extraClientContainers) == 0 || self.mode == 'intraPod'",
        message = "extraClientContainers is only supported with mode=intraPod")
public class GPUMemoryServiceSpec {
    @Required
    @JsonPropertyDescription("Whether the checkpoint pod runs with the GPU Memory Service: GPU resources of client"
            + " containers are replaced by a shared DRA ResourceClaim.")
    private Boolean enabled;

    @Default("intraPod")
    @SchemaFrom(type = GPUMemoryServiceMode.class)
    @JsonPropertyDescription("GMS topology: intraPod (server and clients in one pod) or interPod (not supported yet,"
            + " rejected by the webhook). Default intraPod.")
    private String mode;

    @Default("gpu.nvidia.com")
    @JsonPropertyDescription("DRA DeviceClass the shared GPU claim requests devices from. Default gpu.nvidia.com.")
    private String deviceClassName;

    @JsonPropertyDescription("Further containers of the pod template to wire as GMS clients besides the target"
            + " container; intraPod only. Names that match no container are ignored.")
    private List<@Pattern(ApiPatterns.DNS_LABEL) @Size(min = 1, max = 63) String> extraClientContainers;

    public Boolean getEnabled() { return enabled; }
    public void setEnabled(Boolean enabled) { this.enabled = enabled; }
    public String getMode() { return mode; }
    public void setMode(String mode) { this.mode = mode; }
    public String getDeviceClassName() { return deviceClassName; }
    public void setDeviceClassName(String deviceClassName) { this.deviceClassName = deviceClassName; }
    public List<String> getExtraClientContainers() { return extraClientContainers; }
    public void setExtraClientContainers(List<String> extraClientContainers) { this.extraClientContainers = extraClientContainers; }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof GPUMemoryServiceSpec that
                && Objects.equals(enabled, that.enabled)
                && Objects.equals(mode, that.mode)
                && Objects.equals(deviceClassName, that.deviceClassName)
                && Objects.equals(extraClientContainers, that.extraClientContainers);
    }

    @Override
    public int hashCode() { return Objects.hash(enabled, mode, deviceClassName, extraClientContainers); }

    @Override
    public String toString() {
        return "GPUMemoryServiceSpec{enabled=" + enabled + ", mode=" + mode + ", deviceClassName=" + deviceClassName
                + ", extraClientContainers=" + extraClientContainers + "}";
    }
}
