package io.podsnap.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import java.util.Map;
import java.util.Objects;

/**
 * Deprecated model identity of a standalone DynamoCheckpoint; its canonical hash is the legacy checkpoint ID. The
 * hash is defined over exactly these fields, so a new field here must be left out of the hash.
 */
public class DynamoCheckpointIdentity {
    @Required
    @JsonPropertyDescription("Deprecated (legacy identity). Model identifier, e.g. meta-llama/Llama-3-70B.")
    private String model;

    @Required
    @SchemaFrom(type = BackendFramework.class)
    @JsonPropertyDescription("Deprecated (legacy identity). Inference backend: vllm, sglang or trtllm.")
    private String backendFramework;

    @JsonPropertyDescription("Deprecated (legacy identity). Dynamo platform version; optional.")
    private String dynamoVersion;

    @Min(1)
    @Default("1")
    @JsonPropertyDescription("Deprecated (legacy identity). Tensor parallel size; default 1.")
    private Integer tensorParallelSize;

    @Min(1)
    @Default("1")
    @JsonPropertyDescription("Deprecated (legacy identity). Pipeline parallel size; default 1.")
    private Integer pipelineParallelSize;

    @JsonPropertyDescription("Deprecated (legacy identity). Data type (fp16, bf16, fp8, ...); optional.")
    private String dtype;

    @Min(1)
    @JsonPropertyDescription("Deprecated (legacy identity). Maximum sequence length; optional.")
    private Integer maxModelLen;

    @JsonPropertyDescription("Deprecated (legacy identity). Further framework parameters that change the checkpoint;"
            + " they take part in the identity hash.")
    private Map<String, String> extraParameters;

    public String getModel() { return model; }
    public void setModel(String model) { this.model = model; }
    public String getBackendFramework() { return backendFramework; }
    public void setBackendFramework(String backendFramework) { this.backendFramework = backendFramework; }
    public String getDynamoVersion() { return dynamoVersion; }
    public void setDynamoVersion(String dynamoVersion) { this.dynamoVersion = dynamoVersion; }
    public Integer getTensorParallelSize() { return tensorParallelSize; }
    public void setTensorParallelSize(Integer tensorParallelSize) { this.tensorParallelSize = tensorParallelSize; }
    public Integer getPipelineParallelSize() { return pipelineParallelSize; }
    public void setPipelineParallelSize(Integer pipelineParallelSize) { this.pipelineParallelSize = pipelineParallelSize; }
    public String getDtype() { return dtype; }
    public void setDtype(String dtype) { this.dtype = dtype; }
    public Integer getMaxModelLen() { return maxModelLen; }
    public void setMaxModelLen(Integer maxModelLen) { this.maxModelLen = maxModelLen; }
    public Map<String, String> getExtraParameters() { return extraParameters; }
    public void setExtraParameters(Map<String, String> extraParameters) { this.extraParameters = extraParameters; }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof DynamoCheckpointIdentity that
                && Objects.equals(model, that.model)
                && Objects.equals(backendFramework, that.backendFramework)
                && Objects.equals(dynamoVersion, that.dynamoVersion)
                && Objects.equals(tensorParallelSize, that.tensorParallelSize)
                && Objects.equals(pipelineParallelSize, that.pipelineParallelSize)
                && Objects.equals(dtype, that.dtype)
                && Objects.equals(maxModelLen, that.maxModelLen)
                && Objects.equals(extraParameters, that.extraParameters);
    }

    @Override
    public int hashCode() {
        return Objects.hash(model, backendFramework, dynamoVersion, tensorParallelSize, pipelineParallelSize, dtype,
                maxModelLen, extraParameters);
    }

    @Override
    public String toString() {
        return "DynamoCheckpointIdentity{model=" + model + ", backendFramework=" + backendFramework
                + ", dynamoVersion=" + dynamoVersion + ", tensorParallelSize=" + tensorParallelSize
                + ", pipelineParallelSize=" + pipelineParallelSize + ", dtype=" + dtype
                + ", maxModelLen=" + maxModelLen + ", extraParameters=" + extraParameters + "}";
    }
}
