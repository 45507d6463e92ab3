package io.podsnap.operator.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRuleBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.podsnap.testkit.ApiRequest;
import io.podsnap.testkit.MockApiServer;
import io.podsnap.testkit.RequestLog;
import io.podsnap.testkit.Verb;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks what a test saw the operator do against the chart's RBAC rules ({@value #RULES_FILE}): each request in a
 * {@link RequestLog} becomes the RBAC permission the API server would check (verb, API group, resource or
 * resource/subresource), and {@link #notAllowed} returns the requests no rule grants, i.e. the ones that would be
 * 403 Forbidden on a real cluster. Reusable by any operator test: run a scenario against the {@link MockApiServer},
 * then assert {@code notAllowed(api.requests())} is empty.
 *
 * <p>What is not the operator's is left out: requests made by a {@link TestActor} client (the test standing in for
 * users, kubelet and the node agent), non-resource URLs ({@code /version}, discovery; every authenticated user may
 * read them) and {@link #DEFAULT_GRANTS}.
 *
 * <p>Two rule sets are modelled. {@link #notAllowed} checks the ClusterRole variant (every rule, any namespace).
 * {@link #notAllowedNamespaceRestricted} checks the {@code rbac.namespaceRestricted} variant: namespaced rules hold
 * only in the Role namespaces; rules on cluster-scoped resources ({@link #isClusterScoped}) stay in a ClusterRole.
 * The chart's templates split the rules with the same test.
 */
public final class RbacCoverage {
    /** The rules file, relative to the repository root. */
    public static final String RULES_FILE = "deploy/helm/podsnap/files/operator-rules.yaml";

    /** The verbs RBAC knows for resources. */
    public static final Set<String> RBAC_VERBS = Set.of("get", "list", "watch", "create", "update", "patch", "delete",
            "deletecollection");

    /**
     * Permissions every authenticated user has through the built-in {@code system:basic-user} ClusterRole. JOSDK
     * posts a SelfSubjectRulesReview at start to check that it may use leader-election Leases.
     */
    public static final Set<Permission> DEFAULT_GRANTS = Set.of(
            new Permission("create", "authorization.k8s.io", "selfsubjectrulesreviews"),
            new Permission("create", "authorization.k8s.io", "selfsubjectaccessreviews"));

    /** One RBAC PolicyRule as the chart renders it. */
    public record Rule(List<String> apiGroups, List<String> resources, List<String> verbs) {
        public Rule {
            apiGroups = List.copyOf(apiGroups);
            resources = List.copyOf(resources);
            verbs = List.copyOf(verbs);
        }

        public boolean allows(Permission p) {
            return apiGroups.contains(p.group()) && resources.contains(p.resource()) && verbs.contains(p.verb());
        }

        /** Every permission this rule grants. */
        public List<Permission> permissions() {
            List<Permission> all = new ArrayList<>();
            for (String group : apiGroups) {
                for (String resource : resources) {
                    for (String verb : verbs) {
                        all.add(new Permission(verb, group, resource));
                    }
                }
            }
            return all;
        }
    }

    /**
     * What the API server authorizes a request as.
     *
     * @param resource {@code pods}, or {@code pods/status} for a subresource, as RBAC rules spell it
     */
    public record Permission(String verb, String group, String resource) {
        @Override
        public String toString() {
            return verb + " " + (group.isEmpty() ? "core" : group) + "/" + resource;
        }
    }

    private final List<Rule> rules;

    public RbacCoverage(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** The chart's rules, read from {@value #RULES_FILE} under the repository root (system property podsnap.root). */
    public static RbacCoverage fromChart() {
        return new RbacCoverage(parseRules(read(rulesFile())));
    }

    public static Path rulesFile() {
        String root = System.getProperty("podsnap.root", "..");
        return Path.of(root).resolve(RULES_FILE).normalize();
    }

    /**
     * Parses a YAML list of {@code {apiGroups, resources, verbs}}.
     *
     * @throws IllegalArgumentException naming the entry and what is wrong with its shape
     */
    public static List<Rule> parseRules(String yaml) {
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(yaml);
        } catch (IOException e) {
            throw new IllegalArgumentException("rules are not valid YAML: " + e.getMessage(), e);
        }
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException("rules must be a YAML list of {apiGroups, resources, verbs}");
        }
        List<Rule> rules = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode entry = root.get(i);
            if (!entry.isObject()) {
                throw new IllegalArgumentException("rule " + i + " is not a mapping");
            }
            Set<String> keys = new LinkedHashSet<>();
            entry.fieldNames().forEachRemaining(keys::add);
            if (!keys.equals(Set.of("apiGroups", "resources", "verbs"))) {
                throw new IllegalArgumentException("rule " + i + " has keys " + keys
                        + "; expected exactly apiGroups, resources, verbs");
            }
            rules.add(new Rule(strings(entry, "apiGroups", i), strings(entry, "resources", i),
                    strings(entry, "verbs", i)));
        }
        return rules;
    }

    public List<Rule> rules() {
        return rules;
    }

    /**
     * The permission the API server checks for a request; empty for a non-resource URL. A DELETE without a name
     * deletes a collection, which RBAC authorizes as {@code deletecollection}.
     */
    public static Optional<Permission> permissionOf(ApiRequest request) {
        if (request.resource() == null || request.verb() == null) {
            return Optional.empty();
        }
        String verb = request.verb() == Verb.DELETE && request.name() == null
                ? "deletecollection" : request.verb().kubernetesVerb();
        String resource = request.subresource() == null
                ? request.resource() : request.resource() + "/" + request.subresource();
        return Optional.of(new Permission(verb, request.group(), resource));
    }

    public boolean allows(Permission permission) {
        return DEFAULT_GRANTS.contains(permission) || rules.stream().anyMatch(r -> r.allows(permission));
    }

    /** Whether a resource (or resource/subresource) is cluster-scoped: its rules live in a ClusterRole. */
    public static boolean isClusterScoped(String resource) {
        return resource.equals("podsnapshotcontents") || resource.startsWith("podsnapshotcontents/");
    }

    /** The operator's requests (not a test actor's) on resources, in order. */
    public static List<ApiRequest> operatorRequests(Collection<ApiRequest> requests) {
        return requests.stream()
                .filter(r -> !TestActor.isActor(r))
                .filter(r -> permissionOf(r).isPresent())
                .toList();
    }

    /** The operator's requests no rule allows (ClusterRole variant). */
    public List<ApiRequest> notAllowed(RequestLog log) {
        return notAllowed(log.all());
    }

    public List<ApiRequest> notAllowed(Collection<ApiRequest> requests) {
        return operatorRequests(requests).stream()
                .filter(r -> !allows(permissionOf(r).orElseThrow()))
                .toList();
    }

    /**
     * The operator's requests the namespace-restricted variant would refuse: a namespaced permission is granted only
     * by a Role in one of {@code roleNamespaces}, so a cluster-wide list or watch of a namespaced resource, or a
     * request in another namespace, is refused even when a rule names the verb.
     */
    public List<ApiRequest> notAllowedNamespaceRestricted(Collection<ApiRequest> requests, Set<String> roleNamespaces) {
        return operatorRequests(requests).stream()
                .filter(r -> {
                    Permission p = permissionOf(r).orElseThrow();
                    if (!allows(p)) {
                        return true;
                    }
                    if (DEFAULT_GRANTS.contains(p) || isClusterScoped(p.resource())) {
                        return false;
                    }
                    return r.namespace() == null || !roleNamespaces.contains(r.namespace());
                })
                .toList();
    }

    /** Permissions the rules grant that no operator request used: candidates for removal (reported, not asserted). */
    public List<Permission> neverExercised(RequestLog log) {
        return neverExercised(log.all());
    }

    public List<Permission> neverExercised(Collection<ApiRequest> requests) {
        Set<Permission> used = operatorRequests(requests).stream()
                .map(r -> permissionOf(r).orElseThrow())
                .collect(Collectors.toSet());
        return rules.stream()
                .flatMap(r -> r.permissions().stream())
                .filter(p -> !used.contains(p))
                .distinct()
                .toList();
    }

    /** A readable summary: refused requests first, then the permissions never exercised. */
    public String report(Collection<ApiRequest> requests) {
        var out = new StringBuilder();
        List<ApiRequest> refused = notAllowed(requests);
        out.append(refused.size()).append(" operator request(s) outside the rules");
        refused.forEach(r -> out.append("\n  ").append(permissionOf(r).orElseThrow()).append("  <- ").append(r));
        List<Permission> unused = neverExercised(requests);
        out.append("\n").append(unused.size()).append(" granted permission(s) never exercised");
        unused.forEach(p -> out.append("\n  ").append(p));
        return out.toString();
    }

    /**
     * Makes the mock answer JOSDK's SelfSubjectRulesReview (posted before leader election starts) as an API server
     * would for a ServiceAccount bound to these rules. The mock has no authorizer and would answer without a status.
     */
    public void serveSelfSubjectRulesReview(MockApiServer api) {
        SelfSubjectRulesReview review = new SelfSubjectRulesReviewBuilder()
                .withNewStatus()
                    .withIncomplete(false)
                    .withResourceRules(rules.stream()
                            .map(r -> new ResourceRuleBuilder()
                                    .withApiGroups(r.apiGroups())
                                    .withResources(r.resources())
                                    .withVerbs(r.verbs())
                                    .build())
                            .toList())
                .endStatus()
                .build();
        api.kubernetesMockServer().expect().post()
                .withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
                .andReturn(201, review)
                .always();
    }

    private static List<String> strings(JsonNode entry, String key, int index) {
        JsonNode list = entry.get(key);
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new IllegalArgumentException("rule " + index + ": " + key + " must be a non-empty list");
        }
        List<String> values = new ArrayList<>();
        for (Iterator<JsonNode> it = list.elements(); it.hasNext(); ) {
            JsonNode v = it.next();
            if (!v.isTextual()) {
                throw new IllegalArgumentException("rule " + index + ": " + key + " holds " + v + ", not a string");
            }
            values.add(v.textValue());
        }
        return values;
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the chart's RBAC rules " + path, e);
        }
    }
}
