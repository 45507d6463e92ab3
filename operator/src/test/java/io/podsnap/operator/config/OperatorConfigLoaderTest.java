package io.podsnap.operator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.podsnap.protocol.WireNames;
import io.podsnap.protocol.storage.StorageFromConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class OperatorConfigLoaderTest {

    /** What an empty file and an empty environment give: the defaults, Lease namespace left to the client. */
    private static final OperatorConfig BASE = new OperatorConfig(Set.of(), true, false,
            WireNames.SECCOMP_PROFILE_BLOCK_IOURING, OperatorConfig.DEFAULT_CLEANUP_IMAGE, Optional.empty(), true,
            OperatorConfig.DEFAULT_LEADER_ELECTION_LEASE, "", OperatorConfig.DEFAULT_HTTP_PORT);

    record Valid(String name, String yaml, Map<String, String> env, UnaryOperator<OperatorConfig> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Valid> valid() {
        return Stream.of(
                new Valid("empty file gives the defaults", "", Map.of(), c -> c),
                new Valid("comments only give the defaults", "# nothing set\n", Map.of(), c -> c),
                new Valid("explicit nulls mean not set", """
                        watchNamespaces:
                        checkpoint:
                          seccomp:
                          storage:
                        leaderElection:
                        httpPort:
                        """, Map.of(), c -> c),

                // watchNamespaces / WATCH_NAMESPACE
                new Valid("watchNamespaces from the file", "watchNamespaces: [team-a, team-b]\n", Map.of(),
                        c -> c.withWatchNamespaces(Set.of("team-a", "team-b"))),
                new Valid("empty watchNamespaces list watches all", "watchNamespaces: []\n", Map.of(), c -> c),
                new Valid("WATCH_NAMESPACE overrides the file", "watchNamespaces: [team-a]\n",
                        Map.of("WATCH_NAMESPACE", "team-c"), c -> c.withWatchNamespaces(Set.of("team-c"))),
                new Valid("WATCH_NAMESPACE is a comma list; spaces and empty items are dropped", "",
                        Map.of("WATCH_NAMESPACE", " team-a, ,team-b,"),
                        c -> c.withWatchNamespaces(Set.of("team-a", "team-b"))),
                new Valid("blank WATCH_NAMESPACE keeps the file's namespaces", "watchNamespaces: [team-a]\n",
                        Map.of("WATCH_NAMESPACE", "  "), c -> c.withWatchNamespaces(Set.of("team-a"))),

                // checkpoint.enabled
                new Valid("checkpoint.enabled false turns checkpoints off", "checkpoint: {enabled: false}\n",
                        Map.of(), c -> c.withCheckpointEnabled(false)),
                new Valid("checkpoint.enabled true is the default", "checkpoint: {enabled: true}\n", Map.of(), c -> c),

                // GMS gate
                new Valid("DYN_OPERATOR_ALLOW_GMS_SNAPSHOT=1 turns GMS snapshots on", "",
                        Map.of("DYN_OPERATOR_ALLOW_GMS_SNAPSHOT", "1"), c -> c.withGmsSnapshotEnabled(true)),
                new Valid("DYN_OPERATOR_ALLOW_GMS_SNAPSHOT=true turns GMS snapshots on", "",
                        Map.of("DYN_OPERATOR_ALLOW_GMS_SNAPSHOT", "true"), c -> c.withGmsSnapshotEnabled(true)),
                new Valid("DYN_OPERATOR_ALLOW_GMS_SNAPSHOT=0 leaves GMS snapshots off", "",
                        Map.of("DYN_OPERATOR_ALLOW_GMS_SNAPSHOT", "0"), c -> c),
                new Valid("empty DYN_OPERATOR_ALLOW_GMS_SNAPSHOT leaves GMS snapshots off", "",
                        Map.of("DYN_OPERATOR_ALLOW_GMS_SNAPSHOT", ""), c -> c),

                // checkpoint.seccomp
                new Valid("empty seccomp mapping keeps the default profile", "checkpoint: {seccomp: {}}\n",
                        Map.of(), c -> c),
                new Valid("seccomp.disabled removes the profile", "checkpoint: {seccomp: {disabled: true}}\n",
                        Map.of(), c -> c.withSeccompProfile("")),
                new Valid("seccomp.disabled false keeps the default profile",
                        "checkpoint: {seccomp: {disabled: false}}\n", Map.of(), c -> c),
                new Valid("seccomp.profile replaces the default", """
                        checkpoint:
                          seccomp:
                            profile: profiles/custom.json
                        """, Map.of(), c -> c.withSeccompProfile("profiles/custom.json")),
                new Valid("empty seccomp.profile keeps the default", "checkpoint: {seccomp: {profile: \"\"}}\n",
                        Map.of(), c -> c),

                // checkpoint.cleanupImage
                new Valid("cleanupImage replaces busybox", "checkpoint: {cleanupImage: registry.local/tools:2}\n",
                        Map.of(), c -> c.withCleanupImage("registry.local/tools:2")),
                new Valid("empty cleanupImage keeps busybox", "checkpoint: {cleanupImage: \"\"}\n", Map.of(), c -> c),

                // checkpoint.storage
                new Valid("pvc storage is kept for the reconciler", """
                        checkpoint:
                          storage:
                            type: pvc
                            accessMode: podMount
                            pvc:
                              pvcName: snapshot-pvc
                              basePath: /checkpoints
                        """, Map.of(),
                        c -> c.withStorage(new StorageFromConfig.Config("pvc", "podMount", "snapshot-pvc",
                                "/checkpoints"))),
                new Valid("agentInject storage needs no PVC name", """
                        checkpoint:
                          storage: {accessMode: agentInject, pvc: {basePath: /checkpoints}}
                        """, Map.of(),
                        c -> c.withStorage(new StorageFromConfig.Config("", "agentInject", "", "/checkpoints"))),
                new Valid("s3 storage alone falls back to discovery", "checkpoint: {storage: {type: s3}}\n",
                        Map.of(), c -> c),
                new Valid("all-blank storage (as the chart renders it) falls back to discovery", """
                        checkpoint:
                          storage: {type: "", accessMode: "", pvc: {pvcName: "", basePath: ""}}
                        """, Map.of(), c -> c),

                // leaderElection
                new Valid("leaderElection.enabled false", "leaderElection: {enabled: false}\n", Map.of(),
                        c -> c.withLeaderElection(false)),
                new Valid("leaseName and namespace from the file",
                        "leaderElection: {leaseName: podsnap-leader, namespace: podsnap-system}\n", Map.of(),
                        c -> c.withLeaderElection("podsnap-leader", "podsnap-system")),
                new Valid("Lease namespace defaults to POD_NAMESPACE", "",
                        Map.of("POD_NAMESPACE", "podsnap-system"),
                        c -> c.withLeaderElection(OperatorConfig.DEFAULT_LEADER_ELECTION_LEASE, "podsnap-system")),
                new Valid("the file's Lease namespace wins over POD_NAMESPACE",
                        "leaderElection: {namespace: elsewhere}\n", Map.of("POD_NAMESPACE", "podsnap-system"),
                        c -> c.withLeaderElection(OperatorConfig.DEFAULT_LEADER_ELECTION_LEASE, "elsewhere")),

                // httpPort
                new Valid("httpPort from the file", "httpPort: 9090\n", Map.of(), c -> c.withHttpPort(9090)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void loads(Valid c) {
        OperatorConfig loaded = OperatorConfigLoader.parse(c.yaml(), "operator.yaml", c.env());
        assertThat(loaded).isEqualTo(c.expected().apply(BASE));
    }

    record Invalid(String name, String yaml, Map<String, String> env, List<String> messageParts) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Invalid invalid(String name, String yaml, String... parts) {
        return new Invalid(name, yaml, Map.of(), List.of(parts));
    }

    private static Invalid invalidEnv(String name, Map<String, String> env, String... parts) {
        return new Invalid(name, "", env, List.of(parts));
    }

    static Stream<Invalid> invalid() {
        return Stream.of(
                invalid("text that is not YAML", "checkpoint: [\n", "not valid YAML"),
                invalid("a document that is a list", "- a\n- b\n", "the document must be a mapping", "a list"),
                invalid("a document that is a scalar", "hello\n", "the document must be a mapping"),
                invalid("a duplicated key", "httpPort: 1\nhttpPort: 2\n", "not valid YAML", "httpPort"),

                invalid("an unknown top-level key", "watchNamespace: [a]\n",
                        "watchNamespace: unknown key (known keys: watchNamespaces, checkpoint, leaderElection, httpPort)"),
                invalid("an unknown key under checkpoint", "checkpoint: {enable: true}\n",
                        "checkpoint.enable: unknown key (known keys under checkpoint: enabled, seccomp, cleanupImage,"
                                + " storage)"),
                invalid("an unknown key under seccomp", "checkpoint: {seccomp: {profil: a.json}}\n",
                        "checkpoint.seccomp.profil: unknown key"),
                invalid("an unknown key under storage", "checkpoint: {storage: {size: 1Ti}}\n",
                        "checkpoint.storage.size: unknown key"),
                invalid("a PVC setting the operator does not take", "checkpoint: {storage: {pvc: {create: true}}}\n",
                        "checkpoint.storage.pvc.create: unknown key (known keys under checkpoint.storage.pvc: pvcName,"
                                + " basePath)"),
                invalid("an unknown key under leaderElection", "leaderElection: {leaseDuration: 15}\n",
                        "leaderElection.leaseDuration: unknown key"),

                invalid("watchNamespaces as a string", "watchNamespaces: team-a\n",
                        "watchNamespaces: expected a list of strings, found the string \"team-a\""),
                invalid("a watchNamespaces item that is a number", "watchNamespaces: [team-a, 7]\n",
                        "watchNamespaces[1]: expected a string, found the number 7"),
                invalid("a watchNamespaces item that is not a namespace name", "watchNamespaces: [Team_A]\n",
                        "watchNamespaces: \"Team_A\" is not a namespace name"),
                invalid("checkpoint as a list", "checkpoint: [a]\n", "checkpoint: expected a mapping, found a list"),
                invalid("checkpoint.enabled as a string", "checkpoint: {enabled: \"on please\"}\n",
                        "checkpoint.enabled: expected true or false, found the string \"on please\""),
                invalid("checkpoint.enabled as a number", "checkpoint: {enabled: 1}\n",
                        "checkpoint.enabled: expected true or false, found the number 1"),
                invalid("seccomp as a string", "checkpoint: {seccomp: off}\n",
                        "checkpoint.seccomp: expected a mapping"),
                invalid("seccomp.disabled as a string", "checkpoint: {seccomp: {disabled: \"yes\"}}\n",
                        "checkpoint.seccomp.disabled: expected true or false"),
                invalid("seccomp disabled and a profile", "checkpoint: {seccomp: {disabled: true, profile: a.json}}\n",
                        "checkpoint.seccomp: disabled is true and profile is \"a.json\"; set one of them"),
                invalid("an absolute seccomp profile", "checkpoint: {seccomp: {profile: /var/lib/a.json}}\n",
                        "checkpoint.seccomp.profile: must be a path relative to the kubelet's seccomp directory"),
                invalid("a seccomp profile leaving the seccomp directory",
                        "checkpoint: {seccomp: {profile: ../a.json}}\n", "checkpoint.seccomp.profile: must be a path"),
                invalid("seccomp.profile as a number", "checkpoint: {seccomp: {profile: 3}}\n",
                        "checkpoint.seccomp.profile: expected a string, found the number 3"),
                invalid("cleanupImage with a space", "checkpoint: {cleanupImage: \"busybox 1.36\"}\n",
                        "checkpoint.cleanupImage: an image reference has no whitespace"),
                invalid("cleanupImage as a mapping", "checkpoint: {cleanupImage: {name: busybox}}\n",
                        "checkpoint.cleanupImage: expected a string, found a mapping"),

                invalid("an unsupported storage type", "checkpoint: {storage: {type: nfs}}\n",
                        "checkpoint.storage: checkpoint storage type nfs is not supported: only pvc is implemented"),
                invalid("a relative storage base path",
                        "checkpoint: {storage: {type: pvc, pvc: {pvcName: p, basePath: checkpoints}}}\n",
                        "checkpoint.storage: checkpoint storage:"),
                invalid("pvc storage without a PVC name", "checkpoint: {storage: {pvc: {basePath: /checkpoints}}}\n",
                        "checkpoint.storage: checkpoint storage: pvcName is required"),
                invalid("an unknown storage access mode",
                        "checkpoint: {storage: {accessMode: hostMount, pvc: {pvcName: p, basePath: /c}}}\n",
                        "checkpoint.storage: unknown storage access mode hostMount"),
                invalid("storage.pvc as a string", "checkpoint: {storage: {pvc: snapshot-pvc}}\n",
                        "checkpoint.storage.pvc: expected a mapping"),
                invalid("storage.type as a boolean", "checkpoint: {storage: {type: true}}\n",
                        "checkpoint.storage.type: expected a string, found the boolean true"),

                invalid("leaderElection.enabled as a string", "leaderElection: {enabled: \"false\"}\n",
                        "leaderElection.enabled: expected true or false, found the string \"false\""),
                invalid("a leaseName that is not an object name", "leaderElection: {leaseName: Leader!}\n",
                        "leaderElection.leaseName: \"Leader!\" is not a valid object name"),
                invalid("a Lease namespace that is not a namespace name", "leaderElection: {namespace: a.b}\n",
                        "leaderElection.namespace: \"a.b\" is not a namespace name: must not contain dots"),

                invalid("httpPort 0", "httpPort: 0\n", "httpPort: must be a port number 1..65535, found 0"),
                invalid("httpPort above 65535", "httpPort: 70000\n", "httpPort: must be a port number 1..65535"),
                invalid("httpPort as a string", "httpPort: \"8080\"\n",
                        "httpPort: expected an integer, found the string \"8080\""),
                invalid("httpPort as a fraction", "httpPort: 80.5\n", "httpPort: expected an integer, found the number"),

                invalidEnv("a WATCH_NAMESPACE item that is not a namespace name",
                        Map.of("WATCH_NAMESPACE", "team-a,TEAM-B"), "env WATCH_NAMESPACE: \"TEAM-B\" is not a namespace"),
                invalidEnv("a DYN_OPERATOR_ALLOW_GMS_SNAPSHOT that is not 1 or 0",
                        Map.of("DYN_OPERATOR_ALLOW_GMS_SNAPSHOT", "yes"),
                        "env DYN_OPERATOR_ALLOW_GMS_SNAPSHOT: must be 1 (on) or 0 (off), found \"yes\""),
                invalidEnv("a POD_NAMESPACE that is not a namespace name", Map.of("POD_NAMESPACE", "Kube_System"),
                        "env POD_NAMESPACE: \"Kube_System\" is not a namespace name"),

                invalid("every problem at once, not just the first", """
                        httpPort: x
                        checkpoint: {enabled: 2, color: red}
                        """, "(3 problems)", "httpPort: expected an integer", "checkpoint.enabled: expected true",
                        "checkpoint.color: unknown key"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void rejects(Invalid c) {
        assertThatThrownBy(() -> OperatorConfigLoader.parse(c.yaml(), "/etc/podsnap/operator.yaml", c.env()))
                .isInstanceOf(InvalidOperatorConfigException.class)
                .hasMessageStartingWith("invalid operator config /etc/podsnap/operator.yaml")
                .satisfies(e -> assertThat(e.getMessage()).contains(c.messageParts()));
    }

    @Test
    void loadsTheFileNamedByPodsnapOperatorConfig(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("operator.yaml"), "checkpoint: {enabled: false}\n");

        OperatorConfig config = OperatorConfigLoader.load(Map.of("PODSNAP_OPERATOR_CONFIG", file.toString(),
                "WATCH_NAMESPACE", "team-a"));

        assertThat(config).isEqualTo(BASE.withCheckpointEnabled(false).withWatchNamespaces(Set.of("team-a")));
    }

    @Test
    void aFileNamedByPodsnapOperatorConfigMustExist(@TempDir Path dir) {
        Path missing = dir.resolve("missing.yaml");

        assertThatThrownBy(() -> OperatorConfigLoader.load(Map.of("PODSNAP_OPERATOR_CONFIG", missing.toString())))
                .isInstanceOf(InvalidOperatorConfigException.class)
                .hasMessage("invalid operator config " + missing + ": file not found (named by PODSNAP_OPERATOR_CONFIG)");
    }

    @Test
    void errorsNameTheFileTheyCameFrom(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("operator.yaml"), "httpPort: 0\n");

        assertThatThrownBy(() -> OperatorConfigLoader.load(Map.of("PODSNAP_OPERATOR_CONFIG", file.toString())))
                .hasMessage("invalid operator config " + file + ": httpPort: must be a port number 1..65535, found 0");
    }

    @Test
    void noDefaultFileMeansDefaultsAndEnvironment() {
        Assumptions.assumeFalse(Files.exists(Path.of(OperatorConfigLoader.DEFAULT_PATH)),
                "this machine has a real " + OperatorConfigLoader.DEFAULT_PATH);

        assertThat(OperatorConfigLoader.load(Map.of("POD_NAMESPACE", "podsnap-system")))
                .isEqualTo(BASE.withLeaderElection(OperatorConfig.DEFAULT_LEADER_ELECTION_LEASE, "podsnap-system"));
    }
}
