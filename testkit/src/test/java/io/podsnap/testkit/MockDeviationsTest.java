package io.podsnap.testkit;

import static io.podsnap.testkit.MockApiServerTest.checkpoint;
import static io.podsnap.testkit.MockApiServerTest.configMap;
import static io.podsnap.testkit.MockApiServerTest.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.podsnap.api.v1alpha1.DynamoCheckpoint;
import io.podsnap.api.v1alpha1.DynamoCheckpointPhase;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Where fabric8's mock (7.5.2) differs from a real apiserver, pinned so that an upgrade that changes one shows up
 * here, and so that nobody writes a test that passes only because of one. See {@link MockApiServer}.
 */
@WithMockApi
class MockDeviationsTest {

    @Test
    void mergePatchAppendsArrayItemsInsteadOfReplacingTheArray(MockApiServer api, KubernetesClient client) {
        api.registerCrd(TestCrds.widgets());
        var widgets = client.genericKubernetesResources(TestCrds.WIDGETS);
        widgets.resource(TestCrds.widget("w", 1, List.of("a"))).create();

        widgets.withName("w").patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"items\":[\"b\"]}}");

        GenericKubernetesResource stored = widgets.withName("w").get();
        assertThat((Object) stored.get("spec", "items")).as("RFC 7386 and the apiserver give [b]")
                .isEqualTo(List.of("a", "b"));
    }

    @Test
    void strategicMergePatchIsUnsupported(KubernetesClient client) {
        client.configMaps().resource(configMap("cm", Map.of())).create();

        assertThatThrownBy(() -> client.configMaps().withName("cm")
                .patch(PatchContext.of(PatchType.STRATEGIC_MERGE), "{\"data\":{\"a\":\"1\"}}"))
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(415));
    }

    @Test
    void aStaleStatusPutIsNotAConflict(KubernetesClient client) {
        var checkpoints = client.resources(DynamoCheckpoint.class);
        DynamoCheckpoint stale = checkpoints.resource(checkpoint("ckpt", DynamoCheckpointPhase.Pending)).create();
        DynamoCheckpoint fresh = checkpoints.withName("ckpt").get();
        fresh.setStatus(status(DynamoCheckpointPhase.Ready, "fresh"));
        checkpoints.resource(fresh).updateStatus();

        stale.setStatus(status(DynamoCheckpointPhase.Failed, "stale"));
        checkpoints.resource(stale).updateStatus();

        assertThat(checkpoints.withName("ckpt").get().getStatus().getMessage())
                .as("a real apiserver answers 409 and keeps \"fresh\"").isEqualTo("stale");
    }

    @Test
    void noGarbageCollectionOfOwnedObjects(KubernetesClient client) {
        ConfigMap owner = client.configMaps().resource(configMap("owner", Map.of())).create();
        ConfigMap child = configMap("child", Map.of());
        child.getMetadata().setOwnerReferences(List.of(new OwnerReferenceBuilder()
                .withApiVersion("v1").withKind("ConfigMap").withName("owner")
                .withUid(owner.getMetadata().getUid()).withController(true).build()));
        client.configMaps().resource(child).create();

        client.configMaps().withName("owner").delete();

        assertThat(client.configMaps().withName("child").get()).as("the apiserver's GC would delete it").isNotNull();
    }

    @Test
    void noSchemaValidationAndNoDefaults(MockApiServer api, KubernetesClient client) {
        api.registerCrd(TestCrds.widgets());

        GenericKubernetesResource created = client.genericKubernetesResources(TestCrds.WIDGETS)
                .resource(TestCrds.widget("w", Map.of("items", "not-an-array"))).create();

        assertThat(created).as("spec.size is required and spec.items is an array in the schema").isNotNull();
        assertThat((Object) created.get("spec", "mode")).as("the schema defaults spec.mode to \"fast\"").isNull();
    }

    @Test
    void noControllersRun(KubernetesClient client) {
        client.batch().v1().jobs().resource(new JobBuilder()
                .withNewMetadata().withName("job").endMetadata()
                .withNewSpec().withNewTemplate().withNewSpec().withRestartPolicy("Never")
                .addNewContainer().withName("c").withImage("busybox").endContainer()
                .endSpec().endTemplate().endSpec()
                .build()).create();

        assertThat(client.batch().v1().jobs().withName("job").get().getStatus()).isNull();
        assertThat(client.pods().list().getItems()).as("no Job controller creates a pod").isEmpty();
    }

    /** selector, what the apiserver lists, what the mock lists. */
    static Stream<Arguments> labelSelectors() {
        return Stream.of(
                Arguments.of("app=a", List.of("plain", "source"), List.of("plain", "source")),
                Arguments.of("app!=a", List.of("bare", "other"), List.of("bare", "other")),
                Arguments.of("source", List.of("source"), List.of("source")),
                Arguments.of("!app", List.of("bare"), List.of("bare")),
                // the shape of WireNames.RESTORE_POD_SELECTOR: existence and non-existence together
                Arguments.of("app,!source", List.of("other", "plain"), List.of("other", "plain")),
                // set-based requirements are dropped by the mock: the list is not filtered by them
                Arguments.of("app in (a,b)", List.of("other", "plain", "source"),
                        List.of("bare", "other", "plain", "source")),
                Arguments.of("app notin (a)", List.of("bare", "other"), List.of("bare", "other", "plain", "source")),
                Arguments.of("app in (b),source", List.of(), List.of("source")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("labelSelectors")
    void labelSelectors(String selector, List<String> apiserver, List<String> mock, KubernetesClient client) {
        Map<String, Map<String, String>> labels = Map.of(
                "plain", Map.of("app", "a"),
                "source", Map.of("app", "a", "source", "true"),
                "other", Map.of("app", "b"),
                "bare", Map.of("x", "y"));
        labels.forEach((name, l) -> {
            ConfigMap cm = configMap(name, Map.of());
            cm.getMetadata().setLabels(l);
            client.configMaps().resource(cm).create();
        });

        List<String> listed = names(client.configMaps().withLabelSelector(selector).list().getItems());

        assertThat(listed).as("mock (the apiserver lists %s)", apiserver).isEqualTo(mock);
    }

    private static List<String> names(List<ConfigMap> items) {
        return items.stream().map(c -> c.getMetadata().getName()).sorted().toList();
    }
}
