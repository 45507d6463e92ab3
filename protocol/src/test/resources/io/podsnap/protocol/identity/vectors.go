// Cross-check of IdentityHashTest and DgdCheckpointIdTest vectors against Go's encoding/json.
// Run: go run vectors.go   (stdlib only; prints hash and canonical JSON per line)
package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
)

type identity struct {
	Model                string            `json:"model"`
	BackendFramework     string            `json:"backendFramework"`
	DynamoVersion        string            `json:"dynamoVersion,omitempty"`
	TensorParallelSize   int32             `json:"tensorParallelSize"`
	PipelineParallelSize int32             `json:"pipelineParallelSize"`
	Dtype                string            `json:"dtype,omitempty"`
	MaxModelLen          int32             `json:"maxModelLen,omitempty"`
	ExtraParameters      map[string]string `json:"extraParameters,omitempty"`
}

type dgd struct {
	Namespace     string `json:"namespace,omitempty"`
	DGDName       string `json:"dgdName"`
	DGDUID        string `json:"dgdUID,omitempty"`
	ComponentName string `json:"componentName"`
	WorkerHash    string `json:"workerHash,omitempty"`
}

func h(v any, n int) {
	b, _ := json.Marshal(v)
	s := sha256.Sum256(b)
	fmt.Println(hex.EncodeToString(s[:])[:n], string(b))
}

func main() {
	h(identity{Model: "meta-llama/Llama-2-7b-hf", BackendFramework: "vllm", TensorParallelSize: 1, PipelineParallelSize: 1}, 16)
	h(identity{Model: "meta-llama/Llama-3-70B", BackendFramework: "sglang", DynamoVersion: "0.8.1", TensorParallelSize: 2, PipelineParallelSize: 1}, 16)
	h(identity{Model: "meta-llama/Llama-3-70B", BackendFramework: "trtllm", TensorParallelSize: 1, PipelineParallelSize: 2, Dtype: "bfloat16", MaxModelLen: 8192}, 16)
	h(identity{Model: "m", BackendFramework: "vllm", TensorParallelSize: 1, PipelineParallelSize: 1, ExtraParameters: map[string]string{"quantization": "fp8", "enforce_eager": "true", "block_size": "16"}}, 16)
	h(identity{Model: "m", BackendFramework: "vllm", TensorParallelSize: 1, PipelineParallelSize: 1, ExtraParameters: map[string]string{"chat_template": "<s>{{ a & b }}</s>"}}, 16)
	h(identity{Model: "m", BackendFramework: "vllm", TensorParallelSize: 1, PipelineParallelSize: 1, ExtraParameters: map[string]string{"stop": "a\u0001b\u001fc\td\ne\rf\"g\\h\u007f"}}, 16)
	h(identity{Model: "m", BackendFramework: "vllm", TensorParallelSize: 1, PipelineParallelSize: 1, ExtraParameters: map[string]string{"sep": "x\by\fz"}}, 16)
	h(identity{Model: "Qwen/通义千问-7B", BackendFramework: "vllm", TensorParallelSize: 1, PipelineParallelSize: 1, ExtraParameters: map[string]string{"note": "naïve café – ✓", "js": "line\u2028para\u2029end"}}, 16)
	h(identity{Model: "m", BackendFramework: "vllm", TensorParallelSize: 1, PipelineParallelSize: 1, ExtraParameters: map[string]string{"\uff21": "fullwidth", "\U0001F600": "emoji", "a": "ascii", "Z": "upper"}}, 16)
	h(identity{Model: "meta-llama/Llama-3.1-8B-Instruct", BackendFramework: "vllm", DynamoVersion: "0.9.0", TensorParallelSize: 4, PipelineParallelSize: 2, Dtype: "float16", MaxModelLen: 131072, ExtraParameters: map[string]string{"gpu_memory_utilization": "0.9", "enable_prefix_caching": "true"}}, 16)
	h(dgd{Namespace: "prod", DGDName: "llama", DGDUID: "3f1c2a9e-1b2c-4d5e-8f90-123456789abc", ComponentName: "VllmDecodeWorker", WorkerHash: "a1b2c3d4"}, 32)
	h(dgd{DGDName: "llama", ComponentName: "Frontend"}, 32)
	h(dgd{Namespace: "ns", DGDName: "a<b>&c", DGDUID: "u", ComponentName: "comp"}, 32)
	// A lone surrogate arrives from the API server as a \ud800 escape; Go decodes it to U+FFFD.
	var id identity
	_ = json.Unmarshal([]byte(`{"model":"bad\ud800model","backendFramework":"vllm","tensorParallelSize":1,"pipelineParallelSize":1}`), &id)
	h(id, 16)
	h(identity{Model: "bad\uFFFDmodel", BackendFramework: "vllm", TensorParallelSize: 1, PipelineParallelSize: 1}, 16)
}
