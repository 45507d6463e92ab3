package io.podsnap.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Server-Side Apply emulated on the mock, which answers {@code application/apply-patch+yaml} with 415: GET the
 * object; if it is absent, create it from the applied configuration (POST to the collection); if it is present,
 * merge the applied configuration into it with RFC 7386 semantics and PUT the result (to {@code /status} for a
 * status apply).
 *
 * <p>Not real SSA: no managedFields, no field ownership, no conflicts between managers (so {@code force} changes
 * nothing), and a field the applier stops sending is kept, not removed. An apply that carries
 * {@code metadata.resourceVersion} is checked against the stored one by the PUT, as the apiserver does.
 *
 * <p>The caller must hold the write lock: the GET and the PUT (or POST) are one step for other clients.
 */
final class ServerSideApply {
    static final String CONTENT_TYPE = "application/apply-patch+yaml";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();

    private final Dispatcher crud;
    private final List<ApplyRequest> applies = new CopyOnWriteArrayList<>();

    ServerSideApply(Dispatcher crud) {
        this.crud = crud;
    }

    static boolean isApplyPatch(String contentType) {
        return contentType != null && contentType.toLowerCase().startsWith(CONTENT_TYPE);
    }

    List<ApplyRequest> applies() {
        return List.copyOf(applies);
    }

    MockResponse apply(ApiPath path, String body) {
        String fieldManager = path.queryParam("fieldManager");
        if (fieldManager != null && fieldManager.isEmpty()) {
            fieldManager = null;
        }
        boolean force = Boolean.parseBoolean(path.queryParam("force"));
        Result result = validateAndApply(path, fieldManager, body);
        applies.add(new ApplyRequest(path.resource(), path.subresource(), path.namespace(), path.name(),
                fieldManager, force, result.created(), result.response().code()));
        return result.response();
    }

    private record Result(MockResponse response, boolean created) {
        static Result refused(MockResponse response) {
            return new Result(response, false);
        }
    }

    private Result validateAndApply(ApiPath path, String fieldManager, String body) {
        if (fieldManager == null) {
            // The apiserver's own words (k8s.io/apiserver/pkg/endpoints/handlers/patch.go).
            return Result.refused(KubeStatus.badRequest("PATCH with apply-patch+yaml requires fieldManager"));
        }
        if (path.name() == null) {
            return Result.refused(KubeStatus.failure(405, "MethodNotAllowed",
                    "the server does not allow this method on the requested resource", path, null));
        }
        if (path.subresource() != null && !path.subresource().equals("status")) {
            return Result.refused(KubeStatus.badRequest("testkit: Server-Side Apply is emulated for the main "
                    + "resource and /status only, not /" + path.subresource()));
        }
        ObjectNode applied;
        try {
            applied = parse(body);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return Result.refused(KubeStatus.badRequest("error decoding apply configuration: " + e.getMessage()));
        }
        return apply(path, applied);
    }

    private Result apply(ApiPath path, ObjectNode applied) {
        if (!applied.hasNonNull("apiVersion") || !applied.hasNonNull("kind")) {
            return Result.refused(KubeStatus.badRequest("apiVersion and kind must be set in an apply configuration"));
        }
        ObjectNode metadata = applied.withObjectProperty("metadata");
        // The apiserver refuses managedFields in an apply configuration; the mock keeps none, so drop them.
        metadata.remove("managedFields");
        if (!metadata.hasNonNull("name")) {
            metadata.put("name", path.name());
        }
        boolean status = "status".equals(path.subresource());

        MockResponse current = crud.dispatch(request(HttpMethod.GET, path.itemPath(), null));
        if (current.code() == 404) {
            if (status) {
                return Result.refused(KubeStatus.failure(404, "NotFound",
                        KubeStatus.defaultMessage("NotFound", Verb.PATCH, path, path.name()), path, path.name()));
            }
            MockResponse createdResponse = crud.dispatch(request(HttpMethod.POST, path.collectionPath(), applied));
            return new Result(createdResponse, createdResponse.code() == 201);
        }
        if (current.code() != 200) {
            return Result.refused(current);
        }
        JsonNode stored;
        try {
            stored = JSON.readTree(current.getBody().readUtf8());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the mock returned an object that is not JSON: " + e.getMessage(), e);
        }
        JsonNode merged = JsonMergePatch.apply(stored, applied);
        String target = status ? path.itemPath() + "/status" : path.itemPath();
        return new Result(crud.dispatch(request(HttpMethod.PUT, target, merged)), false);
    }

    /** fabric8 sends JSON with the apply content type; kubectl sends YAML. JSON is YAML, but parse it as JSON. */
    private static ObjectNode parse(String body) throws JsonProcessingException {
        String trimmed = body == null ? "" : body.strip();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("empty body");
        }
        JsonNode node = trimmed.startsWith("{") ? JSON.readTree(trimmed) : YAML.readTree(trimmed);
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("an apply configuration must be an object");
        }
        return (ObjectNode) node;
    }

    private static RecordedRequest request(HttpMethod method, String path, JsonNode body) {
        Buffer buffer = new Buffer();
        if (body != null) {
            buffer.write(body.toString().getBytes(StandardCharsets.UTF_8));
        }
        Headers headers = Headers.builder().add("Content-Type", "application/json").build();
        return new RecordedRequest("HTTP/1.1", method, path, headers, buffer);
    }
}
