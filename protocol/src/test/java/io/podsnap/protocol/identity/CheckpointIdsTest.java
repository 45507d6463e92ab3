package io.podsnap.protocol.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.podsnap.api.v1alpha1.DynamoCheckpoint;
import io.podsnap.api.v1alpha1.DynamoCheckpointIdentity;
import io.podsnap.api.v1alpha1.DynamoCheckpointSpec;
import io.podsnap.api.v1alpha1.DynamoCheckpointStatus;
import io.podsnap.protocol.WireNames;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CheckpointIdsTest {

    private static final String LLAMA_HASH = "96429b2725761a09";

    static Stream<Arguments> resolvable() {
        return Stream.of(
                argumentSet("automatic: the label, even when status and identity disagree", checkpoint(c -> {
                    automatic(c);
                    label(c, "auto-id");
                    c.getStatus().setCheckpointID("status-id");
                    c.getSpec().setIdentity(llama());
                }), "auto-id"),
                argumentSet("status.checkpointID first", checkpoint(c -> {
                    c.getStatus().setCheckpointID("status-id");
                    c.getStatus().setIdentityHash("legacy-id");
                    label(c, "label-id");
                    c.getSpec().setIdentity(llama());
                }), "status-id"),
                argumentSet("then status.identityHash", checkpoint(c -> {
                    c.getStatus().setIdentityHash("legacy-id");
                    label(c, "label-id");
                    c.getSpec().setIdentity(llama());
                }), "legacy-id"),
                argumentSet("then the ID label", checkpoint(c -> {
                    label(c, "label-id");
                    c.getSpec().setIdentity(llama());
                }), "label-id"),
                argumentSet("then the identity hash", checkpoint(c -> c.getSpec().setIdentity(llama())), LLAMA_HASH),
                argumentSet("blank status fields are skipped", checkpoint(c -> {
                    c.getStatus().setCheckpointID(" ");
                    c.getStatus().setIdentityHash("");
                    c.getSpec().setIdentity(llama());
                }), LLAMA_HASH),
                argumentSet("annotation other than \"true\" is not automatic", checkpoint(c -> {
                    c.getMetadata().getAnnotations().put(WireNames.ANNOTATION_AUTO_CHECKPOINT, "True");
                    c.getSpec().setIdentity(llama());
                }), LLAMA_HASH),
                argumentSet("no status at all", checkpoint(c -> {
                    c.setStatus(null);
                    c.getSpec().setIdentity(llama());
                }), LLAMA_HASH));
    }

    @ParameterizedTest
    @MethodSource("resolvable")
    void resolvesInDocumentedOrder(DynamoCheckpoint checkpoint, String expectedId) {
        assertThat(CheckpointIds.resolve(checkpoint)).isEqualTo(expectedId);
    }

    static Stream<Arguments> unresolvable() {
        return Stream.of(
                argumentSet("automatic without the label: status and identity are never consulted", checkpoint(c -> {
                    automatic(c);
                    c.getStatus().setCheckpointID("status-id");
                    c.getSpec().setIdentity(llama());
                }), "automatic checkpoint team-a/ckpt has no nvidia.com/snapshot-checkpoint-id label"),
                argumentSet("automatic with a blank label", checkpoint(c -> {
                    automatic(c);
                    label(c, "  ");
                }), "restore the label, or delete this checkpoint"),
                argumentSet("nothing at all", checkpoint(c -> {}),
                        "checkpoint team-a/ckpt has no checkpoint ID: status.checkpointID, status.identityHash and the "
                                + "nvidia.com/snapshot-checkpoint-id label are empty and spec.identity is not set; set spec.identity"),
                argumentSet("no spec", checkpoint(c -> c.setSpec(null)), "spec.identity is not set"));
    }

    @ParameterizedTest
    @MethodSource("unresolvable")
    void failsWithActionableMessage(DynamoCheckpoint checkpoint, String messageFragment) {
        assertThatThrownBy(() -> CheckpointIds.resolve(checkpoint))
                .isInstanceOf(InvalidCheckpointException.class)
                .hasMessageContaining(messageFragment);
    }

    private static DynamoCheckpoint checkpoint(Consumer<DynamoCheckpoint> customize) {
        DynamoCheckpoint checkpoint = new DynamoCheckpoint();
        checkpoint.setMetadata(new ObjectMetaBuilder().withNamespace("team-a").withName("ckpt").build());
        checkpoint.getMetadata().setLabels(new java.util.HashMap<>());
        checkpoint.getMetadata().setAnnotations(new java.util.HashMap<>());
        checkpoint.setSpec(new DynamoCheckpointSpec());
        checkpoint.setStatus(new DynamoCheckpointStatus());
        customize.accept(checkpoint);
        return checkpoint;
    }

    private static void automatic(DynamoCheckpoint c) {
        c.getMetadata().getAnnotations().put(WireNames.ANNOTATION_AUTO_CHECKPOINT, "true");
    }

    private static void label(DynamoCheckpoint c, String id) {
        c.getMetadata().getLabels().put(WireNames.LABEL_CHECKPOINT_ID, id);
    }

    private static DynamoCheckpointIdentity llama() {
        DynamoCheckpointIdentity identity = new DynamoCheckpointIdentity();
        identity.setModel("meta-llama/Llama-2-7b-hf");
        identity.setBackendFramework("vllm");
        return identity;
    }
}
