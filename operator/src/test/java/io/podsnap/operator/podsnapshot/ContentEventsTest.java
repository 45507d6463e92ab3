package io.podsnap.operator.podsnapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.BaseConfigurationService;
import io.javaoperatorsdk.operator.api.config.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider;
import io.javaoperatorsdk.operator.api.reconciler.Constants;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.retry.GenericRetry;
import io.podsnap.api.v1alpha1.PodReference;
import io.podsnap.api.v1alpha1.PodSnapshot;
import io.podsnap.api.v1alpha1.PodSnapshotContent;
import io.podsnap.api.v1alpha1.PodSnapshotContentSource;
import io.podsnap.api.v1alpha1.PodSnapshotContentSpec;
import io.podsnap.api.v1alpha1.SnapshotReference;
import io.podsnap.protocol.WireNames;
import io.podsnap.testkit.MockApiServer;
import io.podsnap.testkit.Verb;
import io.podsnap.testkit.WithMockApi;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** How PodSnapshotContent events reach the PodSnapshot, and the controller settings JOSDK reads off the class. */
@WithMockApi
class ContentEventsTest {
    private final PodSnapshotReconciler reconciler = new PodSnapshotReconciler(new RecordingEvents(), Clock.systemUTC());

    @Test
    void contentMapsToThePodSnapshotItsSnapshotRefNames() {
        assertThat(new SnapshotRefMapper().toPrimaryResourceIDs(content(new SnapshotReference("team-a", "snap", "u1"))))
                .containsExactly(new ResourceID("snap", "team-a"));
    }

    @Test
    void contentWithoutAUsableSnapshotRefMapsToNothing() {
        var mapper = new SnapshotRefMapper();
        assertThat(mapper.toPrimaryResourceIDs(content(null))).isEmpty();
        assertThat(mapper.toPrimaryResourceIDs(content(new SnapshotReference("", "snap", null)))).isEmpty();
        assertThat(mapper.toPrimaryResourceIDs(content(new SnapshotReference("team-a", null, null)))).isEmpty();
        var noSpec = content(null);
        noSpec.setSpec(null);
        assertThat(mapper.toPrimaryResourceIDs(noSpec)).isEmpty();
    }

    @Test
    void contentInformerIsClusterWideEvenWhenPodSnapshotsAreWatchedInOneNamespace(KubernetesClient client) {
        InformerEventSource<PodSnapshotContent, PodSnapshot> source = contentEventSource(client);

        assertThat(source.name()).isEqualTo(PodSnapshotReconciler.CONTENT_EVENT_SOURCE);
        assertThat(source.configuration().getInformerConfig().getNamespaces())
                .isEqualTo(Constants.WATCH_ALL_NAMESPACE_SET);
        assertThat(source.configuration().getInformerConfig().getFollowControllerNamespaceChanges()).isFalse();
    }

    @Test
    void deleteEventsIncludingTombstonesReEnqueueThePodSnapshot(MockApiServer api) {
        InformerEventSource<PodSnapshotContent, PodSnapshot> source = contentEventSource(api.client());
        List<Event> enqueued = new CopyOnWriteArrayList<>();
        source.setEventHandler(enqueued::add);
        source.start();
        try {
            assertThat(api.requests().matching(r -> "podsnapshotcontents".equals(r.resource())
                    && (r.verb() == Verb.LIST || r.verb() == Verb.WATCH)))
                    .as("one cluster-wide list and watch although PodSnapshots are watched in team-a only")
                    .isNotEmpty()
                    .allSatisfy(r -> assertThat(r.namespace()).isNull());
            var content = content(new SnapshotReference("team-a", "snap", "u1"));

            source.onDelete(content, false);
            // "Deleted, final state unknown": the watch missed the delete and a relist found the object gone.
            // fabric8 hands over the last known object; the PodSnapshot must still hear about it.
            source.onDelete(content, true);

            assertThat(enqueued).extracting(Event::getRelatedCustomResourceID)
                    .containsExactly(new ResourceID("snap", "team-a"), new ResourceID("snap", "team-a"));
        } finally {
            source.stop();
        }
    }

    @Test
    void controllerUsesTheWireFinalizerAndRetriesWithoutLimit() {
        ControllerConfiguration<PodSnapshot> configuration = new BaseConfigurationService().getConfigurationFor(reconciler);

        assertThat(configuration.getName()).isEqualTo(PodSnapshotReconciler.NAME);
        assertThat(configuration.getFinalizerName()).isEqualTo(WireNames.FINALIZER_CONTENT_CLEANUP)
                .isEqualTo("nvidia.com/podsnapshotcontent-cleanup");
        assertThat(configuration.getRetry()).isInstanceOfSatisfying(GenericRetry.class, retry -> {
            assertThat(retry.getMaxAttempts()).as("an unscheduled pod may take a while").isEqualTo(-1);
            assertThat(retry.getInitialInterval()).isEqualTo(1000);
            assertThat(retry.getMaxInterval()).isEqualTo(300_000);
        });
    }

    private InformerEventSource<PodSnapshotContent, PodSnapshot> contentEventSource(KubernetesClient client) {
        ControllerConfiguration<PodSnapshot> restricted = ControllerConfigurationOverrider
                .override(new BaseConfigurationService().getConfigurationFor(reconciler))
                .settingNamespaces(Set.of("team-a"))
                .build();
        var sources = reconciler.prepareEventSources(new EventSourceContext<>(null, restricted, client, PodSnapshot.class));
        assertThat(sources).hasSize(1);
        @SuppressWarnings("unchecked")
        var source = (InformerEventSource<PodSnapshotContent, PodSnapshot>) sources.get(0);
        // What JOSDK's event source manager does when it registers the source.
        @SuppressWarnings({"unchecked", "rawtypes"})
        ControllerConfiguration<PodSnapshotContent> forSource = (ControllerConfiguration) restricted;
        source.setControllerConfiguration(forSource);
        return source;
    }

    private static PodSnapshotContent content(SnapshotReference ref) {
        var content = new PodSnapshotContent();
        content.setMetadata(new ObjectMetaBuilder().withName("podsnapshotcontent-u1").withUid("c1").build());
        content.setSpec(new PodSnapshotContentSpec(ref,
                new PodSnapshotContentSource(new PodReference("worker-0", "p1", List.of("main")), "node-a")));
        return content;
    }
}
