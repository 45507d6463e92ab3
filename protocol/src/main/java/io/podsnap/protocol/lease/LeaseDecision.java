package io.podsnap.protocol.lease;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.time.Instant;

/**
 * What to do about a checkpoint lease, decided by {@link LeaseRules} from what was read; {@link CheckpointLeases}
 * applies it. Keeping the decision a value makes every lease rule testable without an API server.
 */
public sealed interface LeaseDecision {

    /** No lease exists: create this one. AlreadyExists on create means another holder won the race. */
    record Create(Lease lease) implements LeaseDecision {}

    /**
     * Write this lease back (take over, re-acquire or renew). It carries the resourceVersion that was read, so a
     * concurrent writer turns the update into a Conflict instead of two holders both believing they won.
     */
    record Update(Lease lease) implements LeaseDecision {}

    /** Delete the lease we hold, but only the exact object we read (UID and resourceVersion preconditions). */
    record Delete(String namespace, String name, String uid, String resourceVersion) implements LeaseDecision {}

    /** Acquire: another holder's lease has not expired yet. */
    record HeldByOther(String holder, Instant expiresAt) implements LeaseDecision {}

    /** Renew: the lease is gone or someone else holds it; whoever runs under it must stop. */
    record Lost(String reason) implements LeaseDecision {}

    /** Release: nothing to delete (the lease is gone or not ours). */
    record Skip(String reason) implements LeaseDecision {}
}
