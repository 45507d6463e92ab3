package io.podsnap.protocol.naming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.podsnap.api.v1alpha1.DynamoCheckpoint;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NamesTest {

    private static final String HASH16 = "96429b2725761a09";
    private static final String HASH32 = "6919d8e7f6993fc3e94bd475f1465201";
    private static final String UID = "0b6f4a8e-2d7c-4f11-9c3e-5a1b2c3d4e5f";

    static Stream<Arguments> built() {
        return Stream.of(
                argumentSet("checkpoint Job with version 1", (Supplier<String>) () -> Names.checkpointJob(HASH16, "1"), "checkpoint-job-96429b2725761a09-1"),
                argumentSet("checkpoint Job: bumped version gives a new Job", (Supplier<String>) () -> Names.checkpointJob(HASH16, "2"), "checkpoint-job-96429b2725761a09-2"),
                argumentSet("checkpoint Job: blank version means 1", (Supplier<String>) () -> Names.checkpointJob(HASH16, "  "), "checkpoint-job-96429b2725761a09-1"),
                argumentSet("checkpoint Job: null version means 1", (Supplier<String>) () -> Names.checkpointJob(HASH16, null), "checkpoint-job-96429b2725761a09-1"),
                argumentSet("checkpoint Job: 32-hex DGD ID", (Supplier<String>) () -> Names.checkpointJob(HASH32, "1"), "checkpoint-job-6919d8e7f6993fc3e94bd475f1465201-1"),
                argumentSet("checkpoint Job: exactly 63 characters", (Supplier<String>) () -> Names.checkpointJob("a".repeat(45), "v1"), "checkpoint-job-" + "a".repeat(45) + "-v1"),
                argumentSet("cleanup Job", (Supplier<String>) () -> Names.cleanupJob(HASH32), "checkpoint-cleanup-6919d8e7f6993fc3e94bd475f1465201"),
                argumentSet("cleanup Job: ID of 44 fits", (Supplier<String>) () -> Names.cleanupJob("a".repeat(44)), "checkpoint-cleanup-" + "a".repeat(44)),
                argumentSet("lease", (Supplier<String>) () -> Names.checkpointLease(HASH16), "checkpoint-lease-96429b2725761a09"),
                argumentSet("automatic checkpoint", (Supplier<String>) () -> Names.automaticCheckpoint(HASH32), "checkpoint-6919d8e7f6993fc3e94bd475f1465201"),
                argumentSet("PodSnapshotContent", (Supplier<String>) () -> Names.podSnapshotContent(UID), "podsnapshotcontent-" + UID),
                argumentSet("PodSnapshot of a DynamoCheckpoint is its name", (Supplier<String>) () -> Names.podSnapshotFor(checkpoint("llama-ckpt")), "llama-ckpt"),
                argumentSet("snapshotctl Job", (Supplier<String>) () -> Names.snapshotctlJob("vllm-worker"), "vllm-worker-checkpoint"),
                argumentSet("snapshotctl Job: pod name of 52 fits", (Supplier<String>) () -> Names.snapshotctlJob("p".repeat(52)), "p".repeat(52) + "-checkpoint"),
                argumentSet("snapshotctl PodSnapshot = Job name", (Supplier<String>) () -> Names.snapshotctlPodSnapshot("vllm-worker-checkpoint"), "vllm-worker-checkpoint"),
                argumentSet("snapshotctl PodSnapshot: long name cut and trimmed", (Supplier<String>) () -> Names.snapshotctlPodSnapshot("p".repeat(62) + "-checkpoint"), "p".repeat(62)),
                argumentSet("artifact version: blank is 1", (Supplier<String>) () -> Names.artifactVersion(" "), "1"),
                argumentSet("artifact version: null is 1", (Supplier<String>) () -> Names.artifactVersion(null), "1"),
                argumentSet("artifact version: trimmed", (Supplier<String>) () -> Names.artifactVersion(" 2 "), "2"));
    }

    @ParameterizedTest
    @MethodSource("built")
    void buildsNames(Supplier<String> builder, String expected) {
        assertThat(builder.get()).isEqualTo(expected);
    }

    static Stream<Arguments> rejected() {
        return Stream.of(
                argumentSet("checkpoint ID missing", (Runnable) () -> Names.checkpointJob("", "1"), "checkpoint ID", "checkpoint ID: Required value"),
                argumentSet("checkpoint ID with slash", (Runnable) () -> Names.cleanupJob("a/b"), "checkpoint ID", "checkpoint ID: Invalid value: \"a/b\": must not contain '/'"),
                argumentSet("checkpoint ID with backslash", (Runnable) () -> Names.cleanupJob("a\\b"), "checkpoint ID", "must not contain '\\'"),
                argumentSet("checkpoint ID with ..", (Runnable) () -> Names.cleanupJob("a..b"), "checkpoint ID", "must not contain '..'"),
                argumentSet("checkpoint ID is .", (Runnable) () -> Names.cleanupJob("."), "checkpoint ID", "must not be '.'"),
                argumentSet("checkpoint ID uppercase", (Runnable) () -> Names.checkpointLease("ABC"), "checkpoint ID", "a lowercase RFC 1123 label"),
                argumentSet("checkpoint ID with dot", (Runnable) () -> Names.automaticCheckpoint("a.b"), "checkpoint ID", "must not contain dots"),
                argumentSet("checkpoint ID longer than a label", (Runnable) () -> Names.checkpointLease("a".repeat(64)), "checkpoint ID", "must be no more than 63 characters"),
                argumentSet("cleanup Job: ID of 45 too long", (Runnable) () -> Names.cleanupJob("a".repeat(45)), "checkpoint ID",
                        "must be no more than 44 characters (its cleanup Job would be named"),
                argumentSet("automatic checkpoint: ID of 53 too long", (Runnable) () -> Names.automaticCheckpoint("a".repeat(53)), "checkpoint ID", "must be no more than 52 characters"),
                argumentSet("checkpoint Job: version not a label", (Runnable) () -> Names.checkpointJob(HASH16, "V_2"), "artifact version",
                        "artifact version: Invalid value: \"V_2\""),
                argumentSet("checkpoint Job: ID plus version too long", (Runnable) () -> Names.checkpointJob("a".repeat(45), "v12"), "checkpoint Job name",
                        "must be no more than 63 characters (the checkpoint ID (45 characters) and the artifact version (3 characters) together may have at most 47 characters)"),
                argumentSet("PodSnapshotContent: UID missing", (Runnable) () -> Names.podSnapshotContent(null), "PodSnapshot UID", "PodSnapshot UID: Required value"),
                argumentSet("PodSnapshotContent: UID with slash", (Runnable) () -> Names.podSnapshotContent("a/b"), "PodSnapshot UID", "a lowercase RFC 1123 subdomain"),
                argumentSet("PodSnapshot: checkpoint without name", (Runnable) () -> Names.podSnapshotFor(checkpoint(null)), "DynamoCheckpoint name", "Required value"),
                argumentSet("snapshotctl Job: pod name of 53 too long", (Runnable) () -> Names.snapshotctlJob("p".repeat(53)), "pod name",
                        "must be no more than 52 characters (snapshotctl names its Job"),
                argumentSet("snapshotctl Job: pod name invalid", (Runnable) () -> Names.snapshotctlJob("Pod"), "pod name", "pod name: Invalid value: \"Pod\""),
                argumentSet("snapshotctl PodSnapshot: nothing valid left", (Runnable) () -> Names.snapshotctlPodSnapshot("---"), "snapshotctl Job name", "nothing is left"));
    }

    @ParameterizedTest
    @MethodSource("rejected")
    void rejectsNamingTheInputAtFault(Runnable builder, String input, String messageFragment) {
        assertThatThrownBy(builder::run)
                .isInstanceOf(InvalidNameException.class)
                .hasMessageContaining(messageFragment)
                .extracting(e -> ((InvalidNameException) e).input()).isEqualTo(input);
    }

    private static DynamoCheckpoint checkpoint(String name) {
        DynamoCheckpoint checkpoint = new DynamoCheckpoint();
        checkpoint.setMetadata(new ObjectMetaBuilder().withNamespace("ns").withName(name).build());
        return checkpoint;
    }
}
