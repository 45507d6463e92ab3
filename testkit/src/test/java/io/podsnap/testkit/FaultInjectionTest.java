package io.podsnap.testkit;

import static io.podsnap.testkit.MockApiServerTest.checkpoint;
import static io.podsnap.testkit.MockApiServerTest.configMap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.podsnap.api.v1alpha1.DynamoCheckpoint;
import io.podsnap.api.v1alpha1.DynamoCheckpointPhase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@WithMockApi
class FaultInjectionTest {
    private static final PatchContext MERGE = PatchContext.of(PatchType.JSON_MERGE);
    private static final PatchContext APPLY = new PatchContext.Builder()
            .withPatchType(PatchType.SERVER_SIDE_APPLY).withFieldManager("podsnap-operator").withForce(true).build();

    /** One injected status: the rule, the call that hits it, and what fabric8 must raise. */
    record Case(Verb verb, String resource, Subresource subresource, int code, Consumer<KubernetesClient> call,
                String reason, String messagePart) {}

    static Stream<Arguments> statuses() {
        return Stream.of(
                Arguments.of(Named.of("409 on a status PATCH is Conflict", new Case(
                        Verb.PATCH, "dynamocheckpoints", Subresource.STATUS, 409,
                        c -> c.resources(DynamoCheckpoint.class).withName("ckpt").subresource("status")
                                .patch(MERGE, "{\"status\":{\"message\":\"x\"}}"),
                        "Conflict", "Operation cannot be fulfilled on dynamocheckpoints.nvidia.com \"ckpt\": "
                                + "the object has been modified"))),
                Arguments.of(Named.of("409 on an apply is Conflict", new Case(
                        Verb.PATCH, "configmaps", null, 409,
                        c -> c.configMaps().withName("cm").patch(APPLY, configMap("cm", Map.of("a", "2"))),
                        "Conflict", "configmaps \"cm\""))),
                Arguments.of(Named.of("409 on POST is AlreadyExists", new Case(
                        Verb.POST, "configmaps", null, 409,
                        c -> c.configMaps().resource(configMap("new", Map.of())).create(),
                        "AlreadyExists", "configmaps \"new\" already exists"))),
                Arguments.of(Named.of("404 on PATCH is NotFound", new Case(
                        Verb.PATCH, "configmaps", null, 404,
                        c -> c.configMaps().withName("cm").patch(MERGE, "{\"data\":{\"a\":\"2\"}}"),
                        "NotFound", "configmaps \"cm\" not found"))),
                Arguments.of(Named.of("403 on LIST is Forbidden", new Case(
                        Verb.LIST, "configmaps", null, 403,
                        c -> c.configMaps().list(),
                        "Forbidden", "cannot list resource \"configmaps\" in API group \"\" in the namespace \"test\""))),
                Arguments.of(Named.of("422 on POST is Invalid", new Case(
                        Verb.POST, "dynamocheckpoints", null, 422,
                        c -> c.resources(DynamoCheckpoint.class)
                                .resource(checkpoint("bad", DynamoCheckpointPhase.Pending)).create(),
                        "Invalid", "dynamocheckpoints.nvidia.com \"bad\" is invalid"))),
                Arguments.of(Named.of("500 on PUT is InternalError", new Case(
                        Verb.PUT, "configmaps", null, 500,
                        c -> {
                            ConfigMap cm = c.configMaps().withName("cm").get();
                            cm.setData(Map.of("a", "2"));
                            c.configMaps().resource(cm).update();
                        },
                        "InternalError", "Internal error occurred"))),
                Arguments.of(Named.of("503 on DELETE is ServiceUnavailable", new Case(
                        Verb.DELETE, "configmaps", null, 503,
                        c -> c.configMaps().withName("cm").delete(),
                        "ServiceUnavailable", "unable to handle the request"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("statuses")
    void anInjectedStatusReachesTheCallerWithItsCodeAndReason(Case c, MockApiServer api, KubernetesClient client) {
        client.configMaps().resource(configMap("cm", Map.of("a", "1"))).create();
        client.resources(DynamoCheckpoint.class).resource(checkpoint("ckpt", DynamoCheckpointPhase.Pending)).create();
        FaultRule rule = (c.subresource() == null ? api.faults().on(c.verb(), c.resource())
                : api.faults().on(c.verb(), c.resource(), c.subresource())).respond(c.code());

        assertThatThrownBy(() -> c.call().accept(client))
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(c.code());
                    assertThat(e.getStatus().getReason()).isEqualTo(c.reason());
                    assertThat(e.getStatus().getMessage()).contains(c.messagePart());
                });
        assertThat(rule.fired()).isEqualTo(1);
        assertThat(api.requests().all()).last().satisfies(r -> {
            assertThat(r.injected()).isTrue();
            assertThat(r.responseCode()).isEqualTo(c.code());
        });
        // A refused request changes nothing.
        assertThat(client.configMaps().withName("cm").get().getData()).containsExactly(Map.entry("a", "1"));
        assertThat(client.configMaps().withName("new").get()).isNull();
        assertThat(client.resources(DynamoCheckpoint.class).withName("ckpt").get().getStatus()).isNull();
    }

    /** Which of four identical PATCHes fail: 0 for served, else the HTTP status. */
    static Stream<Arguments> counting() {
        return Stream.of(
                Arguments.of(Named.of("nth(3) answers the third only", (Consumer<FaultRule>) r -> r.nth(3).respond(409)),
                        List.of(0, 0, 409, 0)),
                Arguments.of(Named.of("times(2) answers the first two, then requests pass again",
                        (Consumer<FaultRule>) r -> r.times(2).respond(500)), List.of(500, 500, 0, 0)),
                Arguments.of(Named.of("always() answers every one", (Consumer<FaultRule>) r -> r.always().respond(403)),
                        List.of(403, 403, 403, 403)),
                Arguments.of(Named.of("no count means always", (Consumer<FaultRule>) r -> r.respond(500)),
                        List.of(500, 500, 500, 500)),
                Arguments.of(Named.of("nth(2).times(2) answers the second and third",
                        (Consumer<FaultRule>) r -> r.nth(2).times(2).respond(409)), List.of(0, 409, 409, 0)),
                Arguments.of(Named.of("nth(3).always() answers from the third on",
                        (Consumer<FaultRule>) r -> r.nth(3).always().respond(409)), List.of(0, 0, 409, 409)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("counting")
    void countingDecidesWhichRequestsAreAnswered(Consumer<FaultRule> arm, List<Integer> expected, MockApiServer api,
                                                 KubernetesClient client) {
        client.configMaps().resource(configMap("cm", Map.of())).create();
        arm.accept(api.faults().on(Verb.PATCH, "configmaps"));

        List<Integer> outcomes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int n = i;
            outcomes.add(outcome(() -> client.configMaps().withName("cm").patch(MERGE, "{\"data\":{\"n\":\"" + n + "\"}}")));
        }

        assertThat(outcomes).isEqualTo(expected);
        assertThat(api.faults().rules()).singleElement().satisfies(r -> {
            assertThat(r.matched()).isEqualTo(4);
            assertThat(r.fired()).isEqualTo((int) expected.stream().filter(code -> code != 0).count());
        });
    }

    @Test
    void requestsTheRuleDoesNotSelectPassThrough(MockApiServer api, KubernetesClient client) {
        client.configMaps().resource(configMap("target", Map.of())).create();
        client.configMaps().resource(configMap("other", Map.of())).create();
        client.configMaps().inNamespace("elsewhere").resource(configMap("target", Map.of())).create();
        client.resources(DynamoCheckpoint.class).resource(checkpoint("ckpt", DynamoCheckpointPhase.Pending)).create();
        api.faults().on(Verb.PATCH, "configmaps").inNamespace("test").named("target").respond(500);
        api.faults().on(Verb.PATCH, "dynamocheckpoints").respond(500);

        List<Integer> outcomes = List.of(
                outcome(() -> client.configMaps().withName("other").patch(MERGE, "{\"data\":{\"a\":\"1\"}}")),
                outcome(() -> client.configMaps().inNamespace("elsewhere").withName("target")
                        .patch(MERGE, "{\"data\":{\"a\":\"1\"}}")),
                outcome(() -> client.configMaps().withName("target").get()),
                outcome(() -> client.configMaps().resource(client.configMaps().withName("target").get()).update()),
                outcome(() -> client.resources(DynamoCheckpoint.class).withName("ckpt").subresource("status")
                        .patch(MERGE, "{\"status\":{\"message\":\"x\"}}")),
                outcome(() -> client.configMaps().withName("target").patch(MERGE, "{\"data\":{\"a\":\"2\"}}")));

        assertThat(outcomes).as("other name, other namespace, GET, PUT, status subresource, then the target")
                .containsExactly(0, 0, 0, 0, 0, 500);
    }

    @Test
    void subresourceAnyAndAnyResourceWiden(MockApiServer api, KubernetesClient client) {
        client.resources(DynamoCheckpoint.class).resource(checkpoint("ckpt", DynamoCheckpointPhase.Pending)).create();
        client.configMaps().resource(configMap("cm", Map.of())).create();
        api.faults().on(Verb.PATCH, "dynamocheckpoints", Subresource.ANY).respond(409);
        api.faults().on(Verb.DELETE, Faults.ANY_RESOURCE).respond(403);

        var ckpt = client.resources(DynamoCheckpoint.class).withName("ckpt");
        assertThat(outcome(() -> ckpt.patch(MERGE, "{\"metadata\":{\"labels\":{\"a\":\"b\"}}}"))).isEqualTo(409);
        assertThat(outcome(() -> ckpt.subresource("status").patch(MERGE, "{\"status\":{\"message\":\"x\"}}"))).isEqualTo(409);
        assertThat(outcome(() -> client.configMaps().withName("cm").delete())).isEqualTo(403);
        assertThat(outcome(ckpt::delete)).isEqualTo(403);
    }

    @Test
    void everyMatchingRuleCountsAndTheFirstDueOneAnswers(MockApiServer api, KubernetesClient client) {
        client.configMaps().resource(configMap("cm", Map.of())).create();
        FaultRule first = api.faults().on(Verb.GET, "configmaps").nth(2).respond(500);
        FaultRule second = api.faults().on(Verb.GET, "configmaps").times(2).respond(403);

        List<Integer> outcomes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            outcomes.add(outcome(() -> client.configMaps().withName("cm").get()));
        }

        assertThat(outcomes).containsExactly(403, 500, 0);
        assertThat(first.fired()).isEqualTo(1);
        assertThat(second.fired()).as("its second turn went to the rule armed first").isEqualTo(1);
        assertThat(second.matched()).isEqualTo(3);
    }

    @Test
    void anInjectedFaultOnAnApplyIsNotApplied(MockApiServer api, KubernetesClient client) {
        api.faults().on(Verb.PATCH, "configmaps").nth(1).respond(409);

        assertThat(outcome(() -> client.configMaps().resource(configMap("cm", Map.of())).fieldManager("m").serverSideApply()))
                .isEqualTo(409);
        assertThat(api.applies()).isEmpty();
        assertThat(client.configMaps().withName("cm").get()).isNull();
        assertThat(api.requests().all().get(0)).satisfies(r -> {
            assertThat(r.isApply()).isTrue();
            assertThat(r.injected()).isTrue();
        });
    }

    @Test
    void customReasonAndMessage(MockApiServer api, KubernetesClient client) {
        api.faults().on(Verb.POST, "configmaps").respond(422, "Invalid", "ConfigMap \"cm\" is invalid: data: Too long");

        assertThatThrownBy(() -> client.configMaps().resource(configMap("cm", Map.of())).create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getStatus().getReason()).isEqualTo("Invalid");
                    assertThat(e.getStatus().getMessage()).isEqualTo("ConfigMap \"cm\" is invalid: data: Too long");
                });
    }

    @Test
    void theBodyIsAKubernetesStatus(MockApiServer api) throws Exception {
        api.faults().on(Verb.GET, "podsnapshots").respond(404);

        HttpResponse<String> response;
        try (HttpClient http = HttpClient.newHttpClient()) {
            response = http.send(HttpRequest.newBuilder(
                    URI.create(api.url() + "apis/nvidia.com/v1alpha1/namespaces/ns/podsnapshots/snap")).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode status = new ObjectMapper().readTree(response.body());
        assertThat(status.path("kind").asText()).isEqualTo("Status");
        assertThat(status.path("apiVersion").asText()).isEqualTo("v1");
        assertThat(status.path("status").asText()).isEqualTo("Failure");
        assertThat(status.path("reason").asText()).isEqualTo("NotFound");
        assertThat(status.path("code").asInt()).isEqualTo(404);
        assertThat(status.path("message").asText()).isEqualTo("podsnapshots.nvidia.com \"snap\" not found");
        assertThat(status.path("details").path("name").asText()).isEqualTo("snap");
        assertThat(status.path("details").path("group").asText()).isEqualTo("nvidia.com");
        assertThat(status.path("details").path("kind").asText()).isEqualTo("podsnapshots");
    }

    @Test
    void fabric8TurnsA404OnGetIntoNull(MockApiServer api, KubernetesClient client) {
        client.configMaps().resource(configMap("cm", Map.of())).create();
        api.faults().on(Verb.GET, "configmaps").nth(1).respond(404);

        assertThat(client.configMaps().withName("cm").get()).as("fabric8 maps 404 to null on get()").isNull();
        assertThat(client.configMaps().withName("cm").get()).isNotNull();
    }

    @Test
    void withRetriesOnFabric8AbsorbsA5xx(MockApiServer api) {
        KubernetesClient retrying = api.newClient(c -> c.withRequestRetryBackoffLimit(2).withRequestRetryBackoffInterval(1));
        retrying.configMaps().resource(configMap("cm", Map.of())).create();
        api.faults().on(Verb.GET, "configmaps").nth(1).respond(500);

        ConfigMap cm = retrying.configMaps().withName("cm").get();

        assertThat(cm).isNotNull();
        assertThat(api.requests().count(Verb.GET, "configmaps")).as("the failed GET and its retry").isEqualTo(2);
    }

    @Test
    void aWatchCanBeRefused(MockApiServer api, KubernetesClient client) {
        api.faults().on(Verb.WATCH, "configmaps").respond(403);

        assertThatThrownBy(() -> client.configMaps().watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, ConfigMap resource) {}

            @Override
            public void onClose(WatcherException cause) {}
        })).isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
        assertThat(api.requests().count(Verb.WATCH, "configmaps")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void rulesValidateTheirArguments(MockApiServer api) {
        FaultRule armed = api.faults().on(Verb.GET, "pods").respond(500);
        assertThatThrownBy(() -> armed.nth(2)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> api.faults().on(Verb.GET, "pods").nth(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> api.faults().on(Verb.GET, "pods").respond(200)).isInstanceOf(IllegalArgumentException.class);

        api.faults().clear();
        assertThat(api.faults().rules()).isEmpty();
    }

    private static int outcome(Runnable call) {
        try {
            call.run();
            return 0;
        } catch (KubernetesClientException e) {
            return e.getCode();
        }
    }
}
