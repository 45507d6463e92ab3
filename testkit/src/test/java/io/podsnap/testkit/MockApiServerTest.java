package io.podsnap.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.podsnap.api.v1alpha1.DynamoCheckpoint;
import io.podsnap.api.v1alpha1.DynamoCheckpointJobConfig;
import io.podsnap.api.v1alpha1.DynamoCheckpointPhase;
import io.podsnap.api.v1alpha1.DynamoCheckpointSpec;
import io.podsnap.api.v1alpha1.DynamoCheckpointStatus;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@WithMockApi
class MockApiServerTest {

    @Test
    void configMapCreateGetUpdateListDelete(KubernetesClient client) {
        ConfigMap created = client.configMaps().resource(configMap("cm1", Map.of("a", "1"))).create();
        assertThat(created.getMetadata().getNamespace()).isEqualTo(MockApiServer.DEFAULT_NAMESPACE);
        assertThat(created.getMetadata().getUid()).isNotBlank();
        assertThat(created.getMetadata().getResourceVersion()).isNotBlank();

        created.setData(Map.of("a", "2"));
        ConfigMap updated = client.configMaps().resource(created).update();
        assertThat(updated.getData()).containsExactly(Map.entry("a", "2"));
        assertThat(updated.getMetadata().getResourceVersion()).isNotEqualTo(created.getMetadata().getResourceVersion());

        client.configMaps().resource(configMap("cm2", Map.of())).create();
        assertThat(client.configMaps().list().getItems()).extracting(c -> c.getMetadata().getName())
                .containsExactlyInAnyOrder("cm1", "cm2");

        client.configMaps().withName("cm1").delete();
        assertThat(client.configMaps().withName("cm1").get()).isNull();
        assertThat(client.configMaps().list().getItems()).hasSize(1);
    }

