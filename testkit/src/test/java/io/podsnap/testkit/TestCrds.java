package io.podsnap.testkit;

import com.fasterxml.jackson.databind.node.TextNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.List;
import java.util.Map;

/**
 * A test-only cluster-scoped CRD, {@code Widget} in {@code testkit.podsnap.io/v1}, shaped like PodSnapshotContent
 * (cluster scope, status subresource), with a required field and a default the mock will not apply.
 */
final class TestCrds {
    static final String GROUP = "testkit.podsnap.io";
    static final String API_VERSION = GROUP + "/v1";
    static final String KIND = "Widget";
    static final String PLURAL = "widgets";

    static final ResourceDefinitionContext WIDGETS = new ResourceDefinitionContext.Builder()
            .withGroup(GROUP).withVersion("v1").withKind(KIND).withPlural(PLURAL).withNamespaced(false).build();

    private TestCrds() {}

    static CustomResourceDefinition widgets() {
        return new CustomResourceDefinitionBuilder()
                .withNewMetadata().withName(PLURAL + "." + GROUP).endMetadata()
                .withNewSpec()
                .withGroup(GROUP)
                .withScope("Cluster")
                .withNewNames().withKind(KIND).withPlural(PLURAL).withSingular("widget").endNames()
                .addNewVersion()
                .withName("v1").withServed(true).withStorage(true)
                .withNewSubresources().withNewStatus().endStatus().endSubresources()
                .withNewSchema().withOpenAPIV3Schema(new JSONSchemaPropsBuilder()
                        .withType("object")
                        .addToProperties("spec", new JSONSchemaPropsBuilder()
                                .withType("object")
                                .withRequired("size")
                                .addToProperties("size", new JSONSchemaPropsBuilder().withType("integer").build())
                                .addToProperties("mode", new JSONSchemaPropsBuilder().withType("string")
                                        .withDefault(TextNode.valueOf("fast")).build())
                                .addToProperties("items", new JSONSchemaPropsBuilder().withType("array")
                                        .withNewItems().withNewSchema().withType("string").endSchema().endItems()
                                        .build())
                                .build())
                        .addToProperties("status", new JSONSchemaPropsBuilder()
                                .withType("object").withXKubernetesPreserveUnknownFields(true).build())
                        .build())
                .endSchema()
                .endVersion()
                .endSpec()
                .build();
    }

    static GenericKubernetesResource widget(String name, Map<String, Object> spec) {
        return new GenericKubernetesResourceBuilder()
                .withApiVersion(API_VERSION).withKind(KIND)
                .withNewMetadata().withName(name).endMetadata()
                .addToAdditionalProperties("spec", spec)
                .build();
    }

    static GenericKubernetesResource widget(String name, int size, List<String> items) {
        return widget(name, Map.of("size", size, "items", items));
    }
}
