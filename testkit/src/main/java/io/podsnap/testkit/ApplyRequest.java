package io.podsnap.testkit;

/**
 * One Server-Side Apply request the emulation handled, so that tests can assert who applied what and how
 * (e.g. field manager {@code podsnap-operator} with {@code force=true}).
 *
 * @param resource     plural resource name
 * @param subresource  {@code status}, or null for the main resource
 * @param namespace    namespace, or null when cluster-scoped
 * @param name         object name
 * @param fieldManager the {@code fieldManager} query parameter; null when missing (the request got a 400)
 * @param force        the {@code force} query parameter
 * @param created      true when the apply created the object
 * @param responseCode the HTTP status the client got
 */
public record ApplyRequest(String resource, String subresource, String namespace, String name, String fieldManager,
                           boolean force, boolean created, int responseCode) {

    public boolean succeeded() {
        return responseCode >= 200 && responseCode < 300;
    }
}
