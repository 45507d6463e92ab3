package io.podsnap.operator.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.podsnap.protocol.Messages;
import io.podsnap.protocol.WireNames;
import io.podsnap.protocol.naming.Dns1123;
import io.podsnap.protocol.storage.StorageFromConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@link OperatorConfig} from a YAML file and the environment ({@code docs/operator.md} documents every key).
 * Strict: an unknown key, a value of the wrong type or a value the operator could not use fails the load with the
 * key's full path, so a typo in the ConfigMap stops the pod at start instead of silently falling back to a default.
 *
 * <p>Precedence, per setting: the environment variable when it is set and non-blank, then the file, then the
 * default. A key present with no value ({@code seccomp:}) means "not set", as in the Go operator.
 */
public final class OperatorConfigLoader {
    private static final Logger log = LoggerFactory.getLogger(OperatorConfigLoader.class);

    public static final String DEFAULT_PATH = "/etc/podsnap/operator.yaml";
    /** Path of the config file; when set, the file must exist. */
    public static final String ENV_CONFIG_PATH = "PODSNAP_OPERATOR_CONFIG";
    /** Comma-separated namespaces to watch; overrides {@code watchNamespaces}. */
    public static final String ENV_WATCH_NAMESPACE = "WATCH_NAMESPACE";
    /** The operator's own namespace (downward API); default of {@code leaderElection.namespace}. */
    public static final String ENV_POD_NAMESPACE = "POD_NAMESPACE";
    /** Internal gate for GPU-memory-service checkpoints, as in the Go operator: {@code 1} turns it on. */
    public static final String ENV_ALLOW_GMS_SNAPSHOT = "DYN_OPERATOR_ALLOW_GMS_SNAPSHOT";

    /**
     * Every key of the file, as a dotted path, parents before children. {@code docs/operator.md} documents each one
     * (a test checks), and a key not listed here is refused.
     */
    public static final List<String> KEYS = List.of(
            "watchNamespaces",
            "checkpoint",
            "checkpoint.enabled",
            "checkpoint.seccomp",
            "checkpoint.seccomp.disabled",
            "checkpoint.seccomp.profile",
            "checkpoint.cleanupImage",
            "checkpoint.storage",
            "checkpoint.storage.type",
            "checkpoint.storage.accessMode",
            "checkpoint.storage.pvc",
            "checkpoint.storage.pvc.pvcName",
            "checkpoint.storage.pvc.basePath",
            "leaderElection",
            "leaderElection.enabled",
            "leaderElection.leaseName",
            "leaderElection.namespace",
            "httpPort");

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private OperatorConfigLoader() {}

