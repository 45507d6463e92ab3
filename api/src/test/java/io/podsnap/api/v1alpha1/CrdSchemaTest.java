package io.podsnap.api.v1alpha1;

import static io.podsnap.api.v1alpha1.GeneratedCrds.load;
import static io.podsnap.api.v1alpha1.GeneratedCrds.onlyVersion;
import static io.podsnap.api.v1alpha1.GeneratedCrds.rootSchema;
import static io.podsnap.api.v1alpha1.GeneratedCrds.schemaAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The generated CRD YAML carries the wire contract of operator doc §3 and §6 (snapshot doc §7.1-7.2). */
class CrdSchemaTest {

    static final String DCKPT = "dynamocheckpoints.nvidia.com";
    static final String PODSNAP = "podsnapshots.nvidia.com";
    static final String CONTENT = "podsnapshotcontents.nvidia.com";
    static final String DNS_LABEL = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";
    static final String READY_COLUMN = ".status.conditions[?(@.type==\"Ready\")].status";

    // ---- names, scope, subresources, annotations --------------------------------------------------------------

    record Names(String crd, String kind, String plural, String singular, String scope, String shortName) {
        @Override
        public String toString() { return kind; }
    }

    static Stream<Names> names() {
        return Stream.of(
                new Names(DCKPT, "DynamoCheckpoint", "dynamocheckpoints", "dynamocheckpoint", "Namespaced", "dckpt"),
                new Names(PODSNAP, "PodSnapshot", "podsnapshots", "podsnapshot", "Namespaced", "podsnap"),
                new Names(CONTENT, "PodSnapshotContent", "podsnapshotcontents", "podsnapshotcontent", "Cluster",
                        "podsnapcontent"));
    }

    @ParameterizedTest(name = "{0}: group, names, scope, short name")
    @MethodSource("names")
    void namesAndScope(Names c) {
        CustomResourceDefinition crd = load(c.crd());
        assertThat(crd.getMetadata().getName()).isEqualTo(c.crd());
        assertThat(crd.getSpec().getGroup()).isEqualTo("nvidia.com");
        assertThat(crd.getSpec().getScope()).isEqualTo(c.scope());
        assertThat(crd.getSpec().getNames().getKind()).isEqualTo(c.kind());
        assertThat(crd.getSpec().getNames().getPlural()).isEqualTo(c.plural());
        assertThat(crd.getSpec().getNames().getSingular()).isEqualTo(c.singular());
        assertThat(crd.getSpec().getNames().getShortNames()).containsExactly(c.shortName());
    }

    @ParameterizedTest(name = "{0}: only v1alpha1, served and stored, with a status subresource")
    @ValueSource(strings = {DCKPT, PODSNAP, CONTENT})
    void versionAndStatusSubresource(String crdName) {
        CustomResourceDefinitionVersion version = onlyVersion(load(crdName));
        assertThat(version.getName()).isEqualTo("v1alpha1");
        assertThat(version.getServed()).isTrue();
        assertThat(version.getStorage()).isTrue();
        assertThat(version.getSubresources().getStatus()).isNotNull();
        assertThat(version.getSubresources().getScale()).isNull();
    }

    @ParameterizedTest(name = "{0}: helm keeps the CRD on uninstall")
    @ValueSource(strings = {DCKPT, PODSNAP, CONTENT})
    void helmKeepsTheCrd(String crdName) {
        assertThat(load(crdName).getMetadata().getAnnotations()).containsEntry("helm.sh/resource-policy", "keep");
    }

    // ---- printer columns ----------------------------------------------------------------------------------------

    record Column(String name, String jsonPath, String type) {}

    record Columns(String crd, List<Column> columns) {
        @Override
        public String toString() { return crd; }
    }

    static Stream<Columns> printerColumns() {
        Column age = new Column("Age", ".metadata.creationTimestamp", "date");
        Column ready = new Column("Ready", READY_COLUMN, "string");
        return Stream.of(
                new Columns(DCKPT, List.of(
                        new Column("Model", ".spec.identity.model", "string"),
                        new Column("Backend", ".spec.identity.backendFramework", "string"),
                        new Column("Phase", ".status.phase", "string"),
                        new Column("CheckpointID", ".status.checkpointID", "string"),
                        age)),
                new Columns(PODSNAP, List.of(
                        new Column("Content", ".status.boundSnapshotContentName", "string"),
                        ready,
                        age)),
                new Columns(CONTENT, List.of(
                        new Column("PodSnapshot", ".spec.snapshotRef.name", "string"),
                        new Column("Namespace", ".spec.snapshotRef.namespace", "string"),
                        ready,
                        new Column("Mounts", ".status.source.mountCount", "integer"),
                        age)));
    }

