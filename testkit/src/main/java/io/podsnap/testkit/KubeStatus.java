package io.podsnap.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.MockResponse;

/**
 * Failure responses shaped like the apiserver's {@code metav1.Status}, so that fabric8 raises a
 * {@code KubernetesClientException} whose {@code getCode()} and {@code getStatus().getReason()} are what a real
 * cluster would give. Reasons and message formats follow k8s.io/apimachinery/pkg/api/errors.
 */
final class KubeStatus {
    private static final ObjectMapper JSON = new ObjectMapper();

    private KubeStatus() {}

    /** The apiserver's reason for a status code; {@code AlreadyExists} for a 409 on create. */
    static String defaultReason(int code, Verb verb) {
        return switch (code) {
            case 400 -> "BadRequest";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "NotFound";
            case 405 -> "MethodNotAllowed";
            case 406 -> "NotAcceptable";
            case 409 -> verb == Verb.POST ? "AlreadyExists" : "Conflict";
            case 410 -> "Expired";
            case 413 -> "RequestEntityTooLarge";
            case 415 -> "UnsupportedMediaType";
            case 422 -> "Invalid";
            case 429 -> "TooManyRequests";
            case 500 -> "InternalError";
            case 503 -> "ServiceUnavailable";
            case 504 -> "Timeout";
            default -> "";
        };
    }

    /** The apiserver's message for a reason, about the object the request targets. */
    static String defaultMessage(String reason, Verb verb, ApiPath path, String name) {
        String what = path.isResource() ? path.qualifiedResource() : path.path();
        String object = name == null ? what : what + " \"" + name + "\"";
        return switch (reason) {
            case "AlreadyExists" -> object + " already exists";
            case "Conflict" -> "Operation cannot be fulfilled on " + object
                    + ": the object has been modified; please apply your changes to the latest version and try again";
            case "NotFound" -> object + " not found";
            case "Invalid" -> object + " is invalid: injected fault";
            case "Forbidden" -> object + " is forbidden: User \"system:serviceaccount:test:default\" cannot "
                    + (verb == null ? "access" : verb.kubernetesVerb()) + " resource \""
                    + (path.subresource() == null ? path.resource() : path.resource() + "/" + path.subresource())
                    + "\" in API group \"" + (path.group() == null ? "" : path.group()) + "\""
                    + (path.namespace() == null ? " at the cluster scope" : " in the namespace \"" + path.namespace() + "\"");
            case "InternalError" -> "Internal error occurred: injected fault";
            case "Expired" -> "too old resource version";
            case "TooManyRequests" -> "Too many requests, please try again later.";
            case "ServiceUnavailable" -> "the server is currently unable to handle the request";
            case "Timeout" -> "the server was unable to return a response in the time allotted";
            default -> "injected fault (" + reason + ")";
        };
    }

    static MockResponse failure(int code, String reason, String message, ApiPath path, String name) {
        ObjectNode status = JSON.createObjectNode();
        status.put("kind", "Status");
        status.put("apiVersion", "v1");
        status.putObject("metadata");
        status.put("status", "Failure");
        status.put("message", message);
        status.put("reason", reason);
        if (path != null && path.isResource()) {
            ObjectNode details = status.putObject("details");
            if (name != null) {
                details.put("name", name);
            }
            details.put("group", path.group());
            // The apiserver puts the resource (plural) here, not the Kind, for NotFound/AlreadyExists/Conflict.
            details.put("kind", path.resource());
        }
        status.put("code", code);
        return new MockResponse()
                .setResponseCode(code)
                .setHeader("Content-Type", "application/json")
                .setBody(status.toString());
    }

    static MockResponse badRequest(String message) {
        return failure(400, "BadRequest", message, null, null);
    }
}
