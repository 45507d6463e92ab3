package io.podsnap.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ApiPathTest {

    static Stream<Arguments> paths() {
        return Stream.of(
                // name, method, raw path, verb, group, namespace, resource, name, subresource
                Arguments.of("namespaced core object", "GET", "/api/v1/namespaces/ns/configmaps/cm",
                        Verb.GET, "", "ns", "configmaps", "cm", null),
                Arguments.of("namespaced core list", "GET", "/api/v1/namespaces/ns/configmaps?labelSelector=a%3Db",
                        Verb.LIST, "", "ns", "configmaps", null, null),
                Arguments.of("list across namespaces", "GET", "/apis/nvidia.com/v1alpha1/podsnapshots",
                        Verb.LIST, "nvidia.com", null, "podsnapshots", null, null),
                Arguments.of("watch by query", "GET", "/apis/nvidia.com/v1alpha1/namespaces/ns/podsnapshots?watch=true",
                        Verb.WATCH, "nvidia.com", "ns", "podsnapshots", null, null),
                Arguments.of("legacy watch path", "GET", "/api/v1/watch/namespaces/ns/pods",
                        Verb.WATCH, "", "ns", "pods", null, null),
                Arguments.of("status patch with query", "PATCH",
                        "/apis/nvidia.com/v1alpha1/namespaces/ns/podsnapshots/s/status?fieldManager=m&force=true",
                        Verb.PATCH, "nvidia.com", "ns", "podsnapshots", "s", "status"),
                Arguments.of("cluster-scoped object", "PUT", "/apis/nvidia.com/v1alpha1/podsnapshotcontents/c",
                        Verb.PUT, "nvidia.com", null, "podsnapshotcontents", "c", null),
                Arguments.of("create in a namespace", "POST", "/apis/batch/v1/namespaces/ns/jobs",
                        Verb.POST, "batch", "ns", "jobs", null, null),
                Arguments.of("a Namespace object", "DELETE", "/api/v1/namespaces/ns",
                        Verb.DELETE, "", null, "namespaces", "ns", null),
                Arguments.of("a Namespace's status", "PUT", "/api/v1/namespaces/ns/status",
                        Verb.PUT, "", null, "namespaces", "ns", "status"),
                Arguments.of("pod log", "GET", "/api/v1/namespaces/ns/pods/p/log",
                        Verb.GET, "", "ns", "pods", "p", "log"),
                Arguments.of("discovery", "GET", "/apis/nvidia.com/v1alpha1",
                        Verb.GET, null, null, null, null, null),
                Arguments.of("version", "GET", "/version",
                        Verb.GET, null, null, null, null, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void splitsPathsLikeTheApiserver(String caseName, String method, String raw, Verb verb, String group,
                                     String namespace, String resource, String name, String subresource) {
        ApiPath path = ApiPath.parse(raw);

        assertThat(Verb.of(method, path)).isEqualTo(verb);
        assertThat(path.group()).isEqualTo(group);
        assertThat(path.namespace()).isEqualTo(namespace);
        assertThat(path.resource()).isEqualTo(resource);
        assertThat(path.name()).isEqualTo(name);
        assertThat(path.subresource()).isEqualTo(subresource);
        assertThat(path.path()).doesNotContain("?");
    }

    @org.junit.jupiter.api.Test
    void decodesQueryParametersAndBuildsObjectPaths() {
        ApiPath path = ApiPath.parse("/apis/nvidia.com/v1alpha1/namespaces/ns/podsnapshots/s/status?fieldManager=podsnap%2Dop&force=true");

        assertThat(path.queryParam("fieldManager")).isEqualTo("podsnap-op");
        assertThat(path.queryParam("force")).isEqualTo("true");
        assertThat(path.queryParam("dryRun")).isNull();
        assertThat(path.itemPath()).isEqualTo("/apis/nvidia.com/v1alpha1/namespaces/ns/podsnapshots/s");
        assertThat(path.collectionPath()).isEqualTo("/apis/nvidia.com/v1alpha1/namespaces/ns/podsnapshots");
        assertThat(path.qualifiedResource()).isEqualTo("podsnapshots.nvidia.com");
        assertThat(ApiPath.parse("/api/v1/namespaces/ns/configmaps/cm").qualifiedResource()).isEqualTo("configmaps");
    }
}
