package io.podsnap.operator.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.podsnap.api.v1alpha1.PodSnapshot;
import io.podsnap.api.v1alpha1.PodSnapshotContent;
import io.podsnap.protocol.status.Reason;
import io.podsnap.testkit.MockApiServer;
import io.podsnap.testkit.Verb;
import io.podsnap.testkit.WithMockApi;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

@WithMockApi
class KubernetesEventRecorderTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void writesAnEventWithTheReasonStringAndTheObjectReference(KubernetesClient client) {
        PodSnapshot ps = new PodSnapshot();
        ps.setMetadata(new ObjectMetaBuilder().withName("ckpt-a").withNamespace("work").withUid("uid-1").build());

        new KubernetesEventRecorder(client, "podsnap-operator", clock).warning(ps, Reason.ContentConflict, "foreign content");

        List<Event> events = client.v1().events().inNamespace("work").list().getItems();
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.getReason()).isEqualTo("ContentConflict");
            assertThat(e.getType()).isEqualTo("Warning");
            assertThat(e.getMessage()).isEqualTo("foreign content");
            assertThat(e.getInvolvedObject().getKind()).isEqualTo("PodSnapshot");
            assertThat(e.getInvolvedObject().getUid()).isEqualTo("uid-1");
            assertThat(e.getSource().getComponent()).isEqualTo("podsnap-operator");
            assertThat(e.getLastTimestamp()).isEqualTo("2026-11-22T10:00:00Z");
        });
    }

    @Test
    void clusterScopedObjectsGetTheirEventsInDefault(KubernetesClient client) {
        PodSnapshotContent content = new PodSnapshotContent();
        content.setMetadata(new ObjectMetaBuilder().withName("podsnapshotcontent-uid-1").build());

        new KubernetesEventRecorder(client, "podsnap-agent", clock).normal(content, Reason.Captured, "done");

        assertThat(client.v1().events().inNamespace("default").list().getItems())
                .singleElement().extracting(Event::getReason).isEqualTo("Captured");
    }

    @Test
    void aFailedEventWriteNeverFailsTheCaller(MockApiServer api, KubernetesClient client) {
        api.faults().on(Verb.POST, "events").always().respond(500);
        PodSnapshot ps = new PodSnapshot();
        ps.setMetadata(new ObjectMetaBuilder().withName("ckpt-a").withNamespace("work").build());

        new KubernetesEventRecorder(client, "podsnap-operator", clock).normal(ps, Reason.PodSnapshotCreated, "created");

        assertThat(client.v1().events().inNamespace("work").list().getItems()).isEmpty();
    }
}
