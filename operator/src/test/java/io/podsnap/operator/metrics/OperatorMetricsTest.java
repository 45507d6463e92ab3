package io.podsnap.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.podsnap.api.v1alpha1.DynamoCheckpoint;
import io.podsnap.api.v1alpha1.DynamoCheckpointPhase;
import io.podsnap.api.v1alpha1.DynamoCheckpointStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class OperatorMetricsTest {

    @Test
    void phaseGaugeCountsTheCacheOnEveryRead() {
        var registry = new SimpleMeterRegistry();
        List<DynamoCheckpoint> cache = new ArrayList<>();
        OperatorMetrics.registerCheckpointPhases(registry, cache::stream);

        assertThat(values(registry)).containsExactly(0.0, 0.0, 0.0, 0.0, 0.0);

        cache.add(checkpoint("a", null));
        cache.add(checkpoint("b", DynamoCheckpointPhase.Failed));
        cache.add(checkpoint("c", DynamoCheckpointPhase.Failed));
        cache.add(checkpoint("d", DynamoCheckpointPhase.Creating));

        assertThat(OperatorMetrics.phases()).containsExactly("Pending", "Creating", "Ready", "Failed", "None");
        assertThat(values(registry)).containsExactly(0.0, 1.0, 0.0, 2.0, 1.0);
    }

    @Test
    void leaderGaugeFollowsTheSupplier() {
        var registry = new SimpleMeterRegistry();
        var leader = new AtomicBoolean();
        OperatorMetrics.registerLeader(registry, leader::get);

        assertThat(registry.get(OperatorMetrics.LEADER).gauge().value()).isZero();
        leader.set(true);
        assertThat(registry.get(OperatorMetrics.LEADER).gauge().value()).isOne();
    }

    private static List<Double> values(SimpleMeterRegistry registry) {
        return OperatorMetrics.phases().stream()
                .map(phase -> registry.get(OperatorMetrics.CHECKPOINTS).tag(OperatorMetrics.TAG_PHASE, phase).gauge()
                        .value())
                .toList();
    }

    private static DynamoCheckpoint checkpoint(String name, DynamoCheckpointPhase phase) {
        var checkpoint = new DynamoCheckpoint();
        checkpoint.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("test").build());
        if (phase != null) {
            var status = new DynamoCheckpointStatus();
            status.setPhase(phase);
            checkpoint.setStatus(status);
        }
        return checkpoint;
    }
}