    /**
     * Loads the file named by {@value #ENV_CONFIG_PATH} (which must exist), else {@value #DEFAULT_PATH} (defaults
     * when absent, e.g. running outside the chart), then applies the environment.
     *
     * @throws InvalidOperatorConfigException naming every problem
     */
    public static OperatorConfig load(Map<String, String> env) {
        String configured = blankToNull(env.get(ENV_CONFIG_PATH));
        Path path = Path.of(configured != null ? configured : DEFAULT_PATH);
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            if (configured != null) {
                throw new InvalidOperatorConfigException(path.toString(), List.of("file not found (named by "
                        + ENV_CONFIG_PATH + ")"));
            }
            log.info("no operator config file at {}; using defaults and the environment", path);
            text = "";
        } catch (IOException e) {
            throw new InvalidOperatorConfigException(path.toString(), List.of("cannot read: " + e));
        }
        return parse(text, path.toString(), env);
    }

    /**
     * Parses config file text and applies the environment.
     *
     * @param source names the file in error messages
     * @throws InvalidOperatorConfigException naming every problem
     */
    public static OperatorConfig parse(String yaml, String source, Map<String, String> env) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JacksonException e) {
            throw new InvalidOperatorConfigException(source, List.of("not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")")));
        }
        var reader = new Reader();
        OperatorConfig config = reader.read(root, env);
        if (!reader.problems.isEmpty()) {
            throw new InvalidOperatorConfigException(source, reader.problems);
        }
        return config;
    }

    /** Walks the tree once, collecting every problem instead of stopping at the first. */
    private static final class Reader {
        final List<String> problems = new ArrayList<>();

        OperatorConfig read(JsonNode root, Map<String, String> env) {
            OperatorConfig defaults = OperatorConfig.defaults();
            ObjectNode top;
            if (root == null || root.isMissingNode() || root.isNull()) {
                top = YAML.createObjectNode();
            } else if (root instanceof ObjectNode object) {
                top = object;
            } else {
                problems.add("the document must be a mapping of keys, found " + describe(root));
                return defaults;
            }
            knownKeys(top, "");

            Set<String> watchNamespaces = namespaces(stringList(top, "", "watchNamespaces").orElse(List.of()),
                    "watchNamespaces");
            String watchEnv = blankToNull(env.get(ENV_WATCH_NAMESPACE));
            if (watchEnv != null) {
                watchNamespaces = namespaces(Arrays.asList(watchEnv.split(",", -1)), "env " + ENV_WATCH_NAMESPACE);
            }

            ObjectNode checkpoint = object(top, "", "checkpoint").orElse(YAML.createObjectNode());
            knownKeys(checkpoint, "checkpoint");
            boolean checkpointEnabled = bool(checkpoint, "checkpoint", "enabled").orElse(defaults.checkpointEnabled());
            String seccompProfile = seccomp(object(checkpoint, "checkpoint", "seccomp"));
            String cleanupImage = string(checkpoint, "checkpoint", "cleanupImage")
                    .map(image -> image(image, "checkpoint.cleanupImage"))
                    .orElse(OperatorConfig.DEFAULT_CLEANUP_IMAGE);
            Optional<StorageFromConfig.Config> storage = storage(object(checkpoint, "checkpoint", "storage"));

            boolean gms = gmsGate(env.get(ENV_ALLOW_GMS_SNAPSHOT));

            ObjectNode election = object(top, "", "leaderElection").orElse(YAML.createObjectNode());
            knownKeys(election, "leaderElection");
            boolean electionEnabled = bool(election, "leaderElection", "enabled").orElse(defaults.leaderElection());
            String leaseName = string(election, "leaderElection", "leaseName")
                    .map(name -> subdomain(name, "leaderElection.leaseName"))
                    .orElse(OperatorConfig.DEFAULT_LEADER_ELECTION_LEASE);
            String leaseNamespace = string(election, "leaderElection", "namespace")
                    .map(ns -> label(ns, "leaderElection.namespace"))
                    .orElseGet(() -> Optional.ofNullable(blankToNull(env.get(ENV_POD_NAMESPACE)))
                            .map(ns -> label(ns.trim(), "env " + ENV_POD_NAMESPACE))
                            .orElse(""));

            int httpPort = integer(top, "", "httpPort").map(port -> {
                if (port < 1 || port > 65535) {
                    problems.add("httpPort: must be a port number 1..65535, found " + port);
                }
                return port;
            }).orElse(OperatorConfig.DEFAULT_HTTP_PORT);

            return new OperatorConfig(watchNamespaces, checkpointEnabled, gms, seccompProfile, cleanupImage, storage,
                    electionEnabled, leaseName, leaseNamespace, httpPort);
        }

        /** Absent → the io_uring-blocking default; {@code disabled: true} → none (OpenShift, io_uring-capable CRIU). */
        private String seccomp(Optional<ObjectNode> node) {
            if (node.isEmpty()) {
                return WireNames.SECCOMP_PROFILE_BLOCK_IOURING;
            }
            String path = "checkpoint.seccomp";
            knownKeys(node.get(), path);
            boolean disabled = bool(node.get(), path, "disabled").orElse(false);
            Optional<String> profile = string(node.get(), path, "profile");
            if (disabled) {
                if (profile.isPresent()) {
                    problems.add(path + ": disabled is true and profile is " + Messages.quote(profile.get())
                            + "; set one of them");
                }
                return "";
            }
            return profile.map(p -> {
                // The kubelet resolves a Localhost profile under its seccomp root and refuses absolute paths and "..".
                if (p.startsWith("/") || Arrays.asList(p.split("/")).contains("..")) {
                    problems.add(path + ".profile: must be a path relative to the kubelet's seccomp directory "
                            + "without \"..\" (e.g. " + WireNames.SECCOMP_PROFILE_BLOCK_IOURING + "), found "
                            + Messages.quote(p));
                }
                return p;
            }).orElse(WireNames.SECCOMP_PROFILE_BLOCK_IOURING);
        }

        /**
         * Resolved here only to fail at start: the reconciler resolves it again per checkpoint. A storage that
         * resolves to "not configured" (nothing set, or only an s3/oci type) is kept empty so that the operator
         * discovers the storage from the snapshot-agent DaemonSet, as the Go operator does.
         */
        private Optional<StorageFromConfig.Config> storage(Optional<ObjectNode> node) {
            if (node.isEmpty()) {
                return Optional.empty();
            }
            String path = "checkpoint.storage";
            knownKeys(node.get(), path);
            String type = string(node.get(), path, "type").orElse("");
            String accessMode = string(node.get(), path, "accessMode").orElse("");
            ObjectNode pvc = object(node.get(), path, "pvc").orElse(YAML.createObjectNode());
            knownKeys(pvc, path + ".pvc");
            String pvcName = string(pvc, path + ".pvc", "pvcName").orElse("");
            String basePath = string(pvc, path + ".pvc", "basePath").orElse("");
            var config = new StorageFromConfig.Config(type, accessMode, pvcName, basePath);
            try {
                if (StorageFromConfig.resolve(config).isEmpty()) {
                    if (!type.isBlank()) {
                        log.warn("checkpoint.storage.type {} is recognised but not implemented; the storage is "
                                + "discovered from the snapshot-agent DaemonSet", type);
                    }
                    return Optional.empty();
                }
            } catch (IllegalArgumentException e) {
                problems.add(path + ": " + e.getMessage());
                return Optional.empty();
            }
            return Optional.of(config);
        }

        private boolean gmsGate(String value) {
            String v = value == null ? "" : value.trim();
            return switch (v) {
                case "1", "true" -> true;
                case "", "0", "false" -> false;
                default -> {
                    problems.add("env " + ENV_ALLOW_GMS_SNAPSHOT + ": must be 1 (on) or 0 (off), found "
                            + Messages.quote(v));
                    yield false;
                }
            };
        }

        private Set<String> namespaces(List<String> names, String where) {
            Set<String> result = new LinkedHashSet<>();
            for (String name : names) {
                String n = name.trim();
                if (!n.isEmpty()) {
                    result.add(label(n, where));
                }
            }
            return result;
        }

        private String label(String value, String where) {
            List<String> errors = Dns1123.labelErrors(value);
            if (!errors.isEmpty()) {
                problems.add(where + ": " + Messages.quote(value) + " is not a namespace name: "
                        + String.join("; ", errors));
            }
            return value;
        }

        private String subdomain(String value, String where) {
            List<String> errors = Dns1123.subdomainErrors(value);
            if (!errors.isEmpty()) {
                problems.add(where + ": " + Messages.quote(value) + " is not a valid object name: "
                        + String.join("; ", errors));
            }
            return value;
        }

        private String image(String value, String where) {
            if (value.chars().anyMatch(Character::isWhitespace)) {
                problems.add(where + ": an image reference has no whitespace, found " + Messages.quote(value));
            }
            return value;
        }

        private void knownKeys(ObjectNode node, String path) {
            String prefix = path.isEmpty() ? "" : path + ".";
            List<String> keys = KEYS.stream()
                    .filter(k -> k.startsWith(prefix) && k.indexOf('.', prefix.length()) < 0)
                    .map(k -> k.substring(prefix.length()))
                    .toList();
            node.fieldNames().forEachRemaining(key -> {
                if (!keys.contains(key)) {
                    problems.add(join(path, key) + ": unknown key (known keys" + (path.isEmpty() ? "" : " under "
                            + path) + ": " + String.join(", ", keys) + ")");
                }
            });
        }

        private Optional<ObjectNode> object(ObjectNode parent, String path, String key) {
            JsonNode value = parent.get(key);
            if (value == null || value.isNull()) {
                return Optional.empty();
            }
            if (value instanceof ObjectNode object) {
                return Optional.of(object);
            }
            problems.add(join(path, key) + ": expected a mapping, found " + describe(value));
            return Optional.empty();
        }

        private Optional<Boolean> bool(ObjectNode parent, String path, String key) {
            JsonNode value = parent.get(key);
            if (value == null || value.isNull()) {
                return Optional.empty();
            }
            if (value.isBoolean()) {
                return Optional.of(value.booleanValue());
            }
            problems.add(join(path, key) + ": expected true or false, found " + describe(value));
            return Optional.empty();
        }

        /** A blank string counts as not set: the chart renders unset values as "". */
        private Optional<String> string(ObjectNode parent, String path, String key) {
            JsonNode value = parent.get(key);
            if (value == null || value.isNull()) {
                return Optional.empty();
            }
            if (value.isTextual()) {
                return Optional.ofNullable(blankToNull(value.textValue())).map(String::trim);
            }
            problems.add(join(path, key) + ": expected a string, found " + describe(value));
            return Optional.empty();
        }

        private Optional<Integer> integer(ObjectNode parent, String path, String key) {
            JsonNode value = parent.get(key);
            if (value == null || value.isNull()) {
                return Optional.empty();
            }
            if (value.isIntegralNumber() && value.canConvertToInt()) {
                return Optional.of(value.intValue());
            }
            problems.add(join(path, key) + ": expected an integer, found " + describe(value));
            return Optional.empty();
        }

        private Optional<List<String>> stringList(ObjectNode parent, String path, String key) {
            JsonNode value = parent.get(key);
            if (value == null || value.isNull()) {
                return Optional.empty();
            }
            if (!value.isArray()) {
                problems.add(join(path, key) + ": expected a list of strings, found " + describe(value));
                return Optional.empty();
            }
            List<String> items = new ArrayList<>();
            for (int i = 0; i < value.size(); i++) {
                JsonNode item = value.get(i);
                if (item.isTextual()) {
                    items.add(item.textValue());
                } else {
                    problems.add(join(path, key) + "[" + i + "]: expected a string, found " + describe(item));
                }
            }
            return Optional.of(items);
        }
    }

    private static String describe(JsonNode node) {
        if (node.isTextual()) {
            return "the string " + Messages.quote(node.textValue());
        }
        if (node.isBoolean()) {
            return "the boolean " + node.booleanValue();
        }
        if (node.isNumber()) {
            return "the number " + node.numberValue();
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isObject()) {
            return "a mapping";
        }
        return node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
