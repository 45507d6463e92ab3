package io.podsnap.operator.runtime;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.podsnap.api.v1alpha1.DynamoCheckpointPhase;
import io.podsnap.api.v1alpha1.DynamoCheckpoint;
import io.podsnap.api.v1alpha1.PodSnapshot;
import io.podsnap.api.v1alpha1.PodSnapshotContent;
import io.podsnap.testkit.sim.JobControllerSimulator;
import io.podsnap.testkit.sim.AgentSimulator;
import static io.podsnap.operator.runtime.RuntimeFixtures.NAMESPACE;
import static io.podsnap.operator.runtime.RuntimeFixtures.createCheckpoint;
import static io.podsnap.operator.runtime.RuntimeFixtures.pod;
import static io.podsnap.operator.runtime.RuntimeFixtures.podSnapshot;
import static io.podsnap.operator.runtime.RuntimeFixtures.reconciliationsStarted;
import static io.podsnap.operator.runtime.RuntimeFixtures.replicated;
import static io.podsnap.operator.runtime.RuntimeFixtures.runtime;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.podsnap.operator.config.OperatorConfig;
import io.podsnap.operator.runtime.RbacCoverage.Permission;
import io.podsnap.protocol.status.Reason;
import io.podsnap.testkit.ApiRequest;
import io.podsnap.testkit.MockApiServer;
import io.podsnap.testkit.Verb;
import io.podsnap.testkit.WithMockApi;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The chart's RBAC rules ({@code deploy/helm/podsnap/files/operator-rules.yaml}) against what the operator does.
 * The scenario runs the real runtime; extend it as the reconcilers grow, and {@link RbacCoverage} keeps checking.
 */
@WithMockApi
class RbacRulesTest {
    private static final RbacCoverage RBAC = RbacCoverage.fromChart();

    // ---- (a) the file itself ----

    @Test
    void rulesAreOneGroupAndOneResourceEachWithKnownVerbsAndNoWildcards() {
        assertThat(RBAC.rules()).isNotEmpty().allSatisfy(rule -> {
            assertThat(rule.apiGroups()).hasSize(1).doesNotContain("*");
            assertThat(rule.resources()).hasSize(1).noneMatch(r -> r.contains("*"));
            assertThat(rule.verbs()).isNotEmpty().doesNotContain("*").doesNotHaveDuplicates()
                    .allMatch(RbacCoverage.RBAC_VERBS::contains);
        });
        Set<String> seen = new HashSet<>();
        RBAC.rules().forEach(rule -> assertThat(seen.add(rule.apiGroups().get(0) + "/" + rule.resources().get(0)))
                .as("one rule per group/resource: " + rule).isTrue());
    }

    @Test
    void rulesGrantWhatTheOperatorDocumentPromises() {
        assertThat(RBAC.rules()).extracting(r -> r.apiGroups().get(0) + " " + r.resources().get(0) + " " + r.verbs())
                .containsExactly(
                        "nvidia.com dynamocheckpoints [get, list, watch, update, patch]",
                        "nvidia.com dynamocheckpoints/status [get, update, patch]",
                        "nvidia.com dynamocheckpoints/finalizers [update]",
                        "nvidia.com podsnapshots [get, list, watch, create, update, patch]",
                        "nvidia.com podsnapshots/status [get, update, patch]",
                        "nvidia.com podsnapshots/finalizers [update]",
                        "nvidia.com podsnapshotcontents [get, list, watch, create, delete]",
                        "nvidia.com podsnapshotcontents/status [get]",
                        "batch jobs [get, list, watch, create, patch, delete]",
                        " pods [get, list, watch]",
                        "apps daemonsets [list]",
                        "resource.k8s.io resourceclaimtemplates [get]",
                        "resource.k8s.io resourceclaims [get]",
                        " events [create]",
                        "coordination.k8s.io leases [get, create, update, patch]");
        assertThat(RBAC.rules()).as("no CRD access: JOSDK does not check CRDs unless asked")
                .noneMatch(r -> r.apiGroups().contains("apiextensions.k8s.io"));
    }

