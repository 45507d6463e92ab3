package io.podsnap.protocol.storage;

import static io.podsnap.protocol.WireNames.STORAGE_TYPE_PVC;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Where checkpoint artifacts live: a storage type, the PVC that holds them (when known) and the absolute base path
 * under which {@code <checkpointId>/versions/<version>} directories are created.
 *
 * @param type       storage type, {@code pvc} by default
 * @param pvcName    the PVC's name, or empty when not known (then restore pods do not mount it themselves)
 * @param basePath   normalised absolute base path (see {@link #normalizeBasePath})
 * @param accessMode who mounts the PVC
 */
public record Storage(String type, String pvcName, String basePath, AccessMode accessMode) {

    public Storage {
        type = type == null || type.isBlank() ? STORAGE_TYPE_PVC : type.trim();
        pvcName = pvcName == null ? "" : pvcName.trim();
        basePath = normalizeBasePath(basePath);
        accessMode = accessMode == null ? AccessMode.agentMount : accessMode;
    }

    /** PVC storage mounted by the agent (the discovered, default shape). */
    public static Storage pvc(String pvcName, String basePath) {
        return new Storage(STORAGE_TYPE_PVC, pvcName, basePath, AccessMode.agentMount);
    }

    public Storage withAccessMode(AccessMode mode) {
        return new Storage(type, pvcName, basePath, mode);
    }

    /** True when the PVC name is known, so restore pods can mount it as {@code checkpoint-storage}. */
    public boolean hasPvc() {
        return !pvcName.isEmpty();
    }

    /**
     * Normalises a base path the way the artifact layout expects it: absolute, lexically cleaned ({@code //}, {@code .}
     * and {@code ..} resolved; {@code ..} at the root stays at the root), trailing {@code /} trimmed, the root itself
     * stays {@code /}. Two spellings of one directory must give one artifact path, or a restore would look in the
     * wrong place.
     *
     * @throws IllegalArgumentException if the path is blank or relative
     */
    public static String normalizeBasePath(String path) {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("storage base path is empty; expected an absolute path such as /checkpoints");
        }
        String p = path.trim();
        if (!p.startsWith("/")) {
            throw new IllegalArgumentException("storage base path " + p + " is not absolute; expected a path starting with /");
        }
        Deque<String> parts = new ArrayDeque<>();
        for (String element : p.split("/")) {
            if (element.isEmpty() || element.equals(".")) {
                continue;
            }
            if (element.equals("..")) {
                parts.pollLast();
            } else {
                parts.addLast(element);
            }
        }
        return "/" + String.join("/", parts);
    }
}
