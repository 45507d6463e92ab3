package io.podsnap.operator.podsnapshot;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import io.javaoperatorsdk.operator.api.reconciler.dependent.managed.ManagedWorkflowAndDependentResourceContext;
import io.javaoperatorsdk.operator.processing.event.EventSourceRetriever;
import io.podsnap.api.v1alpha1.PodSnapshot;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;

/**
 * The JOSDK context a reconciler test hands to {@code reconcile}/{@code cleanup}: only the client. The reconciler
 * reads through the API, never through JOSDK caches, so anything else it asked for would be a regression and fails.
 */
final class ClientOnlyContext implements Context<PodSnapshot> {
    private final KubernetesClient client;
    private final PodSnapshot primary;

    ClientOnlyContext(KubernetesClient client, PodSnapshot primary) {
        this.client = client;
        this.primary = primary;
    }

    @Override
    public KubernetesClient getClient() {
        return client;
    }

    @Override
    public PodSnapshot getPrimaryResource() {
        return primary;
    }

    @Override
    public Optional<RetryInfo> getRetryInfo() {
        return Optional.empty();
    }

    @Override
    public <R> Set<R> getSecondaryResources(Class<R> type) {
        throw unsupported();
    }

    @Override
    public <R> Optional<R> getSecondaryResource(Class<R> type, String eventSourceName) {
        throw unsupported();
    }

    @Override
    public ControllerConfiguration<PodSnapshot> getControllerConfiguration() {
        throw unsupported();
    }

    @Override
    public ManagedWorkflowAndDependentResourceContext managedWorkflowAndDependentResourceContext() {
        throw unsupported();
    }

    @Override
    public EventSourceRetriever<PodSnapshot> eventSourceRetriever() {
        throw unsupported();
    }

    @Override
    public ExecutorService getWorkflowExecutorService() {
        throw unsupported();
    }

    @Override
    public IndexedResourceCache<PodSnapshot> getPrimaryCache() {
        throw unsupported();
    }

    @Override
    public boolean isNextReconciliationImminent() {
        return false;
    }

    @Override
    public boolean isPrimaryResourceDeleted() {
        return false;
    }

    @Override
    public boolean isPrimaryResourceFinalStateUnknown() {
        return false;
    }

    private static UnsupportedOperationException unsupported() {
        return new UnsupportedOperationException("the PodSnapshot reconciler reads through the API, not JOSDK caches");
    }
}
