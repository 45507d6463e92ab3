package io.podsnap.operator.podsnapshot;

import static io.podsnap.protocol.WireNames.CONDITION_FAILED;
import static io.podsnap.protocol.WireNames.CONDITION_READY;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.podsnap.api.v1alpha1.PodReference;
import io.podsnap.api.v1alpha1.PodSnapshot;
import io.podsnap.api.v1alpha1.PodSnapshotContent;
import io.podsnap.api.v1alpha1.PodSnapshotContentSource;
import io.podsnap.api.v1alpha1.PodSnapshotContentSpec;
import io.podsnap.api.v1alpha1.PodSnapshotContentStatus;
import io.podsnap.api.v1alpha1.PodSnapshotSource;
import io.podsnap.api.v1alpha1.PodSnapshotSpec;
import io.podsnap.api.v1alpha1.PodSnapshotStatus;
import io.podsnap.api.v1alpha1.SnapshotReference;
import io.podsnap.operator.events.EventRecorder;
import io.podsnap.operator.reconcile.Decision;
import io.podsnap.protocol.WireNames;
import io.podsnap.protocol.status.Conditions;
import io.podsnap.protocol.status.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The pure decisions on small golden objects: no API server. */
class BindingDecisionsTest {
    static final Instant NOW = Instant.parse("2026-09-01T12:00:00Z");

    // ---- unbound ----

