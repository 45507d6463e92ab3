package io.podsnap.protocol.artifact;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A fully populated manifest for tests (before the writer fills in {@code files}). */
final class Manifests {
    private Manifests() {}

    static final String CHECKPOINT_ID = "96429b2725761a09";

    static Manifest full() {
        Manifest.CriuSettings criu = new Manifest.CriuSettings(0, 4, "/tmp/criu-work", false, false, false, false,
                false, true, true, true, true, true, true, "ignore", "direct", true, false, true, false,
                "/usr/local/sbin/criu", "/usr/local/lib/criu", false, true);
        return new Manifest(0, CHECKPOINT_ID, Instant.parse("2026-11-22T04:05:06.123456789Z"),
                new Manifest.Container("main", "registry.example/ai-dynamo/vllm-runtime:0.9.0", "sha256:" + "ab".repeat(32)),
                "6.8.0-45-generic", "4.1.1",
                new Manifest.CriuDump(criu, Map.of("/etc/hosts", "/etc/hosts", "/dev/shm", "/dev/shm"), List.of("mnt[]:m"), List.of("/proc/acpi")),
                new Manifest.K8s("containerd://4f3e2d1c", 4242, "gpu-node-7", "vllm-worker-0", "team-a", "10.0.3.17",
                        List.of("pipe:[1234]", "pipe:[1235]", "pipe:[1236]")),
                new Manifest.Overlay(new Manifest.Exclusions(List.of("/tmp", "/root/.cache")), "/var/lib/containerd/upper",
                        List.of("/proc/kcore", "/sys/firmware"), List.of("/etc/hosts", "/dev/shm")),
                new Manifest.CudaRestore(List.of(1, 57), List.of("GPU-11111111-2222-3333-4444-555555555555"), "posix"),
                null);
    }
}