    // The crd-generator sorts columns by jsonPath (so Age comes first); the order is not asserted.
    @ParameterizedTest(name = "{0}: printer columns")
    @MethodSource("printerColumns")
    void printerColumnNamesPathsAndTypes(Columns c) {
        assertThat(onlyVersion(load(c.crd())).getAdditionalPrinterColumns())
                .extracting(col -> new Column(col.getName(), col.getJsonPath(), col.getType()))
                .containsExactlyInAnyOrderElementsOf(c.columns());
    }

    // ---- CEL rules ------------------------------------------------------------------------------------------------

    record Rule(String crd, String path, String rule, String message) {
        @Override
        public String toString() { return crd + " " + (path.isEmpty() ? "<root>" : path); }
    }

    static Stream<Rule> celRules() {
        return Stream.of(
                // Transition rules on the root: oldSelf must be where spec.identity / spec can appear or vanish.
                new Rule(DCKPT, "",
                        "!has(oldSelf.spec.identity) || self.spec.identity == oldSelf.spec.identity",
                        "spec.identity is immutable after creation"),
                new Rule(PODSNAP, "", "!has(oldSelf.spec) || self.spec == oldSelf.spec", "spec is immutable"),
                new Rule(CONTENT, "", "!has(oldSelf.spec) || self.spec == oldSelf.spec", "spec is immutable"),
                new Rule(DCKPT, "spec.job.sharedMemory",
                        "(has(self.disabled) && self.disabled) || (has(self.size) && quantity(self.size).isGreaterThan(quantity('0')))",
                        "size is required when disabled is false"),
                new Rule(DCKPT, "spec.gpuMemoryService",
                        "!has(self.extraClientContainers) || size(self.extraClientContainers) == 0 || self.mode == 'intraPod'",
                        "extraClientContainers is only supported with mode=intraPod"));
    }

    @ParameterizedTest(name = "{0}: CEL rule")
    @MethodSource("celRules")
    void celRuleSitsAtItsLevel(Rule r) {
        assertThat(schemaAt(r.crd(), r.path()).getXKubernetesValidations())
                .extracting(ValidationRule::getRule, ValidationRule::getMessage)
                .containsExactly(tuple(r.rule(), r.message()));
    }

    @ParameterizedTest(name = "{0}: no CEL rule outside the expected levels")
    @ValueSource(strings = {DCKPT, PODSNAP, CONTENT})
    void noStrayCelRules(String crdName) {
        Set<String> expected = new HashSet<>();
        celRules().filter(r -> r.crd().equals(crdName)).forEach(r -> expected.add(r.path()));
        List<String> found = new ArrayList<>();
        walk(rootSchema(crdName), "", (path, schema) -> {
            if (schema.getXKubernetesValidations() != null && !schema.getXKubernetesValidations().isEmpty()) {
                found.add(path);
            }
        });
        assertThat(found).containsExactlyInAnyOrderElementsOf(expected);
    }

    // ---- defaults, enums, bounds ----------------------------------------------------------------------------------

    record Default(String path, String json) {
        @Override
        public String toString() { return path; }
    }

    static Stream<Default> defaults() {
        return Stream.of(
                new Default("spec.job.targetContainerName", "\"main\""),
                new Default("spec.job.activeDeadlineSeconds", "3600"),
                new Default("spec.identity.tensorParallelSize", "1"),
                new Default("spec.identity.pipelineParallelSize", "1"),
                new Default("spec.gpuMemoryService.mode", "\"intraPod\""),
                new Default("spec.gpuMemoryService.deviceClassName", "\"gpu.nvidia.com\""));
    }

    @ParameterizedTest(name = "DynamoCheckpoint {0} defaults")
    @MethodSource("defaults")
    void dynamoCheckpointDefaults(Default d) throws Exception {
        JsonNode expected = new ObjectMapper().readTree(d.json());
        assertThat(schemaAt(DCKPT, d.path()).getDefault()).isEqualTo(expected);
    }

    @Test
    void noOtherDefaults() {
        Set<String> expected = new HashSet<>();
        defaults().forEach(d -> expected.add(d.path()));
        List<String> found = new ArrayList<>();
        walk(rootSchema(DCKPT), "", (path, schema) -> {
            if (schema.getDefault() != null && !path.startsWith("spec.job.podTemplateSpec")) {
                found.add(path);
            }
        });
        assertThat(found).containsExactlyInAnyOrderElementsOf(expected);
    }

    record Enum(String path, List<String> values) {
        @Override
        public String toString() { return path; }
    }

