package io.podsnap.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CRDs written by the crd-generator into {@code api/target/classes/META-INF/fabric8/}, and the checked-in copies
 * under {@code deploy/helm/podsnap/crds/}. Naming follows {@code make crds}: {@code <plural>.<group>-v1.yml} is
 * copied to {@code <plural>.<group>.yaml}.
 */
final class GeneratedCrds {
    private GeneratedCrds() {}

    static final String GENERATED_SUFFIX = "-v1.yml";
    static final String CHECKED_IN_SUFFIX = ".yaml";

    static Path root() {
        String root = System.getProperty("podsnap.root");
        assertThat(root).as("system property podsnap.root (set by the parent pom's surefire configuration)").isNotBlank();
        return Path.of(root).toAbsolutePath().normalize();
    }

    static Path generatedDir() {
        return root().resolve("api/target/classes/META-INF/fabric8");
    }

    static Path checkedInDir() {
        return root().resolve("deploy/helm/podsnap/crds");
    }

    /** {@code dynamocheckpoints.nvidia.com} → the generated file. */
    static Path generated(String crdName) {
        return generatedDir().resolve(crdName + GENERATED_SUFFIX);
    }

    static Path checkedIn(String crdName) {
        return checkedInDir().resolve(crdName + CHECKED_IN_SUFFIX);
    }

    static CustomResourceDefinition load(String crdName) {
        Path file = generated(crdName);
        assertThat(file).as("generated CRD (run the build through process-classes)").exists();
        try (InputStream in = Files.newInputStream(file)) {
            return new KubernetesSerialization().unmarshal(in, CustomResourceDefinition.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static CustomResourceDefinitionVersion onlyVersion(CustomResourceDefinition crd) {
        assertThat(crd.getSpec().getVersions()).hasSize(1);
        return crd.getSpec().getVersions().get(0);
    }

    static JSONSchemaProps rootSchema(String crdName) {
        return onlyVersion(load(crdName)).getSchema().getOpenAPIV3Schema();
    }

    /**
     * Navigates from the root schema: dot-separated property names, where a {@code []} suffix steps into the array's
     * items, e.g. {@code spec.source.podRef.containers[]}. An empty path is the root.
     */
    static JSONSchemaProps schemaAt(String crdName, String path) {
        JSONSchemaProps schema = rootSchema(crdName);
        if (path.isEmpty()) {
            return schema;
        }
        for (String segment : path.split("\\.")) {
            boolean items = segment.endsWith("[]");
            String name = items ? segment.substring(0, segment.length() - 2) : segment;
            assertThat(schema.getProperties()).as("properties at %s in %s", path, crdName).containsKey(name);
            schema = schema.getProperties().get(name);
            if (items) {
                assertThat(schema.getItems()).as("items of %s in %s", name, crdName).isNotNull();
                schema = schema.getItems().getSchema();
            }
        }
        return schema;
    }
}
