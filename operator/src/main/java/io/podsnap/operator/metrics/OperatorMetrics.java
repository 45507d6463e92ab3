package io.podsnap.operator.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.podsnap.api.v1alpha1.DynamoCheckpoint;
import io.podsnap.api.v1alpha1.DynamoCheckpointPhase;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The operator's own metrics. Names are Micrometer names; the Prometheus registry renders {@code a.b.c} as
 * {@code a_b_c}, so {@link #CHECKPOINTS} is scraped as {@code podsnap_operator_checkpoints}. JOSDK's reconcile
 * metrics ({@code operator_sdk_*}) are registered by JOSDK itself in the same registry.
 */
public final class OperatorMetrics {
    private OperatorMetrics() {}

    /** Gauge: DynamoCheckpoints in the operator's cache, by {@value #TAG_PHASE}. */
    public static final String CHECKPOINTS = "podsnap.operator.checkpoints";
    /** Gauge: 1 while this replica holds the leader Lease (or leader election is off), else 0. */
    public static final String LEADER = "podsnap.operator.leader";
    public static final String TAG_PHASE = "phase";
    /** Phase tag of checkpoints the operator has not reconciled yet (no status.phase). */
    public static final String PHASE_NONE = "None";

    /** Every value the {@value #TAG_PHASE} tag takes: the CRD's phases, then {@value #PHASE_NONE}. */
    public static List<String> phases() {
        return Stream.concat(Arrays.stream(DynamoCheckpointPhase.values()).map(Enum::name), Stream.of(PHASE_NONE))
                .toList();
    }

    /**
     * One gauge per phase, all present from the start (a phase with no checkpoint reads 0, so alerts on
     * {@code Failed > 0} have a series to look at). Each scrape walks the cache once per phase: the cache is in
     * memory and holds one object per checkpoint, so this stays cheap for any realistic count.
     *
     * @param checkpoints a fresh stream over the cached checkpoints on each call
     */
    public static void registerCheckpointPhases(MeterRegistry registry,
                                                Supplier<? extends Stream<DynamoCheckpoint>> checkpoints) {
        for (String phase : phases()) {
            Gauge.builder(CHECKPOINTS, () -> count(checkpoints, phase))
                    .description("DynamoCheckpoints known to the operator, by phase")
                    .tag(TAG_PHASE, phase)
                    .strongReference(true)
                    .register(registry);
        }
    }

    public static void registerLeader(MeterRegistry registry, BooleanSupplier leader) {
        Gauge.builder(LEADER, () -> leader.getAsBoolean() ? 1 : 0)
                .description("1 while this replica reconciles (holds the leader Lease), 0 on a standby")
                .strongReference(true)
                .register(registry);
    }

    static String phaseOf(DynamoCheckpoint checkpoint) {
        var status = checkpoint.getStatus();
        return status == null || status.getPhase() == null ? PHASE_NONE : status.getPhase().name();
    }

    private static long count(Supplier<? extends Stream<DynamoCheckpoint>> checkpoints, String phase) {
        try (Stream<DynamoCheckpoint> all = checkpoints.get()) {
            return all.filter(c -> phase.equals(phaseOf(c))).count();
        }
    }
}