    static Stream<Enum> enums() {
        return Stream.of(
                new Enum("spec.identity.backendFramework", List.of("vllm", "sglang", "trtllm")),
                new Enum("spec.gpuMemoryService.mode", List.of("intraPod", "interPod")),
                new Enum("status.phase", List.of("Pending", "Creating", "Ready", "Failed")),
                new Enum("status.storageType", List.of("pvc", "s3", "oci")));
    }

    @ParameterizedTest(name = "DynamoCheckpoint {0} enum")
    @MethodSource("enums")
    void dynamoCheckpointEnums(Enum e) {
        JSONSchemaProps schema = schemaAt(DCKPT, e.path());
        assertThat(schema.getType()).isEqualTo("string");
        assertThat(schema.getEnum()).extracting(JsonNode::asText).containsExactlyInAnyOrderElementsOf(e.values());
    }

    record Minimum(String crd, String path, String type, double minimum) {
        @Override
        public String toString() { return crd + " " + path; }
    }

    static Stream<Minimum> minimums() {
        return Stream.of(
                new Minimum(DCKPT, "spec.identity.tensorParallelSize", "integer", 1),
                new Minimum(DCKPT, "spec.identity.pipelineParallelSize", "integer", 1),
                new Minimum(DCKPT, "spec.identity.maxModelLen", "integer", 1),
                new Minimum(DCKPT, "spec.job.activeDeadlineSeconds", "integer", 1),
                new Minimum(DCKPT, "spec.job.backoffLimit", "integer", 0),
                new Minimum(DCKPT, "spec.job.ttlSecondsAfterFinished", "integer", 0),
                new Minimum(CONTENT, "status.source.mountCount", "integer", 0),
                new Minimum(CONTENT, "status.source.hardware.gpuCount", "integer", 0));
    }

    @ParameterizedTest(name = "{0} minimum")
    @MethodSource("minimums")
    void minimum(Minimum m) {
        JSONSchemaProps schema = schemaAt(m.crd(), m.path());
        assertThat(schema.getType()).isEqualTo(m.type());
        assertThat(schema.getMinimum()).isEqualTo(m.minimum());
        assertThat(schema.getMaximum()).isNull();
    }

    record DnsLabel(String crd, String path) {
        @Override
        public String toString() { return crd + " " + path; }
    }

    static Stream<DnsLabel> dnsLabels() {
        return Stream.of(
                new DnsLabel(DCKPT, "spec.job.targetContainerName"),
                new DnsLabel(DCKPT, "spec.gpuMemoryService.extraClientContainers[]"),
                new DnsLabel(PODSNAP, "spec.source.podRef.containers[]"),
                new DnsLabel(CONTENT, "spec.source.podRef.containers[]"));
    }

    @ParameterizedTest(name = "{0} is a DNS label")
    @MethodSource("dnsLabels")
    void dnsLabel(DnsLabel d) {
        JSONSchemaProps schema = schemaAt(d.crd(), d.path());
        assertThat(schema.getType()).isEqualTo("string");
        assertThat(schema.getPattern()).isEqualTo(DNS_LABEL);
        assertThat(schema.getMinLength()).isEqualTo(1L);
        assertThat(schema.getMaxLength()).isEqualTo(63L);
    }

    @ParameterizedTest(name = "{0}: exactly one container, pod name not empty")
    @ValueSource(strings = {PODSNAP, CONTENT})
    void podRefTakesExactlyOneContainer(String crdName) {
        JSONSchemaProps containers = schemaAt(crdName, "spec.source.podRef.containers");
        assertThat(containers.getType()).isEqualTo("array");
        assertThat(containers.getMinItems()).isEqualTo(1L);
        assertThat(containers.getMaxItems()).isEqualTo(1L);
        assertThat(schemaAt(crdName, "spec.source.podRef.name").getMinLength()).isEqualTo(1L);
        assertThat(schemaAt(crdName, "spec.source.podRef.uid").getType()).isEqualTo("string");
    }

    @Test
    void contentNodeNameIsNotEmpty() {
        assertThat(schemaAt(CONTENT, "spec.source.nodeName").getMinLength()).isEqualTo(1L);
    }

    @Test
    void sharedMemorySizeIsAQuantity() {
        JSONSchemaProps size = schemaAt(DCKPT, "spec.job.sharedMemory.size");
        assertThat(size.getXKubernetesIntOrString()).isTrue();
        assertThat(size.getAnyOf()).extracting(JSONSchemaProps::getType).containsExactly("integer", "string");
    }

    @Test
    void podTemplateSpecIsTheFullPodTemplate() {
        JSONSchemaProps template = schemaAt(DCKPT, "spec.job.podTemplateSpec");
        assertThat(template.getProperties()).containsKeys("metadata", "spec");
        assertThat(schemaAt(DCKPT, "spec.job.podTemplateSpec.spec").getProperties())
                .containsKeys("containers", "initContainers", "volumes", "resourceClaims");
    }

