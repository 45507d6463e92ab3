package io.podsnap.testkit;

/**
 * What a request does, as the apiserver's request-info resolver sees it: a GET is {@link #GET} when it names an
 * object, {@link #LIST} when it reads a collection and {@link #WATCH} with {@code ?watch=true}. A DELETE of a whole
 * collection is {@link #DELETE} with no name.
 */
public enum Verb {
    GET("get"),
    LIST("list"),
    WATCH("watch"),
    POST("create"),
    PUT("update"),
    PATCH("patch"),
    DELETE("delete");

    private final String kubernetesVerb;

    Verb(String kubernetesVerb) {
        this.kubernetesVerb = kubernetesVerb;
    }

    /** The RBAC verb ({@code create} for POST, {@code update} for PUT), as it appears in Forbidden messages. */
    public String kubernetesVerb() {
        return kubernetesVerb;
    }

    /** POST, PUT, PATCH and DELETE change state; the others only read. */
    public boolean isWrite() {
        return this == POST || this == PUT || this == PATCH || this == DELETE;
    }

    /** The verb of a request, or null for an HTTP method the Kubernetes API does not use. */
    static Verb of(String httpMethod, ApiPath path) {
        return switch (httpMethod) {
            case "GET", "HEAD" -> path.isWatch() ? WATCH
                    : path.isResource() && path.name() == null ? LIST : GET;
            case "POST" -> POST;
            case "PUT" -> PUT;
            case "PATCH" -> PATCH;
            case "DELETE" -> DELETE;
            default -> null; // OPTIONS, CONNECT: not part of the Kubernetes API

        };
    }
}
