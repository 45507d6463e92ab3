package io.podsnap.protocol.checkpoint;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Set-by-name edits of a pod spec's named lists (volumes, volume mounts, env): the entry with the given name is
 * replaced in place when it differs, or appended when absent. Every shaping step in the protocol is built from these,
 * which is what makes the builders idempotent: applying a shape twice leaves one entry, in its original position.
 * Each method mutates its argument and returns whether anything changed.
 */
public final class PodSpecEdits {
    private PodSpecEdits() {}

    public static boolean setVolume(PodSpec podSpec, Volume volume) {
        List<Volume> list = copy(podSpec.getVolumes());
        boolean changed = set(list, volume, Volume::getName);
        podSpec.setVolumes(list);
        return changed;
    }

    /** Keyed by the mount's volume name: the protocol mounts each of its volumes once per container. */
    public static boolean setVolumeMount(Container container, VolumeMount mount) {
        List<VolumeMount> list = copy(container.getVolumeMounts());
        boolean changed = set(list, mount, VolumeMount::getName);
        container.setVolumeMounts(list);
        return changed;
    }

    public static boolean setEnv(Container container, String name, String value) {
        List<EnvVar> list = copy(container.getEnv());
        boolean changed = set(list, new EnvVar(name, value, null), EnvVar::getName);
        container.setEnv(list);
        return changed;
    }

    /** The volume of that name, or null. */
    public static Volume findVolume(PodSpec podSpec, String name) {
        return find(podSpec.getVolumes(), name, Volume::getName);
    }

    /** The first mount of the named volume, or null. */
    public static VolumeMount findVolumeMount(Container container, String volumeName) {
        return find(container.getVolumeMounts(), volumeName, VolumeMount::getName);
    }

    /** The env var of that name, or null. */
    public static EnvVar findEnv(Container container, String name) {
        return find(container.getEnv(), name, EnvVar::getName);
    }

    /** The container of that name, or null. */
    public static Container findContainer(PodSpec podSpec, String name) {
        return find(podSpec.getContainers(), name, Container::getName);
    }

    private static <T> boolean set(List<T> list, T wanted, Function<T, String> name) {
        for (int i = 0; i < list.size(); i++) {
            if (name.apply(wanted).equals(name.apply(list.get(i)))) {
                if (wanted.equals(list.get(i))) {
                    return false;
                }
                list.set(i, wanted);
                return true;
            }
        }
        list.add(wanted);
        return true;
    }

    private static <T> T find(List<T> list, String wanted, Function<T, String> name) {
        if (list == null) {
            return null;
        }
        for (T item : list) {
            if (wanted.equals(name.apply(item))) {
                return item;
            }
        }
        return null;
    }

    private static <T> List<T> copy(List<T> list) {
        return list == null ? new ArrayList<>() : new ArrayList<>(list);
    }
}