    // ---- required -------------------------------------------------------------------------------------------------

    record Required(String crd, String path, List<String> required) {
        @Override
        public String toString() { return crd + " " + (path.isEmpty() ? "<root>" : path); }
    }

    static Stream<Required> requiredLists() {
        return Stream.of(
                // spec.identity is deliberately optional (automatic checkpoints omit it; the webhook decides).
                new Required(DCKPT, "spec", List.of("job")),
                new Required(DCKPT, "spec.identity", List.of("model", "backendFramework")),
                new Required(DCKPT, "spec.gpuMemoryService", List.of("enabled")),
                new Required(DCKPT, "spec.job", List.of("podTemplateSpec")),
                new Required(DCKPT, "spec.job.sharedMemory", List.of()),
                new Required(DCKPT, "status", List.of()),
                new Required(PODSNAP, "spec", List.of("source")),
                new Required(PODSNAP, "spec.source", List.of("podRef")),
                new Required(PODSNAP, "spec.source.podRef", List.of("name", "containers")),
                new Required(PODSNAP, "status", List.of()),
                new Required(CONTENT, "spec", List.of("snapshotRef", "source")),
                new Required(CONTENT, "spec.snapshotRef", List.of("namespace", "name")),
                new Required(CONTENT, "spec.source", List.of("podRef", "nodeName")),
                new Required(CONTENT, "spec.source.podRef", List.of("name", "containers")),
                new Required(CONTENT, "status.source.mounts[]", List.of("path", "volume")));
    }

    @ParameterizedTest(name = "{0} required")
    @MethodSource("requiredLists")
    void requiredFields(Required r) {
        assertThat(schemaAt(r.crd(), r.path()).getRequired())
                .as("required of %s", r)
                .containsExactlyInAnyOrderElementsOf(r.required());
    }

    @ParameterizedTest(name = "{0}: status field names")
    @MethodSource("statusFields")
    void statusFieldNames(String crdName, List<String> fields) {
        assertThat(schemaAt(crdName, "status").getProperties().keySet()).containsExactlyInAnyOrderElementsOf(fields);
    }

    static Stream<Arguments> statusFields() {
        return Stream.of(
                Arguments.of(DCKPT, List.of("phase", "checkpointID", "identityHash",
                        "jobName", "podSnapshotName", "createdAt", "message", "conditions", "location", "storageType")),
                Arguments.of(PODSNAP, List.of("boundSnapshotContentName", "conditions")),
                Arguments.of(CONTENT, List.of("conditions", "source")));
    }

    // ---- descriptions (what kubectl explain shows) ------------------------------------------------------------------

    @ParameterizedTest(name = "{0}: every property is described")
    @ValueSource(strings = {DCKPT, PODSNAP, CONTENT})
    void everyPropertyHasADescription(String crdName) {
        List<String> undescribed = new ArrayList<>();
        walk(rootSchema(crdName), "", (path, schema) -> {
            boolean property = !path.isEmpty() && !path.endsWith("[]") && !path.endsWith("{}");
            if (property && isBlank(schema.getDescription())
                    && !describedElsewhere(path)) {
                undescribed.add(path);
            }
        });
        assertThat(undescribed).as("properties without a description in %s", crdName).isEmpty();
    }

    /**
     * Third-party subtrees that carry no descriptions of their own: the embedded core/v1 PodTemplateSpec and the
     * fields of fabric8's metav1 Condition. The properties that hold them are still described.
     */
    private static boolean describedElsewhere(String path) {
        return path.startsWith("spec.job.podTemplateSpec.") || path.contains("conditions[].");
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    // ---- schema walking -----------------------------------------------------------------------------------------

    interface Visitor {
        void visit(String path, JSONSchemaProps schema);
    }

    /** Visits every schema below {@code schema}: properties as {@code a.b}, array items as {@code a[]}. */
    static void walk(JSONSchemaProps schema, String path, Visitor visitor) {
        visitor.visit(path, schema);
        if (schema.getProperties() != null) {
            for (Map.Entry<String, JSONSchemaProps> e : schema.getProperties().entrySet()) {
                walk(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), visitor);
            }
        }
        if (schema.getItems() != null && schema.getItems().getSchema() != null) {
            walk(schema.getItems().getSchema(), path + "[]", visitor);
        }
        if (schema.getAdditionalProperties() != null && schema.getAdditionalProperties().getSchema() != null) {
            walk(schema.getAdditionalProperties().getSchema(), path + "{}", visitor);
        }
    }
}
