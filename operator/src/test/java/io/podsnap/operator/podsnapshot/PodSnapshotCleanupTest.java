package io.podsnap.operator.podsnapshot;

import static io.podsnap.operator.podsnapshot.PodSnapshotWorld.NODE;
import static org.assertj.core.api.Assertions.assertThat;

import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.podsnap.api.v1alpha1.PodSnapshotContent;
import io.podsnap.api.v1alpha1.SnapshotReference;
import io.podsnap.testkit.MockApiServer;
import io.podsnap.testkit.Verb;
import io.podsnap.testkit.WithMockApi;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The deletion cascade (operator doc §6.3, dynamo-snapshot §7.3): one cleanup pass per case. */
@WithMockApi
class PodSnapshotCleanupTest {
    /** Holds a content after its deletion, like an agent still finishing with it. */
    static final String HOLD = "test.podsnap.io/hold";

    record Case(String name, Consumer<PodSnapshotWorld> given,
                BiConsumer<PodSnapshotWorld, PodSnapshotWorld.Outcome<DeleteControl>> then) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("nothing bound: finalizer released at once, no content touched",
                        w -> {
                            w.pod(NODE);
                            w.newSnapshot();
                            // Even a content with the name the UID would give is not ours unless the binding names it.
                            w.workOrder();
                        },
                        (w, o) -> {
                            assertReleased(o);
                            assertThat(w.api.requests().count(r -> "podsnapshotcontents".equals(r.resource()))).isZero();
                            assertThat(w.contents()).hasSize(1);
                        }),
                new Case("bound content: deleted, then the finalizer released once a read shows it gone",
                        PodSnapshotReconcilerTest::bound,
                        (w, o) -> {
                            assertReleased(o);
                            assertThat(w.api.requests().count(Verb.DELETE, "podsnapshotcontents")).isEqualTo(1);
                            assertThat(w.api.requests().count(Verb.GET, "podsnapshotcontents"))
                                    .as("one read to check the back-link, one to see it gone").isEqualTo(2);
                            assertThat(w.contents()).isEmpty();
                        }),
                new Case("bound content points at another PodSnapshot: left alone, finalizer released",
                        w -> {
                            w.pod(NODE);
                            w.newSnapshot();
                            w.content(w.contentName(), new SnapshotReference(PodSnapshotWorld.NS, "another-snapshot", null));
                            w.bind(w.contentName());
                        },
                        (w, o) -> {
                            assertReleased(o);
                            assertThat(w.api.requests().count(Verb.DELETE, "podsnapshotcontents")).isZero();
                            assertThat(w.contents()).singleElement().satisfies(c -> assertThat(
                                    c.getSpec().getSnapshotRef().getName()).isEqualTo("another-snapshot"));
                        }),
                new Case("bound content still there after the delete: finalizer kept, look again in 1 s",
                        w -> hold(w, PodSnapshotReconcilerTest.bound(w)),
                        (w, o) -> {
                            assertThat(o.error()).isNull();
                            assertThat(o.control().isRemoveFinalizer()).isFalse();
                            assertThat(o.control().getScheduleDelay()).contains(1000L);
                            assertThat(w.contents()).singleElement()
                                    .satisfies(c -> assertThat(c.getMetadata().getDeletionTimestamp()).isNotNull());
                        }),
                new Case("bound content already gone: finalizer released",
                        w -> {
                            String name = PodSnapshotReconcilerTest.bound(w);
                            w.client.resources(PodSnapshotContent.class).withName(name).delete();
                        },
                        (w, o) -> assertReleased(o)),
                new Case("content delete refused (500): backoff error, finalizer kept",
                        w -> {
                            PodSnapshotReconcilerTest.bound(w);
                            w.api.faults().on(Verb.DELETE, "podsnapshotcontents").respond(500);
                        },
                        (w, o) -> {
                            assertThat(o.isTransient()).isTrue();
                            assertThat(w.contents()).hasSize(1);
                            assertThat(w.snapshot()).as("held by the finalizer").isNotNull();
                        }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void cleanup(Case c, MockApiServer api) {
        var world = new PodSnapshotWorld(api);
        c.given().accept(world);
        var outcome = world.cleanup();
        c.then().accept(world, outcome);
    }

    @Test
    void finalizerIsReleasedOnlyAfterTheContentIsGone(MockApiServer api) {
        var w = new PodSnapshotWorld(api);
        String name = PodSnapshotReconcilerTest.bound(w);
        hold(w, name);

        var first = w.cleanup();
        assertThat(first.control().isRemoveFinalizer()).isFalse();
        assertThat(first.control().getScheduleDelay()).contains(1000L);

        var second = w.cleanup();
        assertThat(second.control().isRemoveFinalizer()).as("content still there").isFalse();

        w.client.resources(PodSnapshotContent.class).withName(name)
                .edit(c -> {
                    c.getMetadata().setFinalizers(List.of());
                    return c;
                });
        assertThat(w.contents()).isEmpty();
        assertReleased(w.cleanup());
    }

    static void hold(PodSnapshotWorld w, String contentName) {
        w.client.resources(PodSnapshotContent.class).withName(contentName).edit(c -> {
            c.getMetadata().setFinalizers(List.of(HOLD));
            return c;
        });
    }

    static void assertReleased(PodSnapshotWorld.Outcome<DeleteControl> o) {
        assertThat(o.error()).isNull();
        assertThat(o.control().isRemoveFinalizer()).isTrue();
        assertThat(o.control().getScheduleDelay()).isEmpty();
    }
}
