package io.podsnap.testkit;

/**
 * One HTTP request a client sent to the mock, as the {@link RequestLog} keeps it. Requests the testkit makes
 * internally (the GET and PUT behind an emulated apply, CRD registration) are not client requests and are not logged.
 *
 * @param verb         what the request does; null for an HTTP method the Kubernetes API does not use
 * @param method       the HTTP method
 * @param path         the path without the query string
 * @param query        the raw query string, {@code ""} when absent
 * @param contentType  the Content-Type header, or null
 * @param group        API group ({@code ""} for core), or null for non-resource paths such as {@code /version}
 * @param resource     plural resource name, or null for non-resource paths
 * @param subresource  {@code status}, {@code scale}, ..., or null for the main resource
 * @param namespace    namespace, or null
 * @param name         object name: from the path, or for a POST from the body's {@code metadata.name}; else null
 * @param responseCode the HTTP status the client got
 * @param injected     true when a fault rule answered instead of the mock
 */
public record ApiRequest(Verb verb, String method, String path, String query, String contentType, String group,
                         String resource, String subresource, String namespace, String name, int responseCode,
                         boolean injected) {

    /** POST, PUT, PATCH or DELETE on a resource. */
    public boolean isWrite() {
        return verb != null && verb.isWrite() && resource != null;
    }

    /** A Server-Side Apply request ({@code application/apply-patch+yaml}). */
    public boolean isApply() {
        return verb == Verb.PATCH && ServerSideApply.isApplyPatch(contentType);
    }

    @Override
    public String toString() {
        return method + " " + path + (query.isEmpty() ? "" : "?" + query) + " -> " + responseCode
                + (injected ? " (injected)" : "");
    }
}
