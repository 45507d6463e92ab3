package io.podsnap.operator.checkpoint;

import io.fabric8.kubernetes.api.model.PodResourceClaim;
import io.fabric8.kubernetes.api.model.resource.v1.ResourceClaim;
import io.fabric8.kubernetes.api.model.resource.v1.ResourceClaimTemplate;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.podsnap.api.v1alpha1.DynamoCheckpoint;
import java.util.HashMap;
import java.util.Map;

/**
 * The DRA objects a checkpoint's pod template refers to, read before its Job is built: the Job factory counts the
 * target's GPUs through them to decide on {@code cuda-checkpoint --launch-job}. Reading is the reconciler's job
 * (an edge); the factory stays pure. A missing object is simply absent here and the factory says which one.
 */
public record CheckpointDra(Map<String, ResourceClaimTemplate> templates, Map<String, ResourceClaim> claims) {

    public static final CheckpointDra NONE = new CheckpointDra(Map.of(), Map.of());

    public CheckpointDra {
        templates = Map.copyOf(templates);
        claims = Map.copyOf(claims);
    }

    /** Reads every ResourceClaimTemplate and ResourceClaim the checkpoint's pod template names, in its namespace. */
    public static CheckpointDra read(KubernetesClient client, DynamoCheckpoint checkpoint) {
        var job = checkpoint.getSpec() == null ? null : checkpoint.getSpec().getJob();
        var podSpec = job == null || job.getPodTemplateSpec() == null ? null : job.getPodTemplateSpec().getSpec();
        if (podSpec == null || podSpec.getResourceClaims() == null || podSpec.getResourceClaims().isEmpty()) {
            return NONE;
        }
        String namespace = checkpoint.getMetadata().getNamespace();
        Map<String, ResourceClaimTemplate> templates = new HashMap<>();
        Map<String, ResourceClaim> claims = new HashMap<>();
        for (PodResourceClaim claim : podSpec.getResourceClaims()) {
            String template = claim.getResourceClaimTemplateName();
            if (template != null && !template.isEmpty()) {
                var found = client.resources(ResourceClaimTemplate.class).inNamespace(namespace).withName(template).get();
                if (found != null) {
                    templates.put(template, found);
                }
            }
            String name = claim.getResourceClaimName();
            if (name != null && !name.isEmpty()) {
                var found = client.resources(ResourceClaim.class).inNamespace(namespace).withName(name).get();
                if (found != null) {
                    claims.put(name, found);
                }
            }
        }
        return new CheckpointDra(templates, claims);
    }
}
