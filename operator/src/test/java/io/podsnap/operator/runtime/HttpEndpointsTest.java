package io.podsnap.operator.runtime;

import static io.podsnap.operator.runtime.RuntimeFixtures.createCheckpoint;
import static io.podsnap.operator.runtime.RuntimeFixtures.runtime;
import static io.podsnap.operator.runtime.RuntimeFixtures.singleReplica;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.podsnap.api.v1alpha1.DynamoCheckpointPhase;
import io.podsnap.testkit.MockApiServer;
import io.podsnap.testkit.WithMockApi;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

@WithMockApi
class HttpEndpointsTest {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void probesFollowTheRuntimeAndMetricsShowCheckpointsAndJosdk(MockApiServer api) throws Exception {
        var registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        var runtime = runtime(api.client(), singleReplica(), registry, "replica-a", () -> {});
        try (var endpoints = HttpEndpoints.start(0, runtime::readiness, Optional.of(registry::scrape));
             var actor = TestActor.client(api)) {
            assertThat(get(endpoints, "/healthz")).isEqualTo(new Answer(200, "ok\n"));
            assertThat(get(endpoints, "/readyz")).isEqualTo(new Answer(503, "operator created\n"));

            createCheckpoint(actor, "new", null);
            createCheckpoint(actor, "broken", DynamoCheckpointPhase.Failed);
            createCheckpoint(actor, "done", DynamoCheckpointPhase.Ready);
            runtime.start();

            assertThat(get(endpoints, "/readyz")).isEqualTo(new Answer(200, "ready\n"));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(get(endpoints, "/metrics").body())
                    // "new" gets its Job and waits in Creating (no Job controller here); the terminal two stay put.
                    .contains("podsnap_operator_checkpoints{phase=\"None\"} 0.0")
                    .contains("podsnap_operator_checkpoints{phase=\"Failed\"} 1.0")
                    .contains("podsnap_operator_checkpoints{phase=\"Ready\"} 1.0")
                    .contains("podsnap_operator_checkpoints{phase=\"Pending\"} 0.0")
                    .contains("podsnap_operator_checkpoints{phase=\"Creating\"} 1.0")
                    .contains("podsnap_operator_leader 1.0")
                    .containsPattern("operator_sdk_reconciliations_started_total\\{[^}]*kind=\"DynamoCheckpoint\"[^}]*} [1-9]")
                    .containsPattern("operator_sdk_reconciliations_success_total\\{[^}]*kind=\"DynamoCheckpoint\"[^}]*} [1-9]")
                    .containsPattern("operator_sdk_controllers_execution_reconcile_seconds_count\\{controller=\"dynamocheckpoint\"")
                    .contains("operator_sdk_reconciliations_queue_size_podsnapshot"));
            var metrics = http.send(request(endpoints, "/metrics").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.headers().firstValue("Content-Type")).hasValue(HttpEndpoints.PROMETHEUS_CONTENT_TYPE);

            runtime.stop();
            assertThat(get(endpoints, "/readyz")).isEqualTo(new Answer(503, "operator stopped\n"));
            assertThat(get(endpoints, "/healthz").status()).isEqualTo(200);
        } finally {
            runtime.stop();
        }
    }

    @Test
    void onlyTheThreePathsAndGetOrHeadAreServed() throws Exception {
        try (var endpoints = HttpEndpoints.start(0, () -> Readiness.ready("ready"), Optional.empty())) {
            assertThat(get(endpoints, "/healthz/extra").status()).isEqualTo(404);
            assertThat(get(endpoints, "/").status()).isEqualTo(404);
            assertThat(get(endpoints, "/metrics")).as("no Prometheus registry")
                    .isEqualTo(new Answer(404, "no Prometheus registry\n"));

            var post = http.send(request(endpoints, "/healthz").POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(405);
            assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");

            var head = http.send(request(endpoints, "/readyz").method("HEAD", HttpRequest.BodyPublishers.noBody())
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(head.body()).isEmpty();
        }
    }

    record Answer(int status, String body) {}

    private Answer get(HttpEndpoints endpoints, String path) throws IOException, InterruptedException {
        var response = http.send(request(endpoints, path).GET().build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }

    private static HttpRequest.Builder request(HttpEndpoints endpoints, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoints.port() + path))
                .timeout(Duration.ofSeconds(10));
    }
}
