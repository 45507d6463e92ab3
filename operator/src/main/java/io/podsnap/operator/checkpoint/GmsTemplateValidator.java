package io.podsnap.operator.checkpoint;

import static io.podsnap.protocol.WireNames.ENV_GMS_SOCKET_DIR;
import static io.podsnap.protocol.WireNames.GMS_CONTROL_MOUNT_PATH;
import static io.podsnap.protocol.WireNames.GMS_CONTROL_VOLUME;
import static io.podsnap.protocol.WireNames.GMS_RESOURCE_CLAIM;
import static io.podsnap.protocol.WireNames.GMS_SERVER_CONTAINER;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodResourceClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.ResourceClaim;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.podsnap.api.v1alpha1.DynamoCheckpoint;
import io.podsnap.api.v1alpha1.DynamoCheckpointJobConfig;
import io.podsnap.api.v1alpha1.GPUMemoryServiceMode;
import io.podsnap.api.v1alpha1.GPUMemoryServiceSpec;
import io.podsnap.protocol.Messages;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Checks that a GMS-enabled DynamoCheckpoint's pod template is already prepared (operator doc §9.4, §10.1). The
 * operator injects nothing for the GPU Memory Service: the server, its clients and the shared DRA claim are the
 * template author's, and a half-wired pod would load the model, block on a socket that never appears and time out
 * an hour later. So every missing piece is reported up front, all at once, each at its exact field path.
 *
 * <p>Problems read like Kubernetes field errors ({@code <path>: Required value: <what>}) and come in declaration
 * order: mode, extra client names, then the pod spec (volumes, initContainers, containers[i] env / resources.claims /
 * restartPolicy / volumeMounts, resourceClaims), then the target container name.
 */
public final class GmsTemplateValidator {
    private GmsTemplateValidator() {}

    static final String MODE = "spec.gpuMemoryService.mode";
    static final String EXTRA_CLIENTS = "spec.gpuMemoryService.extraClientContainers";
    static final String POD = "spec.job.podTemplateSpec.spec";
    static final String TARGET = "spec.job.targetContainerName";
    /** gms-server is a sidecar: an init container that keeps running beside the clients. */
    static final String SIDECAR_RESTART_POLICY = "Always";

    /** Every wiring problem, with field paths; empty when prepared or when GMS is not enabled. */
    public static List<String> problems(DynamoCheckpoint checkpoint) {
        GPUMemoryServiceSpec gms = checkpoint.getSpec() == null ? null : checkpoint.getSpec().getGpuMemoryService();
        if (gms == null || !Boolean.TRUE.equals(gms.getEnabled())) {
            return List.of();
        }
        List<String> problems = new ArrayList<>();
        String mode = gms.getMode() == null || gms.getMode().isEmpty() ? GPUMemoryServiceMode.intraPod.name() : gms.getMode();
        if (!GPUMemoryServiceMode.intraPod.name().equals(mode)) {
            // The wiring below is the intra-pod shape; checking it against another topology would only add noise.
            String notImplemented = GPUMemoryServiceMode.interPod.name().equals(mode)
                    ? "checkpoint Jobs for GPU Memory Service mode interPod are not implemented; " : "";
            problems.add(MODE + ": Unsupported value: " + Messages.quote(mode) + ": " + notImplemented
                    + "supported values: " + Messages.quote(GPUMemoryServiceMode.intraPod.name()));
            return List.copyOf(problems);
        }
        DynamoCheckpointJobConfig job = checkpoint.getSpec().getJob();
        if (job == null || job.getPodTemplateSpec() == null || job.getPodTemplateSpec().getSpec() == null) {
            return List.of(POD + ": Required value: the prepared pod (GMS server, clients and the shared GPU claim)");
        }
        PodSpec pod = job.getPodTemplateSpec().getSpec();
        String target = CheckpointJobFactory.targetContainerName(job);

        Set<String> clients = new HashSet<>();
        clients.add(target);
        List<String> extras = gms.getExtraClientContainers() == null ? List.of() : gms.getExtraClientContainers();
        for (int i = 0; i < extras.size(); i++) {
            String name = extras.get(i);
            clients.add(name);
            if (indexOf(pod.getContainers(), name, Container::getName) < 0) {
                problems.add(EXTRA_CLIENTS + "[" + i + "]: Not found: " + Messages.quote(name)
                        + ": no container of " + POD + ".containers has this name");
            }
        }

        if (indexOf(pod.getVolumes(), GMS_CONTROL_VOLUME, Volume::getName) < 0) {
            problems.add(POD + ".volumes: Required value: volume " + GMS_CONTROL_VOLUME
                    + " (an emptyDir shared by " + GMS_SERVER_CONTAINER + " and its clients)");
        }

        int server = indexOf(pod.getInitContainers(), GMS_SERVER_CONTAINER, Container::getName);
        if (server < 0) {
            int misplaced = indexOf(pod.getContainers(), GMS_SERVER_CONTAINER, Container::getName);
            problems.add(POD + ".initContainers: Required value: " + GMS_SERVER_CONTAINER
                    + " (a restartable init container, restartPolicy " + SIDECAR_RESTART_POLICY + ")"
                    + (misplaced < 0 ? "" : "; it is in containers[" + misplaced + "], move it to initContainers"));
        } else {
            checkClient(problems, POD + ".initContainers[" + server + "]", pod.getInitContainers().get(server), true);
        }

        List<Container> containers = pod.getContainers() == null ? List.of() : pod.getContainers();
        for (int i = 0; i < containers.size(); i++) {
            if (clients.contains(containers.get(i).getName())) {
                checkClient(problems, POD + ".containers[" + i + "]", containers.get(i), false);
            }
        }

        if (indexOf(pod.getResourceClaims(), GMS_RESOURCE_CLAIM, PodResourceClaim::getName) < 0) {
            problems.add(POD + ".resourceClaims: Required value: " + GMS_RESOURCE_CLAIM
                    + " (the DRA claim whose GPUs " + GMS_SERVER_CONTAINER + " and its clients share)");
        }

        if (indexOf(containers, target, Container::getName) < 0) {
            problems.add(TARGET + ": Not found: " + Messages.quote(target) + ": no container of " + POD
                    + ".containers has this name");
        }
        return List.copyOf(problems);
    }

