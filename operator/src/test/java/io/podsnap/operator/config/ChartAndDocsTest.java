package io.podsnap.operator.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.podsnap.operator.metrics.OperatorMetrics;
import io.podsnap.operator.runtime.HttpEndpoints;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The chart's values and docs/operator.md stay in step with the loader. */
class ChartAndDocsTest {
    private static final Path ROOT = Path.of(System.getProperty("podsnap.root", ".."));
    private static final YAMLMapper YAML = new YAMLMapper();

    @Test
    void theChartsDefaultConfigLoadsToTheOperatorDefaults() throws IOException {
        JsonNode values = YAML.readTree(ROOT.resolve("deploy/helm/podsnap/values.yaml").toFile());

        // As templates/operator-configmap.yaml builds operator.yaml.
        ObjectNode document = YAML.createObjectNode();
        document.set("checkpoint", values.at("/operator/config/checkpoint"));
        document.putObject("leaderElection")
                .put("enabled", values.at("/operator/leaderElection/enabled").booleanValue())
                .put("leaseName", values.at("/operator/leaderElection/leaseName").textValue());
        document.put("httpPort", values.at("/metrics/port").intValue());

        OperatorConfig loaded = OperatorConfigLoader.parse(YAML.writeValueAsString(document), "chart values",
                Map.of("POD_NAMESPACE", "podsnap-system"));

        assertThat(loaded).isEqualTo(OperatorConfig.defaults().withLeaderElection(
                OperatorConfig.DEFAULT_LEADER_ELECTION_LEASE, "podsnap-system"));
    }

    @Test
    void theChartHasTheOperatorValues() throws IOException {
        JsonNode values = YAML.readTree(ROOT.resolve("deploy/helm/podsnap/values.yaml").toFile());

        for (String pointer : List.of("/operator/image/repository", "/operator/replicas", "/operator/resources",
                "/operator/config/checkpoint/enabled", "/operator/config/checkpoint/seccomp",
                "/operator/config/checkpoint/cleanupImage", "/operator/config/checkpoint/storage", "/rbac/create",
                "/rbac/namespaceRestricted", "/metrics/port")) {
            assertThat(values.at(pointer).isMissingNode()).as(pointer).isFalse();
        }
    }

    @Test
    void everyConfigKeyEnvironmentVariableEndpointAndMetricIsDocumented() throws IOException {
        String docs = Files.readString(ROOT.resolve("docs/operator.md"));

        assertThat(OperatorConfigLoader.KEYS).allSatisfy(key -> assertThat(docs).contains("| `" + key + "` |"));
        assertThat(docs).contains("`" + OperatorConfigLoader.ENV_CONFIG_PATH + "`",
                "`" + OperatorConfigLoader.ENV_WATCH_NAMESPACE + "`", "`" + OperatorConfigLoader.ENV_POD_NAMESPACE + "`",
                "`" + OperatorConfigLoader.ENV_ALLOW_GMS_SNAPSHOT + "`", "`PODSNAP_LOG_LEVEL`", "`POD_NAME`",
                OperatorConfigLoader.DEFAULT_PATH);
        assertThat(docs).contains("`" + HttpEndpoints.HEALTHZ + "`", "`" + HttpEndpoints.READYZ + "`",
                "`" + HttpEndpoints.METRICS + "`");
        assertThat(docs).contains("`" + prometheusName(OperatorMetrics.CHECKPOINTS) + "{phase}`",
                "`" + prometheusName(OperatorMetrics.LEADER) + "`");
        assertThat(OperatorMetrics.phases()).allSatisfy(phase -> assertThat(docs).contains("`" + phase + "`"));
    }

    private static String prometheusName(String micrometerName) {
        return micrometerName.replace('.', '_');
    }
}
