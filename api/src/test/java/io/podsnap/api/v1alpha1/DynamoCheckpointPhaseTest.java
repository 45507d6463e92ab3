package io.podsnap.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DynamoCheckpointPhaseTest {
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private static DynamoCheckpoint read(String phase) {
        return SERIALIZATION.unmarshal("""
                apiVersion: nvidia.com/v1alpha1
                kind: DynamoCheckpoint
                metadata: {name: c, namespace: n}
                status: {phase: "%s", checkpointID: abc}
                """.formatted(phase), DynamoCheckpoint.class);
    }

    @ParameterizedTest(name = "phase \"{0}\" reads as {1}")
    @CsvSource(value = {"Pending,Pending", "Creating,Creating", "Ready,Ready", "Failed,Failed",
            "'',NULL", "Bogus,NULL", "ready,NULL"}, nullValues = "NULL")
    void anUnknownOrEmptyPhaseReadsAsNeverReconciledInsteadOfFailingTheWholeObject(String stored, String expected) {
        DynamoCheckpoint checkpoint = read(stored);

        assertThat(checkpoint.getStatus().getPhase())
                .isEqualTo(expected == null ? null : DynamoCheckpointPhase.valueOf(expected));
        assertThat(checkpoint.getStatus().getCheckpointID()).as("the rest of the object is intact").isEqualTo("abc");
    }
}
