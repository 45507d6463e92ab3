package io.podsnap.operator.checkpoint;

import static io.podsnap.protocol.WireNames.LABEL_DGD_NAME;
import static io.podsnap.protocol.WireNames.LABEL_DYNAMO_COMPONENT_TYPE;
import static io.podsnap.protocol.WireNames.LABEL_DYNAMO_NAMESPACE;
import static io.podsnap.protocol.WireNames.LABEL_DYNAMO_WORKER_HASH;
import static io.podsnap.protocol.WireNames.PODINFO_MOUNT_PATH;
import static io.podsnap.protocol.WireNames.PODINFO_VOLUME;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.DownwardAPIVolumeFile;
import io.fabric8.kubernetes.api.model.DownwardAPIVolumeFileBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.podsnap.protocol.checkpoint.PodSpecEdits;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code podinfo} downward-API volume of a checkpoint pod. A restored process keeps the environment of the pod
 * it was dumped in, so the workload reads its current identity (pod name, UID, namespace, Dynamo namespace and
 * component) from these files instead: the kubelet rewrites them for whichever pod the process is running in.
 * File names and field paths are what Dynamo workloads read (operator doc §2).
 */
public final class CheckpointJobPodInfo {
    private CheckpointJobPodInfo() {}

    /** File name → downward-API field path, in the order they appear in the volume. */
    public static final Map<String, String> FILES = files();

    private static Map<String, String> files() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("pod_name", "metadata.name");
        files.put("pod_uid", "metadata.uid");
        files.put("pod_namespace", "metadata.namespace");
        files.put("dyn_namespace", label(LABEL_DYNAMO_NAMESPACE));
        files.put("dyn_namespace_worker_suffix", label(LABEL_DYNAMO_WORKER_HASH));
        files.put("dyn_component", label(LABEL_DYNAMO_COMPONENT_TYPE));
        files.put("dyn_parent_dgd_k8s_name", label(LABEL_DGD_NAME));
        // A DGD's pods live in the DGD's namespace, so the pod's own namespace is the parent's.
        files.put("dyn_parent_dgd_k8s_namespace", "metadata.namespace");
        return Collections.unmodifiableMap(files);
    }

    private static String label(String key) {
        return "metadata.labels['" + key + "']";
    }

    /** The canonical volume. */
    public static Volume volume() {
        return new VolumeBuilder()
                .withName(PODINFO_VOLUME)
                .withNewDownwardAPI().withItems(items(List.of())).endDownwardAPI()
                .build();
    }

    /**
     * Ensures the volume on the pod and its read-only mount on {@code target}. A template's own downward-API volume
     * of that name keeps its extra files and gets the missing canonical ones; any other source under the name is
     * replaced, since the workload expects these files there. Idempotent; mutates its arguments.
     */
    public static void ensure(PodSpec podSpec, Container target) {
        Volume existing = PodSpecEdits.findVolume(podSpec, PODINFO_VOLUME);
        Volume wanted = existing != null && existing.getDownwardAPI() != null
                ? new VolumeBuilder(existing).editDownwardAPI()
                        .withItems(items(existing.getDownwardAPI().getItems())).endDownwardAPI().build()
                : volume();
        PodSpecEdits.setVolume(podSpec, wanted);
        PodSpecEdits.setVolumeMount(target, new VolumeMountBuilder()
                .withName(PODINFO_VOLUME)
                .withMountPath(PODINFO_MOUNT_PATH)
                .withReadOnly(true)
                .build());
    }

    /** The template's items with each canonical file set to its canonical field, others kept in place. */
    private static List<DownwardAPIVolumeFile> items(List<DownwardAPIVolumeFile> existing) {
        List<DownwardAPIVolumeFile> items = new ArrayList<>(existing == null ? List.of() : existing);
        FILES.forEach((path, fieldPath) -> {
            DownwardAPIVolumeFile file = new DownwardAPIVolumeFileBuilder()
                    .withPath(path)
                    .withNewFieldRef().withApiVersion("v1").withFieldPath(fieldPath).endFieldRef()
                    .build();
            int at = indexOf(items, path);
            if (at < 0) {
                items.add(file);
            } else {
                items.set(at, file);
            }
        });
        return items;
    }

    private static int indexOf(List<DownwardAPIVolumeFile> items, String path) {
        for (int i = 0; i < items.size(); i++) {
            if (path.equals(items.get(i).getPath())) {
                return i;
            }
        }
        return -1;
    }
}
