package io.podsnap.operator.podsnapshot;

import static io.podsnap.operator.podsnapshot.PodSnapshotWorld.CONTAINER;
import static io.podsnap.operator.podsnapshot.PodSnapshotWorld.NODE;
import static io.podsnap.operator.podsnapshot.PodSnapshotWorld.NS;
import static io.podsnap.operator.podsnapshot.PodSnapshotWorld.POD;
import static io.podsnap.operator.podsnapshot.PodSnapshotWorld.SNAPSHOT;
import static io.podsnap.protocol.WireNames.CONDITION_FAILED;
import static io.podsnap.protocol.WireNames.CONDITION_READY;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.podsnap.api.v1alpha1.PodReference;
import io.podsnap.api.v1alpha1.PodSnapshot;
import io.podsnap.api.v1alpha1.PodSnapshotContent;
import io.podsnap.api.v1alpha1.SnapshotReference;
import io.podsnap.protocol.WireNames;
import io.podsnap.protocol.status.Conditions;
import io.podsnap.protocol.status.Reason;
import io.podsnap.testkit.MockApiServer;
import io.podsnap.testkit.Subresource;
import io.podsnap.testkit.Verb;
import io.podsnap.testkit.WithMockApi;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One reconcile pass per case against the mock API server (operator doc §6.3, §14 "PodSnapshotReconciler"): the
 * objects before, the pass, then the objects, status, events and requeue decision after.
 */
@WithMockApi
class PodSnapshotReconcilerTest {

    record Case(String name, Consumer<PodSnapshotWorld> given,
                BiConsumer<PodSnapshotWorld, PodSnapshotWorld.Outcome<UpdateControl<PodSnapshot>>> then) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                // ---- unbound: source pod checks and the work order ----
                new Case("unscheduled pod: backoff error, no content, status untouched",
                        w -> {
                            w.pod(null);
                            w.newSnapshot();
                        },
                        (w, o) -> {
                            assertThat(o.isTransient()).as("transient error, retried with backoff").isTrue();
                            assertThat(o.error()).hasMessageContaining("not scheduled");
                            assertThat(w.contents()).isEmpty();
                            assertThat(w.status().getBoundSnapshotContentName()).isNull();
                            assertThat(w.status().getConditions()).as("not a failure").isEmpty();
                            assertThat(w.events.all()).isEmpty();
                            assertThat(w.api.requests().writes()).isZero();
                        }),
                new Case("scheduled pod: builds the work order and binds without writing conditions",
                        w -> {
                            w.pod(NODE);
                            w.newSnapshot();
                        },
                        (w, o) -> {
                            assertRequeuesToMirror(o);
                            PodSnapshot snapshot = w.snapshot();
                            String uid = snapshot.getMetadata().getUid();
                            assertThat(w.contents()).hasSize(1);
                            PodSnapshotContent content = w.contents().get(0);
                            assertThat(content.getMetadata().getName()).isEqualTo("podsnapshotcontent-" + uid);
                            assertThat(content.getMetadata().getLabels())
                                    .as("routed to the node agent; no checkpoint-ID label")
                                    .isEqualTo(Map.of(WireNames.LABEL_SNAPSHOT_NODE, NODE));
                            assertThat(content.getMetadata().getAnnotations()).as("no artifact annotation").isNullOrEmpty();
                            assertThat(content.getMetadata().getFinalizers()).isNullOrEmpty();
                            assertThat(content.getMetadata().getOwnerReferences()).isNullOrEmpty();
                            assertThat(content.getSpec().getSnapshotRef()).isEqualTo(new SnapshotReference(NS, SNAPSHOT, uid));
                            assertThat(content.getSpec().getSource().getPodRef())
                                    .isEqualTo(new PodReference(POD, w.pod().getMetadata().getUid(), List.of(CONTAINER)));
                            assertThat(content.getSpec().getSource().getNodeName()).isEqualTo(NODE);
                            assertThat(w.status().getBoundSnapshotContentName()).isEqualTo(content.getMetadata().getName());
                            assertThat(w.status().getConditions()).as("no conditions on the binding pass").isEmpty();
                            assertThat(w.events.summary()).as("binding is internal: no event").isEmpty();
                        }),
                new Case("pinned pod UID matches: the work order names that pod incarnation",
                        w -> w.newSnapshotPinnedTo(w.pod(NODE).getMetadata().getUid()),
                        (w, o) -> {
                            assertRequeuesToMirror(o);
                            assertThat(w.content(w.contentName()).getSpec().getSource().getPodRef().getUid())
                                    .isEqualTo(w.pod().getMetadata().getUid());
                            assertThat(w.status().getBoundSnapshotContentName()).isEqualTo(w.contentName());
                        }),
                new Case("stale pod UID: Failed StalePodReference, no content",
                        w -> {
                            w.pod(NODE);
                            w.newSnapshotPinnedTo("uid-of-an-earlier-incarnation");
                        },
                        (w, o) -> {
                            assertWaitsForEvent(o);
                            assertFailedNow(w, Reason.StalePodReference);
                            assertThat(w.contents()).isEmpty();
                            assertThat(w.status().getBoundSnapshotContentName()).isNull();
                        }),
                new Case("missing pod: Failed SourcePodNotFound",
                        PodSnapshotWorld::newSnapshot,
                        (w, o) -> {
                            assertWaitsForEvent(o);
                            assertFailedNow(w, Reason.SourcePodNotFound);
                            assertThat(w.contents()).isEmpty();
                        }),
                new Case("content left by a pass whose binding write was lost: adopted, bound without conditions",
                        w -> {
                            w.pod(NODE);
                            w.newSnapshot();
                            w.workOrder();
                        },
                        (w, o) -> {
                            assertRequeuesToMirror(o);
                            assertThat(w.contents()).hasSize(1);
                            assertThat(w.status().getBoundSnapshotContentName()).isEqualTo(w.contentName());
                            assertThat(w.status().getConditions()).isEmpty();
                            assertThat(w.events.all()).as("adoption is logged, not an event").isEmpty();
                            assertThat(w.api.requests().count(r -> r.verb() == Verb.POST
                                    && "podsnapshotcontents".equals(r.resource()) && r.responseCode() == 409))
                                    .as("the create said AlreadyExists").isEqualTo(1);
                        }),
                new Case("content name held by a foreign content: Failed ContentConflict, foreign content untouched",
                        w -> {
                            w.pod(NODE);
                            w.newSnapshot();
                            w.content(w.contentName(), new SnapshotReference("elsewhere", "other", "other-uid"));
                        },
                        (w, o) -> {
                            assertWaitsForEvent(o);
                            assertFailedNow(w, Reason.ContentConflict);
                            assertThat(w.status().getBoundSnapshotContentName()).isNull();
                            assertThat(w.content(w.contentName()).getSpec().getSnapshotRef().getName()).isEqualTo("other");
                        }),

