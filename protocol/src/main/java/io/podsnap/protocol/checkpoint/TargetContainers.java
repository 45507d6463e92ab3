package io.podsnap.protocol.checkpoint;

import static io.podsnap.protocol.WireNames.ANNOTATION_TARGET_CONTAINERS;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code nvidia.com/snapshot-target-containers} annotation: comma-separated container names, trimmed. The agent
 * derives one annotation key per name ({@code restore-status.<name>}), so an empty or repeated name would make two
 * restores race on one key: both are rejected rather than silently dropped.
 */
public final class TargetContainers {
    private TargetContainers() {}

    /**
     * Parses the annotation value into the names in their written order.
     *
     * @throws IllegalArgumentException if the value is missing or blank, has an empty entry, or repeats a name
     */
    public static List<String> parse(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(ANNOTATION_TARGET_CONTAINERS
                    + " is empty; expected one or more comma-separated container names");
        }
        String[] entries = value.split(",", -1);
        List<String> names = new ArrayList<>(entries.length);
        for (int i = 0; i < entries.length; i++) {
            String name = entries[i].trim();
            if (name.isEmpty()) {
                throw new IllegalArgumentException(ANNOTATION_TARGET_CONTAINERS + " \"" + value
                        + "\" has an empty container name at position " + (i + 1));
            }
            if (names.contains(name)) {
                throw new IllegalArgumentException(ANNOTATION_TARGET_CONTAINERS + " \"" + value
                        + "\" lists container " + name + " more than once");
            }
            names.add(name);
        }
        return List.copyOf(names);
    }

    /** Parses the annotation from an object's annotations (which may be null). */
    public static List<String> fromAnnotations(Map<String, String> annotations) {
        return parse(annotations == null ? null : annotations.get(ANNOTATION_TARGET_CONTAINERS));
    }

    /**
     * Formats names as the annotation value ({@code a,b}); the result parses back to the same trimmed list.
     *
     * @throws IllegalArgumentException if the list is empty, or a name is blank, contains a comma, or repeats
     */
    public static String format(List<String> names) {
        if (names == null || names.isEmpty()) {
            throw new IllegalArgumentException(ANNOTATION_TARGET_CONTAINERS
                    + " needs at least one container name, got none");
        }
        List<String> trimmed = new ArrayList<>(names.size());
        for (String name : names) {
            String t = name == null ? "" : name.trim();
            if (t.isEmpty()) {
                throw new IllegalArgumentException(ANNOTATION_TARGET_CONTAINERS + " " + names
                        + " has an empty container name at position " + (trimmed.size() + 1));
            }
            if (t.contains(",")) {
                throw new IllegalArgumentException(ANNOTATION_TARGET_CONTAINERS + " container name \"" + t
                        + "\" contains a comma");
            }
            if (trimmed.contains(t)) {
                throw new IllegalArgumentException(ANNOTATION_TARGET_CONTAINERS + " " + names
                        + " lists container " + t + " more than once");
            }
            trimmed.add(t);
        }
        return String.join(",", trimmed);
    }
}
