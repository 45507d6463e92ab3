package io.podsnap.operator.events;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.podsnap.protocol.status.Reason;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes core/v1 Events. An event is a best-effort notification: failing to write one is logged and never fails a
 * reconcile (the status carries the same reason durably).
 */
public final class KubernetesEventRecorder implements EventRecorder {
    private static final Logger log = LoggerFactory.getLogger(KubernetesEventRecorder.class);
    /** Events for cluster-scoped objects (PodSnapshotContent) go to the default namespace, as kubectl expects. */
    private static final String CLUSTER_SCOPED_EVENT_NAMESPACE = "default";
    private static final int MAX_MESSAGE = 1024;

    private final KubernetesClient client;
    private final String component;
    private final Clock clock;

    public KubernetesEventRecorder(KubernetesClient client, String component, Clock clock) {
        this.client = client;
        this.component = component;
        this.clock = clock;
    }

    @Override
    public void record(HasMetadata regarding, Type type, Reason reason, String message) {
        String namespace = regarding.getMetadata().getNamespace();
        if (namespace == null || namespace.isEmpty()) {
            namespace = CLUSTER_SCOPED_EVENT_NAMESPACE;
        }
        String now = DateTimeFormatter.ISO_INSTANT.format(Instant.now(clock).truncatedTo(ChronoUnit.SECONDS));
        String text = message == null ? "" : message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) : message;
        var event = new EventBuilder()
                .withNewMetadata()
                    .withName(regarding.getMetadata().getName() + "." + UUID.randomUUID().toString().replace("-", "").substring(0, 16))
                    .withNamespace(namespace)
                .endMetadata()
                .withInvolvedObject(new ObjectReferenceBuilder()
                        .withApiVersion(regarding.getApiVersion())
                        .withKind(regarding.getKind())
                        .withName(regarding.getMetadata().getName())
                        .withNamespace(regarding.getMetadata().getNamespace())
                        .withUid(regarding.getMetadata().getUid())
                        .withResourceVersion(regarding.getMetadata().getResourceVersion())
                        .build())
                .withType(type.name())
                .withReason(reason.name())
                .withMessage(text)
                .withCount(1)
                .withFirstTimestamp(now)
                .withLastTimestamp(now)
                .withNewSource().withComponent(component).endSource()
                .withReportingComponent(component)
                .build();
        try {
            client.v1().events().inNamespace(namespace).resource(event).create();
        } catch (KubernetesClientException e) {
            log.warn("could not record {} event {} on {}/{}: {}", type, reason, namespace,
                    regarding.getMetadata().getName(), e.getMessage());
        }
    }
}