                // ---- bound: back-link and mirror ----
                new Case("bound content without conditions: Pending, no requeue",
                        w -> bound(w),
                        (w, o) -> {
                            assertWaitsForEvent(o);
                            assertThat(w.condition(CONDITION_READY)).get().satisfies(c -> {
                                assertThat(c.getStatus()).isEqualTo("False");
                                assertThat(c.getReason()).isEqualTo("Pending");
                                assertThat(c.getMessage()).isEqualTo("Waiting for node agent to capture the checkpoint");
                            });
                            assertThat(w.condition(CONDITION_FAILED)).as("nothing failed").isEmpty();
                            assertThat(w.events.all()).isEmpty();
                        }),
                new Case("bound content Ready: Ready=True and Failed=False with the content's reason and message",
                        w -> w.agentReady(bound(w), "dumped 1 container"),
                        (w, o) -> {
                            assertWaitsForEvent(o);
                            assertCondition(w, CONDITION_READY, "True", "Captured", "dumped 1 container");
                            assertCondition(w, CONDITION_FAILED, "False", "Captured", "dumped 1 container");
                            assertThat(w.events.summary()).containsExactly("Normal Captured");
                        }),
                new Case("bound content Failed: Failed=True and Ready=False with the content's reason",
                        w -> w.agentFailed(bound(w), Reason.CheckpointFailed, "criu dump exited 1"),
                        (w, o) -> {
                            assertWaitsForEvent(o);
                            assertCondition(w, CONDITION_FAILED, "True", "CheckpointFailed", "criu dump exited 1");
                            assertCondition(w, CONDITION_READY, "False", "CheckpointFailed", "criu dump exited 1");
                            assertThat(w.events.summary()).containsExactly("Warning CheckpointFailed");
                        }),
                new Case("Ready PodSnapshot whose content is no longer Ready: reverts to Pending",
                        w -> {
                            String content = bound(w);
                            w.snapshotStatus(s -> Conditions.markReady(s.getConditions(), Reason.Captured, "done", 1,
                                    PodSnapshotWorld.NOW.minusSeconds(60)));
                            w.agentCleared(content);
                        },
                        (w, o) -> {
                            assertWaitsForEvent(o);
                            assertCondition(w, CONDITION_READY, "False", "Pending",
                                    "Waiting for node agent to capture the checkpoint");
                            assertThat(w.condition(CONDITION_FAILED)).isEmpty();
                            assertThat(w.events.summary()).containsExactly("Normal Pending");
                        }),
                new Case("Ready PodSnapshot whose content is still Ready: re-mirrored, nothing written",
                        w -> {
                            String content = bound(w);
                            w.agentReady(content, "done");
                            w.snapshotStatus(s -> Conditions.markReady(s.getConditions(), Reason.Captured, "done", 1,
                                    PodSnapshotWorld.NOW));
                        },
                        (w, o) -> {
                            assertWaitsForEvent(o);
                            assertThat(w.api.requests().writes()).isZero();
                            assertThat(w.events.all()).isEmpty();
                        }),
                new Case("Pending PodSnapshot whose content is still pending: nothing written",
                        w -> {
                            bound(w);
                            w.snapshotStatus(s -> Conditions.markPending(s.getConditions(), 1, PodSnapshotWorld.NOW));
                        },
                        (w, o) -> {
                            assertWaitsForEvent(o);
                            assertThat(w.api.requests().writes()).isZero();
                        }),
                new Case("Failed PodSnapshot: short-circuits, even though its content is Ready",
                        w -> {
                            String content = bound(w);
                            w.agentReady(content, "done");
                            w.snapshotStatus(s -> Conditions.markFailed(s.getConditions(), Reason.ContentConflict,
                                    "earlier failure", 1, PodSnapshotWorld.NOW));
                        },
                        (w, o) -> {
                            assertWaitsForEvent(o);
                            assertThat(w.api.requests().all()).as("not even a read").isEmpty();
                            assertFailed(w, Reason.ContentConflict);
                            assertThat(w.events.all()).isEmpty();
                        }),
                new Case("bound content missing: backoff error, stays pending",
                        w -> {
                            w.pod(NODE);
                            w.newSnapshot();
                            w.bind(w.contentName());
                            w.snapshotStatus(s -> Conditions.markPending(s.getConditions(), 1, PodSnapshotWorld.NOW));
                        },
                        (w, o) -> {
                            assertThat(o.isTransient()).isTrue();
                            assertThat(o.error()).hasMessageContaining("not found");
                            assertCondition(w, CONDITION_READY, "False", "Pending",
                                    "Waiting for node agent to capture the checkpoint");
                            assertThat(w.condition(CONDITION_FAILED)).isEmpty();
                            assertThat(w.api.requests().writes()).isZero();
                            assertThat(w.events.all()).isEmpty();
                        }),
                new Case("bound content points at another PodSnapshot: Failed ContentConflict",
                        w -> {
                            w.pod(NODE);
                            w.newSnapshot();
                            w.content(w.contentName(), new SnapshotReference(NS, "another-snapshot", null));
                            w.bind(w.contentName());
                        },
                        (w, o) -> {
                            assertWaitsForEvent(o);
                            assertFailedNow(w, Reason.ContentConflict);
                            assertThat(w.status().getBoundSnapshotContentName()).as("binding kept").isEqualTo(w.contentName());
                        }),
                new Case("bound content recorded an earlier incarnation's UID: Failed ContentConflict",
                        w -> {
                            w.pod(NODE);
                            w.newSnapshot();
                            w.content(w.contentName(), new SnapshotReference(NS, SNAPSHOT, "uid-of-a-deleted-snapshot"));
                            w.bind(w.contentName());
                        },
                        (w, o) -> {
                            assertWaitsForEvent(o);
                            assertFailedNow(w, Reason.ContentConflict);
                        }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reconcile(Case c, MockApiServer api) {
        var world = new PodSnapshotWorld(api);
        c.given().accept(world);
        var outcome = world.reconcile();
        c.then().accept(world, outcome);
    }

    @Test
    void crashRecoveryAdoptsTheContentThenMirrorsIt(MockApiServer api) {
        var w = new PodSnapshotWorld(api);
        w.pod(NODE);
        w.newSnapshot();
        PodSnapshotContent leftOver = w.workOrder();

        assertRequeuesToMirror(w.reconcile());
        assertThat(w.status().getBoundSnapshotContentName()).isEqualTo(leftOver.getMetadata().getName());

        w.agentReady(leftOver.getMetadata().getName(), "captured after adoption");
        assertWaitsForEvent(w.reconcile());
        assertCondition(w, CONDITION_READY, "True", "Captured", "captured after adoption");
        assertThat(w.contents()).hasSize(1);
    }

    @Test
    void readyIsNotTerminalAndEachChangeIsWrittenOnce(MockApiServer api) {
        var w = new PodSnapshotWorld(api);
        String content = bound(w);

        w.reconcile();
        assertCondition(w, CONDITION_READY, "False", "Pending", Conditions.PENDING_MESSAGE);
        w.agentReady(content, "done");
        w.reconcile();
        assertCondition(w, CONDITION_READY, "True", "Captured", "done");
        w.reconcile();
        assertThat(w.api.requests().count(Verb.PUT, "podsnapshots", Subresource.STATUS)).as("no change, no write").isZero();
        w.agentCleared(content);
        w.reconcile();
        assertCondition(w, CONDITION_READY, "False", "Pending", Conditions.PENDING_MESSAGE);
        w.agentReady(content, "done again");
        w.reconcile();
        assertCondition(w, CONDITION_READY, "True", "Captured", "done again");
    }

    // ---- helpers ----

    /** A pod, the PodSnapshot and its work order, with the binding recorded; returns the content name. */
    static String bound(PodSnapshotWorld w) {
        w.pod(NODE);
        w.newSnapshot();
        String name = w.workOrder().getMetadata().getName();
        w.bind(name);
        return name;
    }

    static void assertWaitsForEvent(PodSnapshotWorld.Outcome<UpdateControl<PodSnapshot>> o) {
        assertThat(o.error()).as("no error").isNull();
        assertThat(o.control().isNoUpdate()).as("status is written by the reconciler, not through JOSDK").isTrue();
        assertThat(o.control().getScheduleDelay()).as("no requeue: the next content event brings the next pass").isEmpty();
    }

    /** The binding pass: no conditions written, the next pass (the first mirror) asked for in 1 s. */
    static void assertRequeuesToMirror(PodSnapshotWorld.Outcome<UpdateControl<PodSnapshot>> o) {
        assertThat(o.error()).as("no error").isNull();
        assertThat(o.control().isNoUpdate()).isTrue();
        assertThat(o.control().getScheduleDelay()).contains(1000L);
    }

    static void assertFailed(PodSnapshotWorld w, Reason reason) {
        Condition failed = w.condition(CONDITION_FAILED).orElseThrow();
        assertThat(failed.getStatus()).isEqualTo("True");
        assertThat(failed.getReason()).isEqualTo(reason.name());
        assertThat(failed.getMessage()).isNotBlank();
        Condition ready = w.condition(CONDITION_READY).orElseThrow();
        assertThat(ready.getStatus()).isEqualTo("False");
        assertThat(ready.getReason()).isEqualTo(reason.name());
    }

    /** Failed by this pass: the status says so and one Warning event with the same reason announces it. */
    static void assertFailedNow(PodSnapshotWorld w, Reason reason) {
        assertFailed(w, reason);
        assertThat(w.events.summary()).containsExactly("Warning " + reason.name());
    }

    static void assertCondition(PodSnapshotWorld w, String type, String status, String reason, String message) {
        assertThat(w.condition(type)).as(type).get().satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo(status);
            assertThat(c.getReason()).isEqualTo(reason);
            assertThat(c.getMessage()).isEqualTo(message);
            assertThat(c.getLastTransitionTime()).isNotBlank();
        });
    }
}
