package io.podsnap.testkit;

import static io.podsnap.testkit.MockApiServerTest.checkpoint;
import static io.podsnap.testkit.MockApiServerTest.configMap;
import static io.podsnap.testkit.MockApiServerTest.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.podsnap.api.v1alpha1.DynamoCheckpoint;
import io.podsnap.api.v1alpha1.DynamoCheckpointJobConfig;
import io.podsnap.api.v1alpha1.DynamoCheckpointPhase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@WithMockApi
class ServerSideApplyTest {
    private static final String MANAGER = "podsnap-operator";

    private static PatchContext apply(String fieldManager, boolean force) {
        return new PatchContext.Builder().withPatchType(PatchType.SERVER_SIDE_APPLY)
                .withFieldManager(fieldManager).withForce(force).build();
    }

    @Test
    void applyCreatesTheObjectWhenAbsent(MockApiServer api, KubernetesClient client) {
        ConfigMap applied = client.configMaps().resource(configMap("cm", Map.of("a", "1")))
                .fieldManager(MANAGER).forceConflicts().serverSideApply();

        assertThat(applied.getData()).containsExactly(Map.entry("a", "1"));
        assertThat(applied.getMetadata().getUid()).as("created by the mock, with server-set metadata").isNotBlank();
        assertThat(client.configMaps().withName("cm").get().getData()).containsExactly(Map.entry("a", "1"));
        assertThat(api.applies()).containsExactly(
                new ApplyRequest("configmaps", null, "test", "cm", MANAGER, true, true, 201));
    }

    @Test
    void applyMergesObjectsAndReplacesArrays(MockApiServer api, KubernetesClient client) {
        api.registerCrd(TestCrds.widgets());
        var widgets = client.genericKubernetesResources(TestCrds.WIDGETS);
        widgets.resource(TestCrds.widget("w", Map.of("size", 1, "items", List.of("a", "b"), "color", "red"))).create();

        widgets.resource(TestCrds.widget("w", Map.of("size", 2, "items", List.of("c"))))
                .fieldManager(MANAGER).forceConflicts().serverSideApply();

        GenericKubernetesResource stored = widgets.withName("w").get();
        assertThat((Object) stored.get("spec", "items")).as("array replaced, not appended").isEqualTo(List.of("c"));
        assertThat((Object) stored.get("spec", "size")).isEqualTo(2);
        assertThat((Object) stored.get("spec", "color"))
                .as("not real SSA: a field the applier does not send is kept").isEqualTo("red");
        assertThat(stored.getMetadata().getGeneration()).isEqualTo(2L);
    }

    @Test
    void aNullInAYamlApplyDeletesTheField(MockApiServer api, KubernetesClient client) {
        client.configMaps().resource(configMap("cm", Map.of("a", "1", "b", "2"))).create();
        String yaml = """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: cm
                data:
                  a: null
                  c: "3"
                """;

        client.configMaps().withName("cm").patch(apply(MANAGER, false), yaml);

        assertThat(client.configMaps().withName("cm").get().getData())
                .containsExactlyInAnyOrderEntriesOf(Map.of("b", "2", "c", "3"));
        assertThat(api.applies()).singleElement().satisfies(a -> {
            assertThat(a.created()).isFalse();
            assertThat(a.force()).isFalse();
            assertThat(a.responseCode()).isEqualTo(200);
        });
    }

    @Test
    void applyToStatusChangesOnlyTheStatus(MockApiServer api, KubernetesClient client) {
        var checkpoints = client.resources(DynamoCheckpoint.class);
        DynamoCheckpoint created = checkpoints.resource(checkpoint("ckpt", DynamoCheckpointPhase.Pending)).create();

        DynamoCheckpoint desired = checkpoint("ckpt", DynamoCheckpointPhase.Ready);
        desired.setStatus(status(DynamoCheckpointPhase.Ready, "captured"));
        DynamoCheckpointJobConfig job = new DynamoCheckpointJobConfig();
        job.setBackoffLimit(7);
        desired.getSpec().setJob(job);
        checkpoints.resource(desired).subresource("status").patch(apply(MANAGER, true), desired);

        DynamoCheckpoint stored = checkpoints.withName("ckpt").get();
        assertThat(stored.getStatus().getPhase()).isEqualTo(DynamoCheckpointPhase.Ready);
        assertThat(stored.getStatus().getMessage()).isEqualTo("captured");
        assertThat(stored.getSpec().getJob()).as("spec in a status apply is ignored").isNull();
        assertThat(stored.getMetadata().getGeneration()).isEqualTo(created.getMetadata().getGeneration());
        assertThat(api.applies()).singleElement()
                .isEqualTo(new ApplyRequest("dynamocheckpoints", "status", "test", "ckpt", MANAGER, true, false, 200));
    }

