package io.podsnap.testkit;

import static io.podsnap.testkit.MockApiServerTest.checkpoint;
import static io.podsnap.testkit.MockApiServerTest.configMap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.podsnap.api.v1alpha1.DynamoCheckpoint;
import io.podsnap.api.v1alpha1.DynamoCheckpointPhase;
import java.util.Map;
import org.junit.jupiter.api.Test;

@WithMockApi
class RequestLogTest {

    @Test
    void logsEachClientRequestWithVerbResourceAndOutcome(MockApiServer api, KubernetesClient client) {
        client.configMaps().resource(configMap("a", Map.of())).create();
        client.configMaps().withName("a").get();
        client.configMaps().list();
        client.configMaps().withName("a").patch(PatchContext.of(PatchType.JSON_MERGE), "{\"data\":{\"k\":\"v\"}}");
        client.configMaps().withName("missing").get();
        client.configMaps().withName("a").delete();

        assertThat(api.requests().all())
                .extracting(ApiRequest::verb, ApiRequest::resource, ApiRequest::name, ApiRequest::responseCode)
                .containsExactly(
                        tuple(Verb.POST, "configmaps", "a", 201),
                        tuple(Verb.GET, "configmaps", "a", 200),
                        tuple(Verb.LIST, "configmaps", null, 200),
                        // fabric8 reads the object before it sends a patch given as a string
                        tuple(Verb.GET, "configmaps", "a", 200),
                        // the mock answers a merge patch with 202; the apiserver with 200
                        tuple(Verb.PATCH, "configmaps", "a", 202),
                        tuple(Verb.GET, "configmaps", "missing", 404),
                        tuple(Verb.DELETE, "configmaps", "a", 200));
        assertThat(api.requests().all()).allSatisfy(r -> {
            assertThat(r.namespace()).isEqualTo("test");
            assertThat(r.group()).isEmpty();
            assertThat(r.injected()).isFalse();
        });
        assertThat(api.requests().all().get(4).contentType()).startsWith("application/merge-patch+json");
    }

    @Test
    void countsWritesPerResourceAndSubresource(MockApiServer api, KubernetesClient client) {
        var checkpoints = client.resources(DynamoCheckpoint.class);
        DynamoCheckpoint created = checkpoints.resource(checkpoint("ckpt", DynamoCheckpointPhase.Pending)).create();
        created.setStatus(MockApiServerTest.status(DynamoCheckpointPhase.Ready, "done"));
        checkpoints.resource(created).updateStatus();
        checkpoints.withName("ckpt").get();
        client.configMaps().resource(configMap("cm", Map.of())).create();

        RequestLog log = api.requests();
        assertThat(log.writes()).isEqualTo(3);
        assertThat(log.writes("dynamocheckpoints")).isEqualTo(2);
        assertThat(log.count(Verb.POST, "dynamocheckpoints")).isEqualTo(1);
        assertThat(log.count(Verb.PUT, "dynamocheckpoints")).as("the main resource only").isZero();
        assertThat(log.count(Verb.PUT, "dynamocheckpoints", Subresource.STATUS)).isEqualTo(1);
        assertThat(log.count(Verb.GET, "dynamocheckpoints", Subresource.ANY)).isEqualTo(1);
        assertThat(log.matching(r -> "nvidia.com".equals(r.group()))).hasSize(3);
    }

    @Test
    void clearForgetsEarlierRequests(MockApiServer api, KubernetesClient client) {
        client.configMaps().resource(configMap("setup", Map.of())).create();
        api.requests().clear();

        client.configMaps().resource(configMap("measured", Map.of())).create();

        assertThat(api.requests().all()).singleElement().extracting(ApiRequest::name).isEqualTo("measured");
    }
}
