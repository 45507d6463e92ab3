package io.podsnap.protocol.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Vectors computed as in {@link IdentityHashTest} (Python, then re-checked with Go), first 32 hex characters. */
class DgdCheckpointIdTest {

    static Stream<Arguments> vectors() {
        return Stream.of(
                // go({"namespace":"prod","dgdName":"llama","dgdUID":"3f1c2a9e-1b2c-4d5e-8f90-123456789abc","componentName":"VllmDecodeWorker","workerHash":"a1b2c3d4"})
                argumentSet("every field set", new DgdCheckpointId("prod", "llama", "3f1c2a9e-1b2c-4d5e-8f90-123456789abc", "VllmDecodeWorker", "a1b2c3d4"),
                        "{\"namespace\":\"prod\",\"dgdName\":\"llama\",\"dgdUID\":\"3f1c2a9e-1b2c-4d5e-8f90-123456789abc\",\"componentName\":\"VllmDecodeWorker\",\"workerHash\":\"a1b2c3d4\"}",
                        "6919d8e7f6993fc3e94bd475f1465201"),
                // go({"dgdName":"llama","componentName":"Frontend"})
                argumentSet("empty optional fields omitted", new DgdCheckpointId("", "llama", null, "Frontend", ""),
                        "{\"dgdName\":\"llama\",\"componentName\":\"Frontend\"}",
                        "911131d0e2c0026c9cabb481720c4271"),
                // go({"namespace":"ns","dgdName":"a<b>&c","dgdUID":"u","componentName":"comp"})
                argumentSet("HTML characters escaped", new DgdCheckpointId("ns", "a<b>&c", "u", "comp", null),
                        "{\"namespace\":\"ns\",\"dgdName\":\"a\\u003cb\\u003e\\u0026c\",\"dgdUID\":\"u\",\"componentName\":\"comp\"}",
                        "c585cc6e56b63d6335b73f2e68725401"));
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void matchesIndependentlyComputedVectors(DgdCheckpointId input, String canonical, String id) {
        assertThat(input.canonicalJson().toString()).isEqualTo(canonical);
        assertThat(input.id()).isEqualTo(id).hasSize(DgdCheckpointId.LENGTH);
    }

    static Stream<Arguments> different() {
        DgdCheckpointId base = new DgdCheckpointId("ns", "dgd", "uid-1", "worker", "gen-1");
        return Stream.of(
                argumentSet("another DGD UID (recreated DGD of the same name)", base, new DgdCheckpointId("ns", "dgd", "uid-2", "worker", "gen-1")),
                argumentSet("another worker generation", base, new DgdCheckpointId("ns", "dgd", "uid-1", "worker", "gen-2")),
                argumentSet("another component", base, new DgdCheckpointId("ns", "dgd", "uid-1", "prefill", "gen-1")),
                argumentSet("another namespace", base, new DgdCheckpointId("ns2", "dgd", "uid-1", "worker", "gen-1")));
    }

    @ParameterizedTest
    @MethodSource("different")
    void differentInputsGiveDifferentIds(DgdCheckpointId a, DgdCheckpointId b) {
        assertThat(a.id()).isNotEqualTo(b.id());
    }
}
