package io.podsnap.api.v1alpha1;

/** Validation patterns shared by the v1alpha1 schemas, spelled as in the upstream Dynamo CRDs. */
final class ApiPatterns {
    private ApiPatterns() {}

    /** RFC 1123 label: container names, GMS client names. Length 1-63 is set separately with {@code @Size}. */
    static final String DNS_LABEL = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

    /** Kept on every CRD: uninstalling the chart must not delete the CRDs and, with them, every checkpoint. */
    static final String HELM_KEEP = "helm.sh/resource-policy=keep";
}
