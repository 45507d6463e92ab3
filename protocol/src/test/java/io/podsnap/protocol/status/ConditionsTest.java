package io.podsnap.protocol.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConditionsTest {

    private static final Instant EARLIER = Instant.parse("2026-03-01T11:00:00Z");
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00.750Z");
    private static final String T_EARLIER = "2026-03-01T11:00:00Z";
    private static final String T_NOW = "2026-03-01T12:00:00Z";

    private static Condition cond(String type, String status, String reason, String message, long gen, String time) {
        return new ConditionBuilder().withType(type).withStatus(status).withReason(reason).withMessage(message)
                .withObservedGeneration(gen).withLastTransitionTime(time).build();
    }

    static Stream<Arguments> setCases() {
        Condition readyFalse = cond("Ready", "False", "Pending", "waiting", 1, T_EARLIER);
        return Stream.of(
                argumentSet("new condition is added with now as transition time",
                        List.of(), cond("Ready", "False", "Pending", "waiting", 1, null),
                        true, List.of(cond("Ready", "False", "Pending", "waiting", 1, T_NOW))),
                argumentSet("identical condition changes nothing",
                        List.of(readyFalse), readyFalse, false, List.of(readyFalse)),
                argumentSet("status change moves the transition time",
                        List.of(readyFalse), cond("Ready", "True", "Captured", "done", 1, null),
                        true, List.of(cond("Ready", "True", "Captured", "done", 1, T_NOW))),
                argumentSet("message change keeps the transition time",
                        List.of(readyFalse), cond("Ready", "False", "Pending", "still waiting", 1, null),
                        true, List.of(cond("Ready", "False", "Pending", "still waiting", 1, T_EARLIER))),
                argumentSet("reason change keeps the transition time",
                        List.of(readyFalse), cond("Ready", "False", "SourcePodGone", "waiting", 1, null),
                        true, List.of(cond("Ready", "False", "SourcePodGone", "waiting", 1, T_EARLIER))),
                argumentSet("observedGeneration change keeps the transition time",
                        List.of(readyFalse), cond("Ready", "False", "Pending", "waiting", 2, null),
                        true, List.of(cond("Ready", "False", "Pending", "waiting", 2, T_EARLIER))),
                argumentSet("other conditions are left in place",
                        List.of(cond("Failed", "False", "Captured", "", 1, T_EARLIER), readyFalse),
                        cond("Ready", "True", "Captured", "", 1, null), true,
                        List.of(cond("Failed", "False", "Captured", "", 1, T_EARLIER),
                                cond("Ready", "True", "Captured", "", 1, T_NOW))));
    }

    @ParameterizedTest
    @MethodSource("setCases")
    void set(List<Condition> before, Condition wanted, boolean changed, List<Condition> after) {
        List<Condition> conditions = new ArrayList<>(before);
        assertThat(Conditions.set(conditions, wanted.getType(), wanted.getStatus(), wanted.getReason(), wanted.getMessage(),
                wanted.getObservedGeneration(), NOW)).isEqualTo(changed);
        assertThat(conditions).isEqualTo(after);
    }

    @Test
    void neverEditsAConditionObjectInPlace() {
        Condition original = cond("Ready", "False", "Pending", "waiting", 1, T_EARLIER);
        List<Condition> conditions = new ArrayList<>(List.of(original));
        Conditions.set(conditions, "Ready", "True", "Captured", "done", 1, NOW);
        assertThat(original).isEqualTo(cond("Ready", "False", "Pending", "waiting", 1, T_EARLIER));
    }

    @Test
    void aReasonIsRequired() {
        assertThatThrownBy(() -> Conditions.set(new ArrayList<>(), "Ready", "True", "", "m", 1, NOW))
                .hasMessage("condition Ready needs a reason");
    }

    @Test
    void getAndIsTrue() {
        List<Condition> conditions = List.of(cond("Ready", "True", "Captured", "", 1, T_NOW),
                cond("Failed", "Unknown", "Pending", "", 1, T_NOW));
        assertThat(Conditions.isTrue(conditions, "Ready")).isTrue();
        assertThat(Conditions.isTrue(conditions, "Failed")).as("Unknown is not true").isFalse();
        assertThat(Conditions.isTrue(conditions, "Other")).isFalse();
        assertThat(Conditions.isTrue(null, "Ready")).isFalse();
        assertThat(Conditions.get(conditions, "Failed")).contains(conditions.get(1));
    }

    @Test
    void markReadyWritesReadyTrueAndFailedFalse() {
        List<Condition> conditions = new ArrayList<>();
        assertThat(Conditions.markReady(conditions, Reason.Captured, "Checkpoint captured and verified", 3, NOW)).isTrue();
        assertThat(conditions).containsExactly(
                cond("Ready", "True", "Captured", "Checkpoint captured and verified", 3, T_NOW),
                cond("Failed", "False", "Captured", "Checkpoint captured and verified", 3, T_NOW));
        assertThat(Conditions.markReady(conditions, Reason.Captured, "Checkpoint captured and verified", 3, NOW.plusSeconds(5)))
                .as("second write").isFalse();
    }

    @Test
    void markFailedAfterReadyFlipsBoth() {
        List<Condition> conditions = new ArrayList<>();
        Conditions.markReady(conditions, Reason.Captured, "ok", 1, EARLIER);
        assertThat(Conditions.markFailed(conditions, Reason.ContentConflict, "content points elsewhere", 1, NOW)).isTrue();
        assertThat(conditions).containsExactly(
                cond("Ready", "False", "ContentConflict", "content points elsewhere", 1, T_NOW),
                cond("Failed", "True", "ContentConflict", "content points elsewhere", 1, T_NOW));
        assertThat(Conditions.isTrue(conditions, "Ready") && Conditions.isTrue(conditions, "Failed")).isFalse();
    }

    @Test
    void markPendingWritesOnlyReadyFalse() {
        List<Condition> conditions = new ArrayList<>();
        assertThat(Conditions.markPending(conditions, 1, NOW)).isTrue();
        assertThat(conditions).containsExactly(
                cond("Ready", "False", "Pending", "Waiting for node agent to capture the checkpoint", 1, T_NOW));
        assertThat(Conditions.markPending(conditions, 1, NOW)).isFalse();
    }

    @Test
    void readyCanRevertToPending() {
        List<Condition> conditions = new ArrayList<>();
        Conditions.markReady(conditions, Reason.Captured, "ok", 1, EARLIER);
        assertThat(Conditions.markPending(conditions, "waiting", 1, NOW)).isTrue();
        assertThat(conditions).containsExactly(
                cond("Ready", "False", "Pending", "waiting", 1, T_NOW),
                cond("Failed", "False", "Captured", "ok", 1, T_EARLIER));
    }

    @Test
    void removeAndTimeFormat() {
        List<Condition> conditions = new ArrayList<>(List.of(cond("Ready", "True", "Captured", "", 1, T_NOW)));
        assertThat(Conditions.remove(conditions, "Ready")).isTrue();
        assertThat(Conditions.remove(conditions, "Ready")).isFalse();
        assertThat(Conditions.formatTime(NOW)).isEqualTo(T_NOW);
    }
}
