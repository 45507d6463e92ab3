package io.podsnap.api.v1alpha1;

import java.util.Map;

/** Deprecated model identity of a standalone DynamoCheckpoint; its canonical hash is the legacy checkpoint ID. */
public class DynamoCheckpointIdentity {
    private String model;
    private String backendFramework;
    private String dynamoVersion;
    private Integer tensorParallelSize;
    private Integer pipelineParallelSize;
    private String dtype;
    private Integer maxModelLen;
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
}
