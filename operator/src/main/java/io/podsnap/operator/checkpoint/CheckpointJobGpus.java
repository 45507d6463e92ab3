package io.podsnap.operator.checkpoint;

import static io.podsnap.protocol.WireNames.GMS_DEFAULT_DEVICE_CLASS;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodResourceClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.resource.v1.DeviceRequest;
import io.fabric8.kubernetes.api.model.resource.v1.DeviceSubRequest;
import io.fabric8.kubernetes.api.model.resource.v1.ExactDeviceRequest;
import io.fabric8.kubernetes.api.model.resource.v1.ResourceClaim;
import io.fabric8.kubernetes.api.model.resource.v1.ResourceClaimSpec;
import io.fabric8.kubernetes.api.model.resource.v1.ResourceClaimTemplate;
import io.podsnap.protocol.Messages;
import java.math.RoundingMode;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How many GPUs the checkpoint target container gets, which decides {@code cuda-checkpoint --launch-job} wrapping:
 * a process tree spread over more than one GPU must be checkpointed as one launch job, and only a wrapper started
 * before the workload can create it. Pure: the caller looks up the ResourceClaimTemplates and ResourceClaims the pod
 * refers to and passes them in.
 *
 * <p>The count comes from the {@code nvidia.com/gpu} extended resource when the container has one (a template
 * rendered for DRA has had it removed). Otherwise it is the sum of the device requests of the DRA claims the
 * container uses, counting only requests for the default GPU DeviceClass or the GMS spec's DeviceClass: the
 * operator cannot tell whether an arbitrary DeviceClass hands out GPUs, and a NIC or a CPU request must not cause
 * wrapping. The deprecated identity TP/PP sizes describe the model, not the pod, and play no part.
 */
public final class CheckpointJobGpus {
    private CheckpointJobGpus() {}

    /** The device-plugin GPU resource. */
    public static final String GPU_RESOURCE = "nvidia.com/gpu";
    static final String ALLOCATION_EXACT_COUNT = "ExactCount";
    static final String ALLOCATION_ALL = "All";

    /**
     * @param podSpec        the pod the target belongs to (its {@code resourceClaims} resolve the target's claims)
     * @param target         the checkpoint target container
     * @param namespace      the pod's namespace, for messages
     * @param gmsDeviceClass the GMS spec's DeviceClass, counted besides the default one; null or blank for none
     * @param templates      ResourceClaimTemplates of the namespace by name (at least those the pod refers to)
     * @param claims         ResourceClaims of the namespace by name (at least those the pod refers to)
     * @throws IllegalArgumentException when a claim the target uses cannot be resolved or counted; the message names
     *                                  the object and what to change
     */
    public static int count(PodSpec podSpec, Container target, String namespace, String gmsDeviceClass,
                            Map<String, ResourceClaimTemplate> templates, Map<String, ResourceClaim> claims) {
        ResourceRequirements resources = target.getResources();
        if (resources == null) {
            return 0;
        }
        int scalar = scalarGpus(resources);
        if (scalar > 0 || resources.getClaims() == null || resources.getClaims().isEmpty()) {
            return scalar;
        }
        Set<String> gpuClasses = new HashSet<>();
        gpuClasses.add(GMS_DEFAULT_DEVICE_CLASS);
        if (gmsDeviceClass != null && !gmsDeviceClass.isBlank()) {
            gpuClasses.add(gmsDeviceClass.trim());
        }
        int total = 0;
        // Two references to one claim (and request) share the same devices; counting both would double them.
        Set<String> seen = new LinkedHashSet<>();
        for (io.fabric8.kubernetes.api.model.ResourceClaim use : resources.getClaims()) {
            String request = use.getRequest() == null ? "" : use.getRequest();
            if (!seen.add(use.getName() + "\u0000" + request)) {
                continue;
            }
            PodResourceClaim podClaim = podClaim(podSpec, use.getName(), target.getName());
            total += countClaim(podClaim, request, namespace, gpuClasses, templates, claims);
        }
        return total;
    }

    private static int scalarGpus(ResourceRequirements resources) {
        Quantity q = resources.getLimits() == null ? null : resources.getLimits().get(GPU_RESOURCE);
        if (q == null && resources.getRequests() != null) {
            q = resources.getRequests().get(GPU_RESOURCE);
        }
        if (q == null) {
            return 0;
        }
        return q.getNumericalAmount().setScale(0, RoundingMode.CEILING).intValueExact();
    }

