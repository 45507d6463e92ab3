package io.podsnap.protocol.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LeaseRulesTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Duration DURATION = Duration.ofSeconds(30);
    private static final String US = "snapshot-agent/us";
    private static final String THEM = "snapshot-agent/them";

    private static ZonedDateTime at(int secondsFromNow) {
        return NOW.plusSeconds(secondsFromNow).atZone(ZoneOffset.UTC);
    }

    /** A stored lease: holder, duration (null = none), acquired and renewed relative to NOW (null = unset). */
    private static Lease lease(String holder, Integer duration, Integer acquired, Integer renewed) {
        return new LeaseBuilder()
                .withNewMetadata().withNamespace("ns").withName("checkpoint-lease-abc").withUid("uid-1")
                    .withResourceVersion("7").endMetadata()
                .withNewSpec()
                    .withHolderIdentity(holder)
                    .withLeaseDurationSeconds(duration)
                    .withAcquireTime(acquired == null ? null : at(acquired))
                    .withRenewTime(renewed == null ? null : at(renewed))
                    .withLeaseTransitions(2)
                .endSpec()
                .build();
    }

    static Stream<Arguments> expiry() {
        return Stream.of(
                argumentSet("renewed recently", lease(THEM, 30, -100, -10), false),
                argumentSet("renewTime + duration exactly now is still live", lease(THEM, 30, -100, -30), false),
                argumentSet("renewTime + duration one second ago", lease(THEM, 30, -100, -31), true),
                argumentSet("no renewTime: acquireTime counts", lease(THEM, 30, -10, null), false),
                argumentSet("no renewTime and an old acquireTime", lease(THEM, 30, -31, null), true),
                argumentSet("renewTime wins over a recent acquireTime", lease(THEM, 30, -1, -31), true),
                argumentSet("no duration counts as expired", lease(THEM, null, -1, -1), true),
                argumentSet("no times count as expired", lease(THEM, 30, null, null), true));
    }

    @ParameterizedTest
    @MethodSource("expiry")
    void expiry(Lease lease, boolean expired) {
        assertThat(LeaseRules.isExpired(lease, NOW)).isEqualTo(expired);
    }

    private static LeaseDecision update(Lease base, String holder, ZonedDateTime acquire, int transitions) {
        return new LeaseDecision.Update(new LeaseBuilder(base).editSpec()
                .withHolderIdentity(holder).withLeaseDurationSeconds(30).withAcquireTime(acquire).withRenewTime(at(0))
                .withLeaseTransitions(transitions).endSpec().build());
    }

    static Stream<Arguments> acquire() {
        Lease theirsLive = lease(THEM, 30, -100, -10);
        Lease theirsExpired = lease(THEM, 30, -100, -31);
        Lease oursLive = lease(US, 30, -100, -10);
        Lease oursExpired = lease(US, 30, -100, -31);
        Lease unheld = lease("", 30, -100, -10);
        Lease theirsNoDuration = lease(THEM, null, -100, -1);
        return Stream.of(
                argumentSet("missing lease is created",
                        null,
                        new LeaseDecision.Create(new LeaseBuilder()
                                .withNewMetadata().withNamespace("ns").withName("checkpoint-lease-abc").endMetadata()
                                .withNewSpec().withHolderIdentity(US).withLeaseDurationSeconds(30)
                                .withAcquireTime(at(0)).withRenewTime(at(0)).withLeaseTransitions(0).endSpec()
                                .build())),
                argumentSet("another holder's live lease is not acquired",
                        theirsLive, new LeaseDecision.HeldByOther(THEM, NOW.plusSeconds(20))),
                argumentSet("another holder's expired lease is taken over, acquireTime reset",
                        theirsExpired, update(theirsExpired, US, at(0), 3)),
                argumentSet("a lease without duration is taken over",
                        theirsNoDuration, update(theirsNoDuration, US, at(0), 3)),
                argumentSet("our own live lease is re-acquired, acquireTime kept",
                        oursLive, update(oursLive, US, at(-100), 2)),
                argumentSet("our own expired lease is re-acquired, acquireTime reset",
                        oursExpired, update(oursExpired, US, at(0), 2)),
                argumentSet("an unheld lease is taken, acquireTime reset",
                        unheld, update(unheld, US, at(0), 2)));
    }

    @ParameterizedTest
    @MethodSource("acquire")
    void acquire(Lease existing, LeaseDecision expected) {
        assertThat(LeaseRules.acquire("ns", "checkpoint-lease-abc", existing, US, NOW, DURATION)).isEqualTo(expected);
    }

    @Test
    void takeOverKeepsTheReadResourceVersionForOptimisticLocking() {
        LeaseDecision d = LeaseRules.acquire("ns", "checkpoint-lease-abc", lease(THEM, 30, -100, -31), US, NOW, DURATION);
        assertThat(((LeaseDecision.Update) d).lease().getMetadata().getResourceVersion()).isEqualTo("7");
    }

    static Stream<Arguments> renew() {
        Lease ours = lease(US, 30, -100, -10);
        return Stream.of(
                argumentSet("our lease gets a new renewTime only",
                        ours, new LeaseDecision.Update(new LeaseBuilder(ours).editSpec().withRenewTime(at(0)).endSpec().build())),
                argumentSet("our expired lease is still ours to renew",
                        lease(US, 30, -100, -60),
                        new LeaseDecision.Update(new LeaseBuilder(lease(US, 30, -100, -60)).editSpec().withRenewTime(at(0))
                                .endSpec().build())),
                argumentSet("a lease taken over by another holder is lost",
                        lease(THEM, 30, 0, 0),
                        new LeaseDecision.Lost("lease checkpoint-lease-abc is held by snapshot-agent/them, not snapshot-agent/us")),
                argumentSet("an unheld lease is lost",
                        lease(null, 30, 0, 0),
                        new LeaseDecision.Lost("lease checkpoint-lease-abc is held by nobody, not snapshot-agent/us")),
                argumentSet("a deleted lease is lost", null, new LeaseDecision.Lost("lease no longer exists")));
    }

    @ParameterizedTest
    @MethodSource("renew")
    void renew(Lease existing, LeaseDecision expected) {
        assertThat(LeaseRules.renew(existing, US, NOW)).isEqualTo(expected);
    }

    static Stream<Arguments> release() {
        return Stream.of(
                argumentSet("our lease is deleted with UID and resourceVersion preconditions",
                        lease(US, 30, 0, 0), new LeaseDecision.Delete("ns", "checkpoint-lease-abc", "uid-1", "7")),
                argumentSet("another holder's lease is left alone",
                        lease(THEM, 30, 0, 0), new LeaseDecision.Skip("lease is held by snapshot-agent/them")),
                argumentSet("a missing lease needs nothing", null, new LeaseDecision.Skip("lease does not exist")));
    }

    @ParameterizedTest
    @MethodSource("release")
    void release(Lease existing, LeaseDecision expected) {
        assertThat(LeaseRules.release(existing, US)).isEqualTo(expected);
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> LeaseRules.acquire("ns", "n", null, " ", NOW, DURATION))
                .hasMessage("lease holder identity must not be empty");
        assertThatThrownBy(() -> LeaseRules.acquire("ns", "n", null, US, NOW, Duration.ofMillis(500)))
                .hasMessage("lease duration must be at least 1s, got PT0.5S");
    }

    @Test
    void timesAreWrittenAtMicrosecondPrecision() {
        Instant precise = Instant.parse("2026-03-01T12:00:00.123456789Z");
        LeaseDecision d = LeaseRules.acquire("ns", "n", null, US, precise, DURATION);
        assertThat(((LeaseDecision.Create) d).lease().getSpec().getRenewTime().toInstant())
                .isEqualTo(Instant.parse("2026-03-01T12:00:00.123456Z"));
    }
}