    /** One GMS participant: the server (an init container) or a client; fields in Container declaration order. */
    private static void checkClient(List<String> problems, String path, Container container, boolean server) {
        List<EnvVar> env = container.getEnv() == null ? List.of() : container.getEnv();
        int socketDir = indexOf(env, ENV_GMS_SOCKET_DIR, EnvVar::getName);
        if (socketDir < 0) {
            problems.add(path + ".env: Required value: " + ENV_GMS_SOCKET_DIR + "=" + GMS_CONTROL_MOUNT_PATH);
        } else if (!GMS_CONTROL_MOUNT_PATH.equals(env.get(socketDir).getValue())) {
            String value = env.get(socketDir).getValue() == null ? "" : env.get(socketDir).getValue();
            problems.add(path + ".env[" + socketDir + "].value: Invalid value: " + Messages.quote(value) + ": must be "
                    + GMS_CONTROL_MOUNT_PATH);
        }

        List<ResourceClaim> claims = container.getResources() == null ? null : container.getResources().getClaims();
        if (indexOf(claims, GMS_RESOURCE_CLAIM, ResourceClaim::getName) < 0) {
            problems.add(path + ".resources.claims: Required value: claim " + GMS_RESOURCE_CLAIM);
        }

        if (server && !SIDECAR_RESTART_POLICY.equals(container.getRestartPolicy())) {
            problems.add(container.getRestartPolicy() == null
                    ? path + ".restartPolicy: Required value: " + SIDECAR_RESTART_POLICY + " (" + GMS_SERVER_CONTAINER
                            + " serves its clients while they run)"
                    : path + ".restartPolicy: Invalid value: " + Messages.quote(container.getRestartPolicy())
                            + ": must be " + SIDECAR_RESTART_POLICY + " (" + GMS_SERVER_CONTAINER
                            + " serves its clients while they run)");
        }

        List<VolumeMount> mounts = container.getVolumeMounts() == null ? List.of() : container.getVolumeMounts();
        boolean mounted = mounts.stream().anyMatch(m ->
                GMS_CONTROL_VOLUME.equals(m.getName()) && GMS_CONTROL_MOUNT_PATH.equals(m.getMountPath()));
        int elsewhere = indexOf(mounts, GMS_CONTROL_VOLUME, VolumeMount::getName);
        if (!mounted && elsewhere < 0) {
            problems.add(path + ".volumeMounts: Required value: " + GMS_CONTROL_VOLUME + " at " + GMS_CONTROL_MOUNT_PATH);
        } else if (!mounted) {
            String at = mounts.get(elsewhere).getMountPath() == null ? "" : mounts.get(elsewhere).getMountPath();
            problems.add(path + ".volumeMounts[" + elsewhere + "].mountPath: Invalid value: " + Messages.quote(at)
                    + ": must be " + GMS_CONTROL_MOUNT_PATH);
        }
    }

    private static <T> int indexOf(List<T> list, String name, Function<T, String> nameOf) {
        if (list == null) {
            return -1;
        }
        for (int i = 0; i < list.size(); i++) {
            if (name.equals(nameOf.apply(list.get(i)))) {
                return i;
            }
        }
        return -1;
    }
}