    record UnboundCase(String name, String pinnedUid, Pod pod, Class<? extends Step> expected, Reason reason) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<UnboundCase> unboundCases() {
        return Stream.of(
                new UnboundCase("no pod: SourcePodNotFound", null, null, Step.Fail.class, Reason.SourcePodNotFound),
                new UnboundCase("unscheduled: retry", null, pod("p1", null), Step.Retry.class, null),
                new UnboundCase("unscheduled and stale: retry first, the node is what is missing", "p0",
                        pod("p1", null), Step.Retry.class, null),
                new UnboundCase("stale UID: StalePodReference", "p0", pod("p1", "node-a"), Step.Fail.class,
                        Reason.StalePodReference),
                new UnboundCase("pinned UID matches: create", "p1", pod("p1", "node-a"), Step.CreateContent.class, null),
                new UnboundCase("unpinned: create", null, pod("p1", "node-a"), Step.CreateContent.class, null),
                new UnboundCase("empty pin counts as unpinned: create", "", pod("p1", "node-a"), Step.CreateContent.class,
                        null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unboundCases")
    void unbound(UnboundCase c) {
        Step step = BindingDecisions.onUnbound(snapshot(c.pinnedUid()), c.pod());
        assertThat(step).isInstanceOf(c.expected());
        if (step instanceof Step.Fail fail) {
            assertThat(fail.reason()).isEqualTo(c.reason());
            assertThat(fail.message()).contains("team-a/worker-0").contains("PodSnapshot");
        }
    }

    @Test
    void workOrderIsAPureFunctionOfSnapshotAndPod() {
        PodSnapshotContent content = WorkOrder.desired(snapshot(null), pod("p1", "node-a"));

        assertThat(content.getMetadata().getName()).isEqualTo("podsnapshotcontent-s1");
        assertThat(content.getMetadata().getNamespace()).as("cluster-scoped").isNull();
        assertThat(content.getMetadata().getLabels()).isEqualTo(Map.of(WireNames.LABEL_SNAPSHOT_NODE, "node-a"));
        assertThat(content.getMetadata().getAnnotations()).isNullOrEmpty();
        assertThat(content.getMetadata().getFinalizers()).isNullOrEmpty();
        assertThat(content.getMetadata().getOwnerReferences()).isNullOrEmpty();
        assertThat(content.getSpec()).isEqualTo(new PodSnapshotContentSpec(
                new SnapshotReference("team-a", "snap", "s1"),
                new PodSnapshotContentSource(new PodReference("worker-0", "p1", List.of("main")), "node-a")));
        assertThat(content.getStatus()).isNull();
        assertThat(WorkOrder.desired(snapshot(null), pod("p1", "node-a"))).as("idempotent").isEqualTo(content);
    }

    // ---- back-link ----

    record BackLinkCase(String name, SnapshotReference ref, boolean trusted) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<BackLinkCase> backLinkCases() {
        return Stream.of(
                new BackLinkCase("same namespace, name and UID", new SnapshotReference("team-a", "snap", "s1"), true),
                new BackLinkCase("no UID recorded: namespace and name suffice", new SnapshotReference("team-a", "snap", null), true),
                new BackLinkCase("other name", new SnapshotReference("team-a", "other", "s1"), false),
                new BackLinkCase("other namespace", new SnapshotReference("team-b", "snap", "s1"), false),
                new BackLinkCase("earlier incarnation", new SnapshotReference("team-a", "snap", "s0"), false),
                new BackLinkCase("no back-pointer", null, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backLinkCases")
    void backLink(BackLinkCase c) {
        PodSnapshotContent content = content(c.ref(), List.of());
        assertThat(BindingDecisions.backLinkMismatch(snapshot(null), content).isEmpty()).isEqualTo(c.trusted());
        Step onBound = BindingDecisions.onBound(snapshot(null), content, NOW);
        Step onAlreadyExists = BindingDecisions.onAlreadyExists(snapshot(null), content);
        if (c.trusted()) {
            assertThat(onBound).isNotInstanceOf(Step.Fail.class);
            assertThat(onAlreadyExists).isEqualTo(new Step.Bind("podsnapshotcontent-s1", true));
        } else {
            assertThat(onBound).isInstanceOfSatisfying(Step.Fail.class,
                    f -> assertThat(f.reason()).isEqualTo(Reason.ContentConflict));
            assertThat(onAlreadyExists).isInstanceOfSatisfying(Step.Fail.class,
                    f -> assertThat(f.reason()).isEqualTo(Reason.ContentConflict));
        }
    }

    // ---- mirror ----

    record MirrorCase(String name, Function<List<Condition>, List<Condition>> snapshotConditions,
                      List<Condition> contentConditions, String ready, String readyReason, String failed,
                      Optional<String> event) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<MirrorCase> mirrorCases() {
        return Stream.of(
                new MirrorCase("content Ready: Ready=True, Failed=False", c -> c,
                        List.of(condition(CONDITION_READY, "True", "Captured", "ok")),
                        "True", "Captured", "False", Optional.of("Normal Captured")),
                new MirrorCase("content Failed: Failed=True, Ready=False", c -> c,
                        List.of(condition(CONDITION_FAILED, "True", "LeaseCancelled", "lost lease"),
                                condition(CONDITION_READY, "False", "LeaseCancelled", "lost lease")),
                        "False", "LeaseCancelled", "True", Optional.of("Warning LeaseCancelled")),
                new MirrorCase("content silent: Pending, no Failed, no event", c -> c, List.of(),
                        "False", "Pending", null, Optional.empty()),
                new MirrorCase("content Ready=False only: still Pending", c -> c,
                        List.of(condition(CONDITION_READY, "False", "Validating", "gate")),
                        "False", "Pending", null, Optional.empty()),
                new MirrorCase("was Ready, content silent: back to Pending, Failed dropped",
                        c -> ready(c, "Captured"), List.of(), "False", "Pending", null, Optional.of("Normal Pending")),
                new MirrorCase("agent reason unknown here: kept on the condition, event falls back", c -> c,
                        List.of(condition(CONDITION_READY, "True", "CapturedV2", "ok")),
                        "True", "CapturedV2", "False", Optional.of("Normal Captured")),
                new MirrorCase("agent wrote no reason: the protocol's default", c -> c,
                        List.of(condition(CONDITION_FAILED, "True", "", "boom")),
                        "False", "CheckpointFailed", "True", Optional.of("Warning CheckpointFailed")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mirrorCases")
    void mirror(MirrorCase c) {
        PodSnapshot snapshot = snapshot(null);
        snapshot.getStatus().setConditions(c.snapshotConditions().apply(new ArrayList<>()));
        Step step = StatusMirror.mirror(snapshot, content(new SnapshotReference("team-a", "snap", "s1"),
                c.contentConditions()), NOW);

        assertThat(step).isInstanceOf(Step.WriteConditions.class);
        var write = (Step.WriteConditions) step;
        assertThat(Conditions.get(write.conditions(), CONDITION_READY)).get().satisfies(r -> {
            assertThat(r.getStatus()).isEqualTo(c.ready());
            assertThat(r.getReason()).isEqualTo(c.readyReason());
        });
        assertThat(Conditions.get(write.conditions(), CONDITION_FAILED).map(Condition::getStatus))
                .isEqualTo(Optional.ofNullable(c.failed()));
        assertThat(Conditions.isTrue(write.conditions(), CONDITION_READY)
                && Conditions.isTrue(write.conditions(), CONDITION_FAILED)).as("never both True").isFalse();
        assertThat(write.notice().map(n -> n.type() + " " + n.reason())).isEqualTo(c.event());

        // Mirroring the result again changes nothing: no second write.
        snapshot.getStatus().setConditions(new ArrayList<>(write.conditions()));
        assertThat(StatusMirror.mirror(snapshot, content(new SnapshotReference("team-a", "snap", "s1"),
                c.contentConditions()), NOW.plusSeconds(30))).isEqualTo(new Step.Wait());
    }

    @Test
    void noticesUseTheEventRecorderTypes() {
        var snapshot = snapshot(null);
        var step = StatusMirror.mirror(snapshot, content(new SnapshotReference("team-a", "snap", "s1"),
                List.of(condition(CONDITION_READY, "True", "Captured", "ok"))), NOW);
        assertThat(((Step.WriteConditions) step).notice()).get()
                .satisfies(n -> assertThat(n.type()).isEqualTo(EventRecorder.Type.Normal));
    }

    // ---- cascade ----

    @Test
    void cascadeDeletesOnlyTheBoundContentAndWaitsForItToGo() {
        PodSnapshot unbound = snapshot(null);
        assertThat(BindingDecisions.cascadeTarget(unbound)).as("never reconstructed from the UID").isEmpty();
        PodSnapshot bound = snapshot(null);
        bound.getStatus().setBoundSnapshotContentName("byo-content");
        assertThat(BindingDecisions.cascadeTarget(bound)).contains("byo-content");

        assertThat(BindingDecisions.afterContentDelete(true)).isEqualTo(Decision.requeueAfter(Duration.ofSeconds(1)));
        assertThat(BindingDecisions.afterContentDelete(false)).isEqualTo(Decision.done());
    }

    @Test
    void phases() {
        PodSnapshot s = snapshot(null);
        s.setStatus(null);
        assertThat(Phase.of(s)).isEqualTo(Phase.UNBOUND);
        s.setStatus(new PodSnapshotStatus());
        s.getStatus().setBoundSnapshotContentName("");
        assertThat(Phase.of(s)).isEqualTo(Phase.UNBOUND);
        s.getStatus().setBoundSnapshotContentName("c");
        assertThat(Phase.of(s)).isEqualTo(Phase.BOUND);
        Conditions.markFailed(s.getStatus().getConditions(), Reason.ContentConflict, "x", 1, NOW);
        assertThat(Phase.of(s)).isEqualTo(Phase.FAILED);
    }

    // ---- golden objects ----

    static PodSnapshot snapshot(String pinnedUid) {
        var snapshot = new PodSnapshot();
        snapshot.setMetadata(new ObjectMetaBuilder().withNamespace("team-a").withName("snap").withUid("s1")
                .withGeneration(1L).build());
        snapshot.setSpec(new PodSnapshotSpec(new PodSnapshotSource(new PodReference("worker-0", pinnedUid, List.of("main")))));
        snapshot.setStatus(new PodSnapshotStatus());
        return snapshot;
    }

    static Pod pod(String uid, String nodeName) {
        return new PodBuilder().withNewMetadata().withNamespace("team-a").withName("worker-0").withUid(uid).endMetadata()
                .withNewSpec().withNodeName(nodeName).endSpec().build();
    }

    static PodSnapshotContent content(SnapshotReference ref, List<Condition> conditions) {
        var content = new PodSnapshotContent();
        content.setMetadata(new ObjectMetaBuilder().withName("podsnapshotcontent-s1").build());
        content.setSpec(new PodSnapshotContentSpec(ref,
                new PodSnapshotContentSource(new PodReference("worker-0", "p1", List.of("main")), "node-a")));
        var status = new PodSnapshotContentStatus();
        status.setConditions(new ArrayList<>(conditions));
        content.setStatus(status);
        return content;
    }

    static Condition condition(String type, String status, String reason, String message) {
        return new ConditionBuilder().withType(type).withStatus(status).withReason(reason).withMessage(message)
                .withLastTransitionTime("2026-09-01T11:00:00Z").build();
    }

    static List<Condition> ready(List<Condition> conditions, String reason) {
        Conditions.set(conditions, CONDITION_READY, "True", reason, "ok", 1, NOW.minusSeconds(60));
        Conditions.set(conditions, CONDITION_FAILED, "False", reason, "ok", 1, NOW.minusSeconds(60));
        return conditions;
    }
}
