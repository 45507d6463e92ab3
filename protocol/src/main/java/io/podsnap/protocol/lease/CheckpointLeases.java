package io.podsnap.protocol.lease;

import static io.podsnap.protocol.WireNames.AGENT_HOLDER_PREFIX;

import io.fabric8.kubernetes.api.model.DeleteOptionsBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.podsnap.protocol.naming.Names;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * Applies {@link LeaseRules} with a Kubernetes client: the edge where the lease decisions meet the API server. One
 * instance per agent process; its holder identity is unique to the process, so a restarted agent never mistakes an
 * old lease for its own.
 *
 * <p>Races are settled by the API server, never by a read: a create that meets AlreadyExists and an update that meets
 * Conflict both mean another holder got there first. Other API errors propagate as {@link KubernetesClientException}
 * (transient: retry later).
 */
public final class CheckpointLeases {

    /** Lease duration: a dump whose agent has been silent this long is considered abandoned. */
    public static final Duration DEFAULT_DURATION = Duration.ofSeconds(30);
    /** Renew well within the duration, so two missed renewals still leave the lease held. */
    public static final Duration RENEW_INTERVAL = Duration.ofSeconds(10);

    private final KubernetesClient client;
    private final Clock clock;
    private final String holder;
    private final Duration duration;

    /** Leases of the default duration. */
    public CheckpointLeases(KubernetesClient client, Clock clock, String holder) {
        this(client, clock, holder, DEFAULT_DURATION);
    }

    public CheckpointLeases(KubernetesClient client, Clock clock, String holder, Duration duration) {
        this.client = Objects.requireNonNull(client, "client");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (holder == null || holder.isBlank()) {
            throw new IllegalArgumentException("lease holder identity must not be empty");
        }
        this.holder = holder;
        this.duration = Objects.requireNonNull(duration, "duration");
    }

    /** A fresh holder identity, {@code snapshot-agent/<uuid>}. */
    public static String newHolderIdentity() {
        return AGENT_HOLDER_PREFIX + UUID.randomUUID();
    }

    public String holder() {
        return holder;
    }

    /**
     * {@code checkpoint-lease-<checkpointID>}: keyed by checkpoint ID, not by content or PodSnapshot, because the
     * artifact path is cluster-global — a recreated PodSnapshot must not start a second dump into the same path.
     */
    public String leaseName(String checkpointId) {
        return Names.checkpointLease(checkpointId);
    }

    /**
     * Tries to acquire the checkpoint's lease.
     *
     * @return true if we hold it now; false if another holder has it or won a race for it
     */
    public boolean acquire(String namespace, String checkpointId) {
        String name = leaseName(checkpointId);
        Lease existing = leases(namespace).withName(name).get();
        LeaseDecision decision = LeaseRules.acquire(namespace, name, existing, holder, clock.instant(), duration);
        try {
            switch (decision) {
                case LeaseDecision.Create c -> leases(namespace).resource(c.lease()).create();
                case LeaseDecision.Update u -> leases(namespace).resource(u.lease()).update();
                case LeaseDecision.HeldByOther h -> {
                    return false;
                }
                default -> throw new IllegalStateException("unexpected acquire decision " + decision);
            }
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
                // AlreadyExists on create and Conflict on update are both 409: someone else won the race.
                return false;
            }
            throw e;
        }
    }

    /**
     * Renews the lease we hold.
     *
     * @throws LeaseLostException if the lease is gone, held by someone else, or was changed under us
     */
    public void renew(String namespace, String checkpointId) throws LeaseLostException {
        String name = leaseName(checkpointId);
        Lease existing = leases(namespace).withName(name).get();
        LeaseDecision decision = LeaseRules.renew(existing, holder, clock.instant());
        switch (decision) {
            case LeaseDecision.Update u -> {
                try {
                    leases(namespace).resource(u.lease()).update();
                } catch (KubernetesClientException e) {
                    if (e.getCode() == HttpURLConnection.HTTP_CONFLICT || e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
                        // Only a holder writes the lease, so a concurrent write means it changed hands.
                        throw new LeaseLostException("lease " + namespace + "/" + name + " changed while renewing it: "
                                + e.getMessage());
                    }
                    throw e;
                }
            }
            case LeaseDecision.Lost l -> throw new LeaseLostException("lease " + namespace + "/" + name + ": " + l.reason());
            default -> throw new IllegalStateException("unexpected renew decision " + decision);
        }
    }

    /**
     * Releases the lease if we hold it. The delete is guarded by the UID and resourceVersion we read, so a lease that
     * changed hands in between is left alone; NotFound and Conflict are therefore benign.
     */
    public void release(String namespace, String checkpointId) {
        String name = leaseName(checkpointId);
        Lease existing = leases(namespace).withName(name).get();
        if (!(LeaseRules.release(existing, holder) instanceof LeaseDecision.Delete d)) {
            return;
        }
        // client.raw because the typed delete can only carry a resourceVersion precondition, not the UID.
        String path = "/apis/coordination.k8s.io/v1/namespaces/" + d.namespace() + "/leases/" + d.name();
        try {
            client.raw(path, "DELETE", new DeleteOptionsBuilder()
                    .withNewPreconditions().withUid(d.uid()).withResourceVersion(d.resourceVersion()).endPreconditions()
                    .build());
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_NOT_FOUND && e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                throw e;
            }
        }
    }

    private NonNamespaceOperation<Lease, LeaseList, Resource<Lease>> leases(String namespace) {
        return client.leases().inNamespace(namespace);
    }

}
