package io.podsnap.protocol.lease;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * The checkpoint lease rules (agent reference §3.7) as pure functions of (what was read, who we are, now). A lease
 * keeps two agents from dumping into one artifact path at the same time; its expiry lets a crashed agent's work be
 * taken over.
 */
public final class LeaseRules {
    private LeaseRules() {}

    /**
     * Acquire. Missing → create. Unexpired with another holder → held by other. Otherwise (expired, unheld, or already
     * ours) → update: holder and duration set, renewTime = now, acquireTime reset to now if the lease had expired or
     * changes hands (so acquireTime always dates the current tenure).
     */
    public static LeaseDecision acquire(String namespace, String name, Lease existing, String holder, Instant now,
                                        Duration duration) {
        requireHolder(holder);
        int seconds = durationSeconds(duration);
        ZonedDateTime t = microTime(now);
        if (existing == null) {
            return new LeaseDecision.Create(new LeaseBuilder()
                    .withNewMetadata().withNamespace(namespace).withName(name).endMetadata()
                    .withNewSpec()
                        .withHolderIdentity(holder)
                        .withLeaseDurationSeconds(seconds)
                        .withAcquireTime(t)
                        .withRenewTime(t)
                        .withLeaseTransitions(0)
                    .endSpec()
                    .build());
        }
        LeaseSpec spec = existing.getSpec() == null ? new LeaseSpec() : existing.getSpec();
        String current = spec.getHolderIdentity();
        boolean expired = isExpired(existing, now);
        boolean held = current != null && !current.isEmpty();
        if (held && !holder.equals(current) && !expired) {
            return new LeaseDecision.HeldByOther(current, expiresAt(existing).orElse(now));
        }
        boolean newTenure = expired || !holder.equals(current);
        int transitions = spec.getLeaseTransitions() == null ? 0 : spec.getLeaseTransitions();
        Lease updated = new LeaseBuilder(existing)
                .editOrNewSpec()
                    .withHolderIdentity(holder)
                    .withLeaseDurationSeconds(seconds)
                    .withAcquireTime(newTenure ? t : spec.getAcquireTime())
                    .withRenewTime(t)
                    .withLeaseTransitions(held && !holder.equals(current) ? transitions + 1 : transitions)
                .endSpec()
                .build();
        return new LeaseDecision.Update(updated);
    }

    /** Renew: only the holder may; it bumps renewTime and keeps everything else. */
    public static LeaseDecision renew(Lease existing, String holder, Instant now) {
        requireHolder(holder);
        if (existing == null) {
            return new LeaseDecision.Lost("lease no longer exists");
        }
        String current = existing.getSpec() == null ? null : existing.getSpec().getHolderIdentity();
        if (!holder.equals(current)) {
            return new LeaseDecision.Lost("lease " + existing.getMetadata().getName() + " is held by "
                    + (current == null || current.isEmpty() ? "nobody" : current) + ", not " + holder);
        }
        return new LeaseDecision.Update(new LeaseBuilder(existing)
                .editSpec().withRenewTime(microTime(now)).endSpec()
                .build());
    }

    /** Release: delete only a lease we hold, so an agent that lost its lease never removes the new holder's. */
    public static LeaseDecision release(Lease existing, String holder) {
        requireHolder(holder);
        if (existing == null) {
            return new LeaseDecision.Skip("lease does not exist");
        }
        String current = existing.getSpec() == null ? null : existing.getSpec().getHolderIdentity();
        if (!holder.equals(current)) {
            return new LeaseDecision.Skip("lease is held by " + (current == null || current.isEmpty() ? "nobody" : current));
        }
        return new LeaseDecision.Delete(existing.getMetadata().getNamespace(), existing.getMetadata().getName(),
                existing.getMetadata().getUid(), existing.getMetadata().getResourceVersion());
    }

    /**
     * Expired when (renewTime, else acquireTime) + duration is before {@code now}. A lease without a duration or
     * without either time proves nothing about its holder being alive, so it counts as expired.
     */
    public static boolean isExpired(Lease lease, Instant now) {
        return expiresAt(lease).map(at -> at.isBefore(now)).orElse(true);
    }

    /** The instant the lease expires, if it can expire at all (see {@link #isExpired}). */
    public static Optional<Instant> expiresAt(Lease lease) {
        LeaseSpec spec = lease.getSpec();
        if (spec == null || spec.getLeaseDurationSeconds() == null) {
            return Optional.empty();
        }
        ZonedDateTime last = spec.getRenewTime() != null ? spec.getRenewTime() : spec.getAcquireTime();
        if (last == null) {
            return Optional.empty();
        }
        return Optional.of(last.toInstant().plusSeconds(spec.getLeaseDurationSeconds()));
    }

    /** Lease times are MicroTime on the wire; truncating here makes what we write equal what we read back. */
    static ZonedDateTime microTime(Instant now) {
        return now.truncatedTo(ChronoUnit.MICROS).atZone(ZoneOffset.UTC);
    }

    private static int durationSeconds(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.toSeconds() < 1) {
            throw new IllegalArgumentException("lease duration must be at least 1s, got " + duration);
        }
        return Math.toIntExact(duration.toSeconds());
    }

    private static void requireHolder(String holder) {
        if (holder == null || holder.isBlank()) {
            throw new IllegalArgumentException("lease holder identity must not be empty");
        }
    }
}
