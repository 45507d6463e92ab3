package io.podsnap.operator.podsnapshot;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.podsnap.api.v1alpha1.PodSnapshot;

/**
 * Where a status the reconciler wrote itself is remembered until the informer delivers it, so that the next pass
 * starts from what was written and not from the copy it replaced.
 */
@FunctionalInterface
interface PrimaryCache {

    /** JOSDK's controller event source: the same call JOSDK makes after a status patch of its own. */
    PrimaryCache JOSDK = (context, read, written) -> context.eventSourceRetriever().getControllerEventSource()
            .handleRecentResourceUpdate(ResourceID.fromResource(read), written, read);

    /** No cache: a pass run outside JOSDK (unit tests) always starts from a fresh read. */
    PrimaryCache NONE = (context, read, written) -> { };

    void remember(Context<PodSnapshot> context, PodSnapshot read, PodSnapshot written);
}
