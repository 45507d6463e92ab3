package io.podsnap.api.v1alpha1;

/**
 * Inference backend of a standalone checkpoint's identity ({@code spec.identity.backendFramework}). Constants are
 * spelled as on the wire, so {@code name()} is the wire value.
 */
public enum BackendFramework {
    vllm, sglang, trtllm
}
