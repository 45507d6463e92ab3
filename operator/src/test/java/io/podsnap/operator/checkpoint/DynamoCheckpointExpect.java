package io.podsnap.operator.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.podsnap.api.v1alpha1.DynamoCheckpointPhase;
import io.podsnap.api.v1alpha1.DynamoCheckpointStatus;
import io.podsnap.operator.checkpoint.DynamoCheckpointStep.Continue;
import io.podsnap.operator.checkpoint.DynamoCheckpointStep.Event;
import io.podsnap.operator.checkpoint.DynamoCheckpointStep.Retry;
import io.podsnap.operator.checkpoint.DynamoCheckpointStep.Transition;
import io.podsnap.operator.reconcile.Decision;
import io.podsnap.protocol.status.Conditions;
import io.podsnap.protocol.status.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The expected outcome of one table case: the kind of step, the status it carries, the decision and the events.
 * Only what a case sets is checked, so each case states exactly the behaviour it is about.
 */
final class DynamoCheckpointExpect {
    private static final Object UNSET = new Object();

    private Class<? extends DynamoCheckpointStep> step = Transition.class;
    private DynamoCheckpointPhase phase;
    private Object message = UNSET;
    private String messageContains;
    private Object jobName = UNSET;
    private Object podSnapshotName = UNSET;
    private Object createdAt = UNSET;
    private String checkpointId;
    private Class<? extends Decision> decision;
    private Reason terminalReason;
    private List<Reason> events;
    private final List<String[]> conditions = new ArrayList<>();
    private final List<Consumer<DynamoCheckpointStep>> extra = new ArrayList<>();

    static DynamoCheckpointExpect transition() {
        return new DynamoCheckpointExpect();
    }

    static DynamoCheckpointExpect step(Class<? extends DynamoCheckpointStep> type) {
        DynamoCheckpointExpect expect = new DynamoCheckpointExpect();
        expect.step = type;
        return expect;
    }

    DynamoCheckpointExpect phase(DynamoCheckpointPhase value) {
        phase = value;
        return this;
    }

    /** Exact message; null means "no message" (absent or empty). */
    DynamoCheckpointExpect message(String value) {
        message = value;
        return this;
    }

    DynamoCheckpointExpect messageContains(String value) {
        messageContains = value;
        return this;
    }

    DynamoCheckpointExpect jobName(String value) {
        jobName = value;
        return this;
    }

    DynamoCheckpointExpect podSnapshotName(String value) {
        podSnapshotName = value;
        return this;
    }

    DynamoCheckpointExpect createdAt(String value) {
        createdAt = value;
        return this;
    }

    DynamoCheckpointExpect checkpointId(String value) {
        checkpointId = value;
        return this;
    }

    DynamoCheckpointExpect waits() {
        decision = Decision.WaitForEvent.class;
        return this;
    }

    DynamoCheckpointExpect done() {
        decision = Decision.Done.class;
        return this;
    }

    DynamoCheckpointExpect terminal(Reason reason) {
        decision = Decision.Terminal.class;
        terminalReason = reason;
        return this;
    }

    DynamoCheckpointExpect events(Reason... reasons) {
        events = List.of(reasons);
        return this;
    }

    DynamoCheckpointExpect condition(String type, String status, String reason) {
        conditions.add(new String[] {type, status, reason});
        return this;
    }

    DynamoCheckpointExpect noCondition(String type) {
        conditions.add(new String[] {type, null, null});
        return this;
    }

    DynamoCheckpointExpect and(Consumer<DynamoCheckpointStep> check) {
        extra.add(check);
        return this;
    }

    void verify(DynamoCheckpointStep actual) {
        assertThat(actual).as("step").isInstanceOf(step);
        Optional<DynamoCheckpointStatus> status = switch (actual) {
            case Transition t -> Optional.of(t.status());
            case Continue c -> Optional.of(c.status());
            default -> Optional.empty();
        };
        if (status.isPresent()) {
            verifyStatus(status.get());
        }
        if (actual instanceof Transition t) {
            if (decision != null) {
                assertThat(t.next()).as("decision").isInstanceOf(decision);
            }
            if (terminalReason != null) {
                assertThat(((Decision.Terminal) t.next()).reason()).as("terminal reason").isEqualTo(terminalReason);
                assertThat(((Decision.Terminal) t.next()).message()).as("terminal message")
                        .isEqualTo(t.status().getMessage());
            }
            if (events != null) {
                assertThat(t.events()).extracting(Event::reason).as("events").containsExactlyElementsOf(events);
            }
        }
        if (actual instanceof Retry r && events != null) {
            assertThat(r.events()).extracting(Event::reason).as("events").containsExactlyElementsOf(events);
        }
        if (actual instanceof Retry r && messageContains != null) {
            assertThat(r.message()).contains(messageContains);
        }
        extra.forEach(check -> check.accept(actual));
    }

    private void verifyStatus(DynamoCheckpointStatus s) {
        if (phase != null) {
            assertThat(s.getPhase()).as("phase").isEqualTo(phase);
        }
        if (message != UNSET) {
            if (message == null) {
                assertThat(s.getMessage()).as("message").isNullOrEmpty();
            } else {
                assertThat(s.getMessage()).as("message").isEqualTo(message);
            }
        }
        if (messageContains != null) {
            assertThat(s.getMessage()).as("message").contains(messageContains);
        }
        if (jobName != UNSET) {
            assertThat(s.getJobName()).as("jobName").isEqualTo(jobName);
        }
        if (podSnapshotName != UNSET) {
            assertThat(s.getPodSnapshotName()).as("podSnapshotName").isEqualTo(podSnapshotName);
        }
        if (createdAt != UNSET) {
            assertThat(s.getCreatedAt()).as("createdAt").isEqualTo(createdAt);
        }
        if (checkpointId != null) {
            assertThat(s.getCheckpointID()).as("checkpointID").isEqualTo(checkpointId);
            assertThat(s.getIdentityHash()).as("identityHash mirrors checkpointID").isEqualTo(checkpointId);
        }
        for (String[] c : conditions) {
            Optional<Condition> condition = Conditions.get(s.getConditions(), c[0]);
            if (c[1] == null) {
                assertThat(condition).as("condition " + c[0]).isEmpty();
                continue;
            }
            assertThat(condition).as("condition " + c[0]).isPresent();
            assertThat(condition.get().getStatus()).as(c[0] + " status").isEqualTo(c[1]);
            assertThat(condition.get().getReason()).as(c[0] + " reason").isEqualTo(c[2]);
        }
    }
}