    private static PodResourceClaim podClaim(PodSpec podSpec, String name, String container) {
        if (podSpec.getResourceClaims() != null) {
            for (PodResourceClaim claim : podSpec.getResourceClaims()) {
                if (claim.getName() != null && claim.getName().equals(name)) {
                    return claim;
                }
            }
        }
        throw new IllegalArgumentException("container " + container + " uses resource claim " + Messages.quote(name)
                + ", but the pod template has no resourceClaims entry of that name; add it to "
                + "spec.job.podTemplateSpec.spec.resourceClaims");
    }

    private static int countClaim(PodResourceClaim podClaim, String request, String namespace, Set<String> gpuClasses,
                                  Map<String, ResourceClaimTemplate> templates, Map<String, ResourceClaim> claims) {
        String kind;
        String name;
        ResourceClaimSpec spec;
        if (notBlank(podClaim.getResourceClaimTemplateName())) {
            kind = "ResourceClaimTemplate";
            name = podClaim.getResourceClaimTemplateName();
            ResourceClaimTemplate template = templates.get(name);
            if (template == null) {
                throw notFound(kind, namespace, name, podClaim.getName());
            }
            spec = template.getSpec() == null ? null : template.getSpec().getSpec();
        } else if (notBlank(podClaim.getResourceClaimName())) {
            kind = "ResourceClaim";
            name = podClaim.getResourceClaimName();
            ResourceClaim claim = claims.get(name);
            if (claim == null) {
                throw notFound(kind, namespace, name, podClaim.getName());
            }
            spec = claim.getSpec();
        } else {
            throw new IllegalArgumentException("pod resource claim " + Messages.quote(podClaim.getName())
                    + " names neither a ResourceClaim nor a ResourceClaimTemplate; set resourceClaimTemplateName or "
                    + "resourceClaimName");
        }
        List<DeviceRequest> requests = spec == null || spec.getDevices() == null || spec.getDevices().getRequests() == null
                ? List.of() : spec.getDevices().getRequests();
        // A container may use a single request of the claim ("gpus", or "gpus/large" for one alternative of it).
        String wanted = request.contains("/") ? request.substring(0, request.indexOf('/')) : request;
        int total = 0;
        boolean found = wanted.isEmpty();
        for (DeviceRequest r : requests) {
            if (!wanted.isEmpty() && !wanted.equals(r.getName())) {
                continue;
            }
            found = true;
            total += countRequest(r, kind, namespace, name, gpuClasses);
        }
        if (!found) {
            throw new IllegalArgumentException("device request " + Messages.quote(wanted) + " was not found in " + kind
                    + " " + namespace + "/" + name + " (pod resource claim " + Messages.quote(podClaim.getName()) + ")");
        }
        return total;
    }

    private static int countRequest(DeviceRequest request, String kind, String namespace, String name,
                                    Set<String> gpuClasses) {
        ExactDeviceRequest exactly = request.getExactly();
        if (exactly != null) {
            return gpuClasses.contains(exactly.getDeviceClassName())
                    ? exactCount(exactly.getAllocationMode(), exactly.getCount(), request, kind, namespace, name) : 0;
        }
        // The scheduler picks one alternative; the largest GPU count among them is the one that may need wrapping.
        int most = 0;
        if (request.getFirstAvailable() != null) {
            for (DeviceSubRequest sub : request.getFirstAvailable()) {
                if (gpuClasses.contains(sub.getDeviceClassName())) {
                    most = Math.max(most, exactCount(sub.getAllocationMode(), sub.getCount(), request, kind, namespace, name));
                }
            }
        }
        return most;
    }

    private static int exactCount(String mode, Long count, DeviceRequest request, String kind, String namespace,
                                  String name) {
        if (mode == null || mode.isEmpty() || ALLOCATION_EXACT_COUNT.equals(mode)) {
            // The API server defaults an unset count to one device.
            return count == null || count == 0 ? 1 : Math.toIntExact(count);
        }
        String where = "device request " + Messages.quote(request.getName()) + " of " + kind + " " + namespace + "/" + name;
        if (ALLOCATION_ALL.equals(mode)) {
            throw new IllegalArgumentException(where + " uses allocationMode All, so the number of GPUs is only known "
                    + "after scheduling and the checkpoint cannot decide whether to run the target under "
                    + "cuda-checkpoint --launch-job; request an exact count instead");
        }
        throw new IllegalArgumentException(where + " has unsupported allocationMode " + Messages.quote(mode)
                + "; expected ExactCount or All");
    }

    private static IllegalArgumentException notFound(String kind, String namespace, String name, String podClaim) {
        return new IllegalArgumentException("failed to get " + kind + " " + namespace + "/" + name
                + " (pod resource claim " + Messages.quote(podClaim) + "): not found; the checkpoint counts the GPUs "
                + "of the target container from its device requests, so it must exist in namespace " + namespace);
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
