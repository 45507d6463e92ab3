package io.podsnap.protocol.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import io.podsnap.api.v1alpha1.DynamoCheckpointIdentity;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Vectors were produced independently with Python (the line above each case, where
 * {@code go(o) = json.dumps(o, separators=(',',':'), ensure_ascii=False)} with {@code < > & U+2028 U+2029}
 * then replaced by their {@code \\uXXXX} escapes, hashed with {@code hashlib.sha256(go(o).encode()).hexdigest()[:16]}),
 * and every one was re-checked against Go 1.26's {@code encoding/json} with the operator's struct tags
 * (src/test/resources/io/podsnap/protocol/identity/vectors.go).
 */
class IdentityHashTest {

    static Stream<Arguments> vectors() {
        return Stream.of(
                // go({"model":"meta-llama/Llama-2-7b-hf","backendFramework":"vllm","tensorParallelSize":1,"pipelineParallelSize":1})
                argumentSet("reference vector from the operator's tests", identity("meta-llama/Llama-2-7b-hf", "vllm", i -> {}),
                        "{\"model\":\"meta-llama/Llama-2-7b-hf\",\"backendFramework\":\"vllm\",\"tensorParallelSize\":1,\"pipelineParallelSize\":1}",
                        "96429b2725761a09"),
                // go({"model":"meta-llama/Llama-3-70B","backendFramework":"sglang","dynamoVersion":"0.8.1","tensorParallelSize":2,"pipelineParallelSize":1})
                argumentSet("dynamoVersion after framework, TP 2", identity("meta-llama/Llama-3-70B", "sglang", i -> {
                            i.setDynamoVersion("0.8.1");
                            i.setTensorParallelSize(2);
                        }),
                        "{\"model\":\"meta-llama/Llama-3-70B\",\"backendFramework\":\"sglang\",\"dynamoVersion\":\"0.8.1\",\"tensorParallelSize\":2,\"pipelineParallelSize\":1}",
                        "2bb824882e09d9cb"),
                // go({"model":"meta-llama/Llama-3-70B","backendFramework":"trtllm","tensorParallelSize":1,"pipelineParallelSize":2,"dtype":"bfloat16","maxModelLen":8192})
                argumentSet("dtype and maxModelLen after the sizes, PP 2", identity("meta-llama/Llama-3-70B", "trtllm", i -> {
                            i.setPipelineParallelSize(2);
                            i.setDtype("bfloat16");
                            i.setMaxModelLen(8192);
                        }),
                        "{\"model\":\"meta-llama/Llama-3-70B\",\"backendFramework\":\"trtllm\",\"tensorParallelSize\":1,\"pipelineParallelSize\":2,\"dtype\":\"bfloat16\",\"maxModelLen\":8192}",
                        "dd71f6f7b4ff9a40"),
                // go({..., "extraParameters": dict(sorted({"quantization":"fp8","enforce_eager":"true","block_size":"16"}.items()))})
                argumentSet("extraParameters inserted unsorted are written sorted", identity("m", "vllm", i -> i.setExtraParameters(
                                ordered("quantization", "fp8", "enforce_eager", "true", "block_size", "16"))),
                        "{\"model\":\"m\",\"backendFramework\":\"vllm\",\"tensorParallelSize\":1,\"pipelineParallelSize\":1,\"extraParameters\":{\"block_size\":\"16\",\"enforce_eager\":\"true\",\"quantization\":\"fp8\"}}",
                        "d2e211b8af6491df"),
                // go({..., "extraParameters":{"chat_template":"<s>{{ a & b }}</s>"}})
                argumentSet("HTML characters escaped like Go", identity("m", "vllm", i -> i.setExtraParameters(
                                ordered("chat_template", "<s>{{ a & b }}</s>"))),
                        "{\"model\":\"m\",\"backendFramework\":\"vllm\",\"tensorParallelSize\":1,\"pipelineParallelSize\":1,\"extraParameters\":{\"chat_template\":\"\\u003cs\\u003e{{ a \\u0026 b }}\\u003c/s\\u003e\"}}",
                        "704865394380ac75"),
                // go({..., "extraParameters":{"stop":"a\u0001b\u001fc\td\ne\rf\"g\\h\u007f"}})
                argumentSet("control characters, quote, backslash; DEL as-is", identity("m", "vllm", i -> i.setExtraParameters(
                                ordered("stop", "a\u0001b\u001fc\td\ne\rf\"g\\h\u007f"))),
                        "{\"model\":\"m\",\"backendFramework\":\"vllm\",\"tensorParallelSize\":1,\"pipelineParallelSize\":1,\"extraParameters\":{\"stop\":\"a\\u0001b\\u001fc\\td\\ne\\rf\\\"g\\\\h\u007f\"}}",
                        "5781cca2b2c56ac0"),
                // go({..., "extraParameters":{"sep":"x\by\fz"}})
                argumentSet("backspace and form feed short forms", identity("m", "vllm", i -> i.setExtraParameters(ordered("sep", "x\by\fz"))),
                        "{\"model\":\"m\",\"backendFramework\":\"vllm\",\"tensorParallelSize\":1,\"pipelineParallelSize\":1,\"extraParameters\":{\"sep\":\"x\\by\\fz\"}}",
                        "98e0d1a183605819"),
                // go({"model":"Qwen/通义千问-7B", ..., "extraParameters":{"js":"line\u2028para\u2029end","note":"naïve café – ✓"}})
                argumentSet("non-ASCII as UTF-8, U+2028/U+2029 escaped", identity("Qwen/通义千问-7B", "vllm", i -> i.setExtraParameters(
                                ordered("note", "naïve café – ✓", "js", "line\u2028para\u2029end"))),
                        "{\"model\":\"Qwen/通义千问-7B\",\"backendFramework\":\"vllm\",\"tensorParallelSize\":1,\"pipelineParallelSize\":1,\"extraParameters\":{\"js\":\"line\\u2028para\\u2029end\",\"note\":\"naïve café – ✓\"}}",
                        "fee2a31d02e6a34e"),
                // go({..., "extraParameters": dict(sorted({"\uff21":"fullwidth","\U0001F600":"emoji","a":"ascii","Z":"upper"}.items()))})
                argumentSet("extraParameters keys in UTF-8 byte order", identity("m", "vllm", i -> i.setExtraParameters(
                                ordered("\uFF21", "fullwidth", "\uD83D\uDE00", "emoji", "a", "ascii", "Z", "upper"))),
                        "{\"model\":\"m\",\"backendFramework\":\"vllm\",\"tensorParallelSize\":1,\"pipelineParallelSize\":1,\"extraParameters\":{\"Z\":\"upper\",\"a\":\"ascii\",\"\uFF21\":\"fullwidth\",\"\uD83D\uDE00\":\"emoji\"}}",
                        "5e4783e5129b8595"),
                // go({"model":"meta-llama/Llama-3.1-8B-Instruct","backendFramework":"vllm","dynamoVersion":"0.9.0","tensorParallelSize":4,"pipelineParallelSize":2,"dtype":"float16","maxModelLen":131072,"extraParameters":{"enable_prefix_caching":"true","gpu_memory_utilization":"0.9"}})
                argumentSet("every field set", identity("meta-llama/Llama-3.1-8B-Instruct", "vllm", i -> {
                            i.setDynamoVersion("0.9.0");
                            i.setTensorParallelSize(4);
                            i.setPipelineParallelSize(2);
                            i.setDtype("float16");
                            i.setMaxModelLen(131072);
                            i.setExtraParameters(ordered("gpu_memory_utilization", "0.9", "enable_prefix_caching", "true"));
                        }),
                        "{\"model\":\"meta-llama/Llama-3.1-8B-Instruct\",\"backendFramework\":\"vllm\",\"dynamoVersion\":\"0.9.0\",\"tensorParallelSize\":4,\"pipelineParallelSize\":2,\"dtype\":\"float16\",\"maxModelLen\":131072,\"extraParameters\":{\"enable_prefix_caching\":\"true\",\"gpu_memory_utilization\":\"0.9\"}}",
                        "b2fdc30337448dc9"),
                // Go: json.Unmarshal of "bad\ud800model" gives "bad\uFFFDmodel"; json.Marshal then hashes the UTF-8 of U+FFFD.
                argumentSet("lone surrogate hashes as U+FFFD, as after Go decoding", identity("bad\uD800model", "vllm", i -> {}),
                        "{\"model\":\"bad\uFFFDmodel\",\"backendFramework\":\"vllm\",\"tensorParallelSize\":1,\"pipelineParallelSize\":1}",
                        "b9e65f23d3b64455"));
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void matchesIndependentlyComputedVectors(DynamoCheckpointIdentity identity, String canonical, String hash) {
        assertThat(IdentityHash.canonicalJson(identity).toString()).isEqualTo(canonical);
        assertThat(IdentityHash.of(identity)).isEqualTo(hash).hasSize(IdentityHash.LENGTH);
    }

    static Stream<Arguments> equivalent() {
        return Stream.of(
                argumentSet("TP 0 is unset", identity("m", "vllm", i -> i.setTensorParallelSize(0)), identity("m", "vllm", i -> {})),
                argumentSet("TP 1 is unset", identity("m", "vllm", i -> i.setTensorParallelSize(1)), identity("m", "vllm", i -> {})),
                argumentSet("PP 0 is unset", identity("m", "vllm", i -> i.setPipelineParallelSize(0)), identity("m", "vllm", i -> {})),
                argumentSet("maxModelLen 0 is unset", identity("m", "vllm", i -> i.setMaxModelLen(0)), identity("m", "vllm", i -> {})),
                argumentSet("empty dynamoVersion is unset", identity("m", "vllm", i -> i.setDynamoVersion("")), identity("m", "vllm", i -> {})),
                argumentSet("empty dtype is unset", identity("m", "vllm", i -> i.setDtype("")), identity("m", "vllm", i -> {})),
                argumentSet("empty extraParameters is null", identity("m", "vllm", i -> i.setExtraParameters(Map.of())), identity("m", "vllm", i -> {})),
                argumentSet("extraParameters insertion order irrelevant",
                        identity("m", "vllm", i -> i.setExtraParameters(ordered("a", "1", "b", "2", "c", "3"))),
                        identity("m", "vllm", i -> i.setExtraParameters(ordered("c", "3", "a", "1", "b", "2")))),
                argumentSet("null extra value is empty string, as Go decodes JSON null",
                        identity("m", "vllm", i -> i.setExtraParameters(nullValue("k"))),
                        identity("m", "vllm", i -> i.setExtraParameters(ordered("k", "")))));
    }

    @ParameterizedTest
    @MethodSource("equivalent")
    void equivalentIdentitiesHashEqual(DynamoCheckpointIdentity a, DynamoCheckpointIdentity b) {
        assertThat(IdentityHash.of(a)).isEqualTo(IdentityHash.of(b));
    }

    static Stream<Arguments> different() {
        return Stream.of(
                argumentSet("different model", identity("m1", "vllm", i -> {}), identity("m2", "vllm", i -> {})),
                argumentSet("different framework", identity("m", "vllm", i -> {}), identity("m", "sglang", i -> {})),
                argumentSet("different extra value",
                        identity("m", "vllm", i -> i.setExtraParameters(ordered("k", "1"))),
                        identity("m", "vllm", i -> i.setExtraParameters(ordered("k", "2")))),
                argumentSet("extra key present vs absent", identity("m", "vllm", i -> i.setExtraParameters(ordered("k", ""))), identity("m", "vllm", i -> {})),
                argumentSet("TP 2 vs unset", identity("m", "vllm", i -> i.setTensorParallelSize(2)), identity("m", "vllm", i -> {})),
                argumentSet("dtype set vs unset", identity("m", "vllm", i -> i.setDtype("bfloat16")), identity("m", "vllm", i -> {})));
    }

    @ParameterizedTest
    @MethodSource("different")
    void differentIdentitiesHashDifferently(DynamoCheckpointIdentity a, DynamoCheckpointIdentity b) {
        assertThat(IdentityHash.of(a)).isNotEqualTo(IdentityHash.of(b));
    }

    static DynamoCheckpointIdentity identity(String model, String framework, Consumer<DynamoCheckpointIdentity> customize) {
        DynamoCheckpointIdentity identity = new DynamoCheckpointIdentity();
        identity.setModel(model);
        identity.setBackendFramework(framework);
        customize.accept(identity);
        return identity;
    }

    static Map<String, String> ordered(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static Map<String, String> nullValue(String key) {
        Map<String, String> map = new HashMap<>();
        map.put(key, null);
        return map;
    }
}