    static Stream<String[]> malformedRules() {
        return Stream.of(
                new String[] {"not a list", "apiGroups: [\"\"]\n", "must be a YAML list"},
                new String[] {"an entry that is a string", "- pods\n", "rule 0 is not a mapping"},
                new String[] {"a missing key", "- {apiGroups: [\"\"], resources: [pods]}\n", "expected exactly"},
                new String[] {"an extra key", "- {apiGroups: [\"\"], resources: [pods], verbs: [get], why: x}\n",
                        "expected exactly"},
                new String[] {"an empty list", "- {apiGroups: [\"\"], resources: [], verbs: [get]}\n",
                        "resources must be a non-empty list"},
                new String[] {"a number in a list", "- {apiGroups: [\"\"], resources: [pods], verbs: [1]}\n",
                        "verbs holds 1, not a string"});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedRules")
    void malformedRulesAreRefused(String name, String yaml, String message) {
        assertThatThrownBy(() -> RbacCoverage.parseRules(yaml)).hasMessageContaining(message);
    }

    // ---- (b) the request → permission mapping ----

    static Stream<Object[]> permissions() {
        return Stream.of(
                new Object[] {request(Verb.LIST, "nvidia.com", "podsnapshots", null, null, null),
                        new Permission("list", "nvidia.com", "podsnapshots")},
                new Object[] {request(Verb.WATCH, "", "pods", null, NAMESPACE, null),
                        new Permission("watch", "", "pods")},
                new Object[] {request(Verb.GET, "batch", "jobs", null, NAMESPACE, "j"),
                        new Permission("get", "batch", "jobs")},
                new Object[] {request(Verb.POST, "", "events", null, NAMESPACE, "e"),
                        new Permission("create", "", "events")},
                new Object[] {request(Verb.PUT, "nvidia.com", "dynamocheckpoints", "status", NAMESPACE, "c"),
                        new Permission("update", "nvidia.com", "dynamocheckpoints/status")},
                new Object[] {request(Verb.PATCH, "coordination.k8s.io", "leases", null, NAMESPACE, "l"),
                        new Permission("patch", "coordination.k8s.io", "leases")},
                new Object[] {request(Verb.DELETE, "nvidia.com", "podsnapshotcontents", null, null, "c"),
                        new Permission("delete", "nvidia.com", "podsnapshotcontents")},
                new Object[] {request(Verb.DELETE, "batch", "jobs", null, NAMESPACE, null),
                        new Permission("deletecollection", "batch", "jobs")});
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("permissions")
    void requestsMapToThePermissionTheApiServerChecks(ApiRequest request, Permission expected) {
        assertThat(RbacCoverage.permissionOf(request)).hasValue(expected);
    }

    @Test
    void coverageSeparatesOperatorRequestsFromActorsAndNonResourceUrls() {
        var coverage = new RbacCoverage(RbacCoverage.parseRules(
                "- {apiGroups: [\"\"], resources: [pods], verbs: [get, list]}\n"));
        ApiRequest allowed = request(Verb.GET, "", "pods", null, NAMESPACE, "p");
        ApiRequest refused = request(Verb.PUT, "", "pods", null, NAMESPACE, "p");
        ApiRequest statusRefused = request(Verb.PUT, "", "pods", "status", NAMESPACE, "p");
        ApiRequest actor = new ApiRequest(Verb.POST, "POST", "/api/v1/namespaces/test/pods", TestActor.MARK,
                "application/json", "", "pods", null, NAMESPACE, "p", 201, false);
        ApiRequest version = new ApiRequest(Verb.GET, "GET", "/version", "", null, null, null, null, null, null, 200,
                false);
        ApiRequest rulesReview = request(Verb.POST, "authorization.k8s.io", "selfsubjectrulesreviews", null, null, null);
        ApiRequest clusterWideList = request(Verb.LIST, "", "pods", null, null, null);

        List<ApiRequest> all = List.of(allowed, refused, statusRefused, actor, version, rulesReview, clusterWideList);

        assertThat(coverage.notAllowed(all)).containsExactly(refused, statusRefused);
        assertThat(coverage.neverExercised(all)).isEmpty();
        assertThat(coverage.neverExercised(List.of(allowed))).containsExactly(new Permission("list", "", "pods"));
        assertThat(coverage.notAllowedNamespaceRestricted(all, Set.of(NAMESPACE)))
                .containsExactly(refused, statusRefused, clusterWideList);
        assertThat(coverage.notAllowedNamespaceRestricted(List.of(allowed), Set.of("elsewhere")))
                .containsExactly(allowed);
    }

    // ---- (c) what the running operator does ----

    @Test
    void theOperatorStaysWithinTheRules(MockApiServer api) {
        var requests = runScenario(api, replicated());

        System.out.println("RBAC coverage (ClusterRole):\n" + RBAC.report(requests));
        assertThat(RbacCoverage.operatorRequests(requests)).as("the scenario exercised the operator").isNotEmpty();
        assertThat(RBAC.notAllowed(requests)).isEmpty();
    }

    @Test
    void theOperatorStaysWithinTheNamespaceRestrictedRules(MockApiServer api) {
        var requests = runScenario(api, replicated().withWatchNamespaces(Set.of(NAMESPACE)));

        assertThat(RBAC.notAllowedNamespaceRestricted(requests, Set.of(NAMESPACE))).isEmpty();
    }

    /**
     * The whole flow, with the Job controller and the node agent simulated: a user creates a DynamoCheckpoint and
     * the operator drives it to Ready (Job, PodSnapshot, work order, status mirroring, terminal Job cleanup); a
     * standalone PodSnapshot waits for its pod to be scheduled; deleting a PodSnapshot cascades to its work order;
     * the operator stops and releases the Lease. Every request the operator sent is returned.
     */
    private static List<ApiRequest> runScenario(MockApiServer api, OperatorConfig config) {
        RBAC.serveSelfSubjectRulesReview(api);
        var registry = new SimpleMeterRegistry();
        var runtime = runtime(api.client(), config, registry, "replica-a", () -> {
            throw new AssertionError("lost the Lease");
        });
        try (var actor = TestActor.client(api);
             var jobs = JobControllerSimulator.start(actor, "node-1");
             var agent = AgentSimulator.start(actor, "node-1")) {
            var source = actor.resource(pod("source")).create();
            actor.resource(podSnapshot("snap", source)).create();
            createCheckpoint(actor, "ckpt", null);

            runtime.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> runtime.isLeader()
                    && phase(actor, "ckpt") == DynamoCheckpointPhase.Ready);

            source.getSpec().setNodeName("node-1");
            actor.resource(source).update();
            await().atMost(Duration.ofSeconds(10)).until(() -> actor.resources(PodSnapshotContent.class).list()
                    .getItems().size() == 2);

            actor.resources(PodSnapshot.class).inNamespace(NAMESPACE).withName("snap").delete();
            await().atMost(Duration.ofSeconds(10)).until(() -> actor.resources(PodSnapshotContent.class).list()
                    .getItems().size() == 1);
        } finally {
            runtime.stop();
        }
        return api.requests().all();
    }

    private static DynamoCheckpointPhase phase(KubernetesClient client, String name) {
        DynamoCheckpoint c = client.resources(DynamoCheckpoint.class).inNamespace(NAMESPACE).withName(name).get();
        return c == null || c.getStatus() == null ? null : c.getStatus().getPhase();
    }

    private static ApiRequest request(Verb verb, String group, String resource, String subresource, String namespace,
                                      String name) {
        String method = switch (verb) {
            case GET, LIST, WATCH -> "GET";
            case POST -> "POST";
            case PUT -> "PUT";
            case PATCH -> "PATCH";
            case DELETE -> "DELETE";
        };
        return new ApiRequest(verb, method, "/" + resource + Optional.ofNullable(name).map(n -> "/" + n).orElse(""),
                verb == Verb.WATCH ? "watch=true" : "", null, group, resource, subresource, namespace, name, 200,
                false);
    }
}
