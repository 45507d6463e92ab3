package io.podsnap.operator.podsnapshot;

import static io.podsnap.operator.podsnapshot.PodSnapshotWorld.NODE;
import static io.podsnap.protocol.WireNames.CONDITION_READY;
import static org.assertj.core.api.Assertions.assertThat;

import io.podsnap.protocol.status.Conditions;
import io.podsnap.protocol.status.Reason;
import io.podsnap.testkit.MockApiServer;
import io.podsnap.testkit.Subresource;
import io.podsnap.testkit.Verb;
import io.podsnap.testkit.WithMockApi;
import org.junit.jupiter.api.Test;

/**
 * API faults injected with the testkit: each pass that meets one fails transiently without changing the PodSnapshot,
 * and the retry (the next pass, as JOSDK's backoff would run it) converges.
 */
@WithMockApi
class PodSnapshotFaultsTest {

    @Test
    void conflictOnStatusWriteIsRetriedAndTheRetryWrites(MockApiServer api) {
        var w = new PodSnapshotWorld(api);
        String content = PodSnapshotReconcilerTest.bound(w);
        w.agentReady(content, "done");
        var rule = api.faults().on(Verb.PUT, "podsnapshots", Subresource.STATUS).nth(1).respond(409);

        var refused = w.reconcile();
        assertThat(rule.fired()).isEqualTo(1);
        assertThat(refused.isTransient()).isTrue();
        assertThat(refused.error()).hasMessageContaining("409");
        assertThat(w.status().getConditions()).as("nothing written").isEmpty();
        assertThat(w.events.all()).as("no event for a transition that did not happen").isEmpty();

        var retried = w.reconcile();
        assertThat(retried.error()).isNull();
        assertThat(Conditions.isTrue(w.status().getConditions(), CONDITION_READY)).isTrue();
        assertThat(w.events.summary()).containsExactly("Normal Captured");
    }

    @Test
    void serverErrorOnContentCreateIsAnnouncedAndRetried(MockApiServer api) {
        var w = new PodSnapshotWorld(api);
        w.pod(NODE);
        w.newSnapshot();
        api.faults().on(Verb.POST, "podsnapshotcontents").nth(1).respond(500);

        var refused = w.reconcile();
        assertThat(refused.isTransient()).isTrue();
        assertThat(w.events.summary()).containsExactly("Warning " + Reason.SnapshotContentCreateFailed);
        assertThat(w.events.all().get(0).message()).contains("500");
        assertThat(w.contents()).isEmpty();
        assertThat(w.status().getBoundSnapshotContentName()).isNull();
        assertThat(w.status().getConditions()).as("not a failure").isEmpty();

        var retried = w.reconcile();
        assertThat(retried.error()).isNull();
        assertThat(w.contents()).hasSize(1);
        assertThat(w.status().getBoundSnapshotContentName()).isEqualTo(w.contentName());
    }

    @Test
    void lostBindingWriteConvergesOnExactlyOneContent(MockApiServer api) {
        var w = new PodSnapshotWorld(api);
        w.pod(NODE);
        w.newSnapshot();
        // The pass dies between creating the content and recording the binding.
        api.faults().on(Verb.PUT, "podsnapshots", Subresource.STATUS).nth(1).respond(503);

        var crashed = w.reconcile();
        assertThat(crashed.isTransient()).isTrue();
        assertThat(w.contents()).hasSize(1);
        assertThat(w.status().getBoundSnapshotContentName()).isNull();

        var recovered = w.reconcile();
        assertThat(recovered.error()).isNull();
        assertThat(api.requests().count(r -> r.verb() == Verb.POST && "podsnapshotcontents".equals(r.resource())
                && r.responseCode() == 409)).as("the second create said AlreadyExists").isEqualTo(1);
        assertThat(w.contents()).hasSize(1);
        assertThat(w.status().getBoundSnapshotContentName()).isEqualTo(w.contentName());
        assertThat(w.events.all()).as("adoption is logged, not an event").isEmpty();
    }
}