    @Test
    void applyToTheMainResourceDoesNotChangeTheStatus(KubernetesClient client) {
        var checkpoints = client.resources(DynamoCheckpoint.class);
        DynamoCheckpoint created = checkpoints.resource(checkpoint("ckpt", DynamoCheckpointPhase.Pending)).create();
        created.setStatus(status(DynamoCheckpointPhase.Pending, "kept"));
        checkpoints.resource(created).updateStatus();

        DynamoCheckpoint desired = checkpoint("ckpt", DynamoCheckpointPhase.Failed);
        checkpoints.resource(desired).fieldManager(MANAGER).forceConflicts().serverSideApply();

        assertThat(checkpoints.withName("ckpt").get().getStatus().getMessage()).isEqualTo("kept");
    }

    @Test
    void applyToTheStatusOfAMissingObjectIsNotFound(KubernetesClient client) {
        DynamoCheckpoint desired = checkpoint("missing", DynamoCheckpointPhase.Ready);

        assertThatThrownBy(() -> client.resources(DynamoCheckpoint.class).resource(desired).subresource("status")
                .patch(apply(MANAGER, true), desired))
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(404);
                    assertThat(e.getStatus().getReason()).isEqualTo("NotFound");
                });
        assertThat(client.resources(DynamoCheckpoint.class).withName("missing").get()).isNull();
    }

    @Test
    void applyWithoutFieldManagerIsABadRequest(MockApiServer api) throws Exception {
        String body = """
                {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm"},"data":{"a":"1"}}""";
        HttpResponse<String> response;
        try (HttpClient http = HttpClient.newHttpClient()) {
            response = http.send(HttpRequest.newBuilder(URI.create(api.url() + "api/v1/namespaces/test/configmaps/cm"))
                    .method("PATCH", HttpRequest.BodyPublishers.ofString(body))
                    .header("Content-Type", "application/apply-patch+yaml")
                    .build(), HttpResponse.BodyHandlers.ofString());
        }

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"reason\":\"BadRequest\"")
                .contains("PATCH with apply-patch+yaml requires fieldManager");
        assertThat(api.client().configMaps().withName("cm").get()).isNull();
        assertThat(api.applies()).singleElement().satisfies(a -> {
            assertThat(a.fieldManager()).isNull();
            assertThat(a.responseCode()).isEqualTo(400);
        });
    }

    @Test
    void recordsFieldManagerAndForceOfEveryApply(MockApiServer api, KubernetesClient client) {
        client.configMaps().resource(configMap("a", Map.of())).fieldManager(MANAGER).forceConflicts().serverSideApply();
        client.configMaps().resource(configMap("a", Map.of("k", "v"))).serverSideApply();
        client.configMaps().resource(configMap("b", Map.of())).fieldManager("podsnap-agent").serverSideApply();

        assertThat(api.applies()).extracting(ApplyRequest::name, ApplyRequest::fieldManager, ApplyRequest::force)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("a", MANAGER, true),
                        org.assertj.core.groups.Tuple.tuple("a", "fabric8", false),
                        org.assertj.core.groups.Tuple.tuple("b", "podsnap-agent", false));
    }

    @Test
    void applyWithAStaleResourceVersionIsAConflict(KubernetesClient client) {
        ConfigMap created = client.configMaps().resource(configMap("cm", Map.of("a", "1"))).create();
        client.configMaps().withName("cm").edit(c -> { c.setData(Map.of("a", "2")); return c; });

        assertThatThrownBy(() -> client.configMaps().resource(created).fieldManager(MANAGER).serverSideApply())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
        assertThat(client.configMaps().withName("cm").get().getData()).containsEntry("a", "2");
    }

    @Test
    void anApplyIsOneLoggedRequest(MockApiServer api, KubernetesClient client) {
        client.configMaps().resource(configMap("cm", Map.of())).fieldManager(MANAGER).serverSideApply();
        client.configMaps().resource(configMap("cm", Map.of("a", "1"))).fieldManager(MANAGER).serverSideApply();

        assertThat(api.requests().all()).allSatisfy(r -> {
            assertThat(r.verb()).isEqualTo(Verb.PATCH);
            assertThat(r.isApply()).isTrue();
        }).hasSize(2);
        assertThat(api.requests().writes()).isEqualTo(2);
    }

    @Test
    void mergePatchToStatusWithAQueryStringWritesTheStatus(KubernetesClient client) {
        // Without the testkit's fix the mock treats ".../status?fieldManager=x" as a main-resource patch.
        var checkpoints = client.resources(DynamoCheckpoint.class);
        checkpoints.resource(checkpoint("ckpt", DynamoCheckpointPhase.Pending)).create();
        PatchContext mergeWithManager = new PatchContext.Builder()
                .withPatchType(PatchType.JSON_MERGE).withFieldManager(MANAGER).build();

        checkpoints.withName("ckpt").subresource("status")
                .patch(mergeWithManager, "{\"status\":{\"message\":\"patched\"}}");

        assertThat(checkpoints.withName("ckpt").get().getStatus().getMessage()).isEqualTo("patched");
    }
}
