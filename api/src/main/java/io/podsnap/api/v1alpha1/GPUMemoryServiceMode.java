package io.podsnap.api.v1alpha1;

/**
 * GPU Memory Service topology ({@code spec.gpuMemoryService.mode}). Constants are spelled as on the wire, so
 * {@code name()} is the wire value. Only {@link #intraPod} is supported; the webhook rejects {@link #interPod}.
 */
public enum GPUMemoryServiceMode {
    intraPod, interPod
}
