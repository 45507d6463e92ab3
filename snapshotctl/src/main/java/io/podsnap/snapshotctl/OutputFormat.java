package io.podsnap.snapshotctl;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** How a command prints its result on stdout: {@code key=value} lines, one JSON object, or one YAML mapping. */
public enum OutputFormat {
    text, json, yaml;

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    /**
     * Prints {@code result} (insertion-ordered). In text mode every entry is one {@code key=value} line; a list
     * value prints one {@code key=element} line per element.
     */
    void print(PrintWriter out, Map<String, Object> result) {
        switch (this) {
            case text -> {
                for (Map.Entry<String, Object> e : result.entrySet()) {
                    if (e.getValue() instanceof List<?> list) {
                        for (Object element : list) {
                            out.println(e.getKey() + "=" + element);
                        }
                    } else {
                        out.println(e.getKey() + "=" + e.getValue());
                    }
                }
            }
            case json -> out.println(SERIALIZATION.asJson(result));
            case yaml -> {
                String yaml = SERIALIZATION.asYaml(result);
                if (yaml.startsWith("---\n")) {
                    yaml = yaml.substring(4);
                }
                out.print(yaml.endsWith("\n") ? yaml : yaml + "\n");
            }
        }
        out.flush();
    }
}
