package io.podsnap.testkit;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A request path split the way the apiserver routes it:
 * {@code /api/v1[/namespaces/{ns}]/{resource}[/{name}[/{subresource}]]} or
 * {@code /apis/{group}/{version}[/namespaces/{ns}]/{resource}[/{name}[/{subresource}]]}.
 * Anything else (discovery, {@code /version}) has a null {@link #resource()}.
 *
 * @param path        the path without the query string
 * @param query       decoded query parameters, in order
 * @param group       API group, {@code ""} for the core group; null for non-resource paths
 * @param version     API version; null for non-resource paths
 * @param namespace   namespace, or null when cluster-scoped or across all namespaces
 * @param resource    plural resource name, or null for non-resource paths
 * @param name        object name, or null for collection requests
 * @param subresource subresource ({@code status}, {@code scale}, ...), or null
 * @param watchPath   true for the legacy {@code /watch/} path prefix
 */
record ApiPath(String path, Map<String, List<String>> query, String group, String version, String namespace,
               String resource, String name, String subresource, boolean watchPath) {

    /**
     * The subresources of a Namespace object. They disambiguate {@code /api/v1/namespaces/x/status} (the status of
     * Namespace x) from {@code /api/v1/namespaces/x/configmaps} (ConfigMaps in namespace x).
     */
    private static final Set<String> NAMESPACE_SUBRESOURCES = Set.of("status", "finalize");

    static ApiPath parse(String rawPath) {
        int q = rawPath.indexOf('?');
        String path = q < 0 ? rawPath : rawPath.substring(0, q);
        Map<String, List<String>> query = parseQuery(q < 0 ? "" : rawPath.substring(q + 1));
        List<String> segments = Arrays.stream(path.split("/"))
                .filter(s -> !s.isEmpty())
                .map(s -> URLDecoder.decode(s, StandardCharsets.UTF_8))
                .toList();

        int i;
        String group;
        String version;
        if (segments.size() >= 2 && segments.get(0).equals("api")) {
            group = "";
            version = segments.get(1);
            i = 2;
        } else if (segments.size() >= 3 && segments.get(0).equals("apis")) {
            group = segments.get(1);
            version = segments.get(2);
            i = 3;
        } else {
            return new ApiPath(path, query, null, null, null, null, null, null, false);
        }
        boolean watchPath = i < segments.size() && segments.get(i).equals("watch");
        if (watchPath) {
            i++;
        }
        String namespace = null;
        if (segments.size() - i >= 3 && segments.get(i).equals("namespaces")
                && !NAMESPACE_SUBRESOURCES.contains(segments.get(i + 2))) {
            namespace = segments.get(i + 1);
            i += 2;
        }
        if (i >= segments.size()) {
            return new ApiPath(path, query, null, null, null, null, null, null, false);
        }
        String resource = segments.get(i++);
        String name = i < segments.size() ? segments.get(i++) : null;
        String subresource = i < segments.size() ? String.join("/", segments.subList(i, segments.size())) : null;
        return new ApiPath(path, query, group, version, namespace, resource, name, subresource, watchPath);
    }

    private static Map<String, List<String>> parseQuery(String rawQuery) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return query;
    }

    /** The first value of a query parameter, or null. */
    String queryParam(String key) {
        List<String> values = query.get(key);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    boolean isResource() {
        return resource != null;
    }

    boolean isWatch() {
        String watch = queryParam("watch");
        return watchPath || "true".equals(watch) || "1".equals(watch);
    }

    /** {@code podsnapshots.nvidia.com}, or {@code configmaps} for the core group: how the apiserver names a resource in messages. */
    String qualifiedResource() {
        return group == null || group.isEmpty() ? resource : resource + "." + group;
    }

    /** The object's own path (no subresource, no query). Only for requests that name an object. */
    String itemPath() {
        return collectionPath() + "/" + name;
    }

    /** The collection the object lives in (no query). */
    String collectionPath() {
        StringBuilder sb = new StringBuilder(group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version);
        if (namespace != null) {
            sb.append("/namespaces/").append(namespace);
        }
        return sb.append('/').append(resource).toString();
    }
}