    @Test
    void aDuplicateCreateIsAlreadyExistsLikeTheApiServerSaysIt(KubernetesClient client) {
        client.configMaps().resource(configMap("cm", Map.of())).create();

        assertThatThrownBy(() -> client.configMaps().resource(configMap("cm", Map.of())).create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(409);
                    assertThat(e.getStatus().getReason()).isEqualTo("AlreadyExists");
                });
    }

    @Test
    void putWithAStaleResourceVersionIsAConflict(KubernetesClient client) {
        ConfigMap first = client.configMaps().resource(configMap("cm", Map.of("a", "1"))).create();
        client.configMaps().withName("cm").edit(c -> { c.setData(Map.of("a", "2")); return c; });

        first.setData(Map.of("a", "3"));
        assertThatThrownBy(() -> client.configMaps().resource(first).update())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
    }

    @Test
    void registersTheApiModuleCrdsFromTheClasspath(MockApiServer api, KubernetesClient client) {
        assertThat(api.crds()).extracting(c -> c.getMetadata().getName()).contains("dynamocheckpoints.nvidia.com");
        CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions()
                .withName("dynamocheckpoints.nvidia.com").get();
        assertThat(crd).as("the CRD object is readable through the API, as on a cluster").isNotNull();
        assertThat(crd.getSpec().getScope()).isEqualTo("Namespaced");
    }

    @Test
    void dynamoCheckpointCrudAndStatusSubresource(KubernetesClient client) {
        var checkpoints = client.resources(DynamoCheckpoint.class);
        DynamoCheckpoint created = checkpoints.resource(checkpoint("ckpt", DynamoCheckpointPhase.Pending)).create();
        assertThat(created.getMetadata().getGeneration()).isEqualTo(1L);
        assertThat(created.getStatus()).as("status is dropped on create when the CRD has a status subresource").isNull();

        created.setStatus(status(DynamoCheckpointPhase.Pending, "first"));
        DynamoCheckpoint withStatus = checkpoints.resource(created).updateStatus();
        assertThat(withStatus.getStatus().getMessage()).isEqualTo("first");
        assertThat(withStatus.getMetadata().getGeneration()).as("a status write is not a spec change").isEqualTo(1L);

        // A PUT of the main resource cannot change the status, and bumps the generation when the spec changes.
        withStatus.getStatus().setMessage("ignored");
        DynamoCheckpointJobConfig job = new DynamoCheckpointJobConfig();
        job.setBackoffLimit(3);
        withStatus.getSpec().setJob(job);
        DynamoCheckpoint updated = checkpoints.resource(withStatus).update();
        assertThat(updated.getStatus().getMessage()).isEqualTo("first");
        assertThat(updated.getSpec().getJob().getBackoffLimit()).isEqualTo(3);
        assertThat(updated.getMetadata().getGeneration()).isEqualTo(2L);

        assertThat(checkpoints.inNamespace(MockApiServer.DEFAULT_NAMESPACE).list().getItems()).hasSize(1);
        checkpoints.withName("ckpt").delete();
        assertThat(checkpoints.withName("ckpt").get()).isNull();
    }

    @Test
    void clusterScopedCustomResourceThroughARegisteredCrd(MockApiServer api, KubernetesClient client) {
        api.registerCrd(TestCrds.widgets());
        var widgets = client.genericKubernetesResources(TestCrds.WIDGETS);

        GenericKubernetesResource created = widgets.resource(TestCrds.widget("w1", 1, List.of("a"))).create();
        assertThat(created.getMetadata().getNamespace()).isNull();
        assertThat(api.requests().all()).last().extracting(ApiRequest::path)
                .isEqualTo("/apis/testkit.podsnap.io/v1/widgets");

        created.setAdditionalProperty("status", Map.of("phase", "Ready"));
        widgets.resource(created).updateStatus();
        GenericKubernetesResource fetched = widgets.withName("w1").get();
        assertThat(fetched.get("status", "phase").toString()).isEqualTo("Ready");
        assertThat(widgets.list().getItems()).hasSize(1);
    }

    @Test
    void clusterScopedResourceIsFoundThroughDiscovery(MockApiServer api, KubernetesClient client) {
        api.registerCrd(TestCrds.widgets());
        client.genericKubernetesResources(TestCrds.WIDGETS).resource(TestCrds.widget("w1", 1, List.of())).create();

        var byApiVersionAndKind = client.genericKubernetesResources(TestCrds.API_VERSION, TestCrds.KIND);
        assertThat(byApiVersionAndKind.withName("w1").get()).isNotNull();
    }

    @Test
    void registeringACrdAgainReplacesIt(MockApiServer api, KubernetesClient client) {
        CustomResourceDefinition crd = TestCrds.widgets();
        api.registerCrd(crd);
        crd.getSpec().getNames().setShortNames(List.of("wd"));
        api.registerCrd(crd);

        assertThat(api.crds()).filteredOn(c -> c.getMetadata().getName().equals("widgets.testkit.podsnap.io")).hasSize(1);
        assertThat(client.apiextensions().v1().customResourceDefinitions().withName("widgets.testkit.podsnap.io").get()
                .getSpec().getNames().getShortNames()).containsExactly("wd");
    }

    @Test
    void closeStopsTheServerAndItsClients() throws Exception {
        MockApiServer api = MockApiServer.start();
        KubernetesClient client = api.client();
        client.configMaps().resource(configMap("cm", Map.of())).create();

        api.close();

        assertThat(api.isClosed()).isTrue();
        assertThatThrownBy(() -> client.configMaps().list()).hasMessageContaining("closed");
        try (HttpClient http = HttpClient.newHttpClient()) {
            assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(URI.create(api.url() + "version")).build(),
                    HttpResponse.BodyHandlers.discarding())).isInstanceOf(IOException.class);
        }
    }

    static ConfigMap configMap(String name, Map<String, String> data) {
        return new ConfigMapBuilder().withMetadata(new ObjectMetaBuilder().withName(name).build()).withData(data).build();
    }

    static DynamoCheckpoint checkpoint(String name, DynamoCheckpointPhase phase) {
        DynamoCheckpoint checkpoint = new DynamoCheckpoint();
        checkpoint.setMetadata(new ObjectMetaBuilder().withName(name).build());
        checkpoint.setSpec(new DynamoCheckpointSpec());
        checkpoint.setStatus(status(phase, "on create"));
        return checkpoint;
    }

    static DynamoCheckpointStatus status(DynamoCheckpointPhase phase, String message) {
        DynamoCheckpointStatus status = new DynamoCheckpointStatus();
        status.setPhase(phase);
        status.setMessage(message);
        return status;
    }
}
