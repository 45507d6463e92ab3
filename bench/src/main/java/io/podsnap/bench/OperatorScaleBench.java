package io.podsnap.bench;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.podsnap.api.v1alpha1.DynamoCheckpoint;
import io.podsnap.api.v1alpha1.DynamoCheckpointIdentity;
import io.podsnap.api.v1alpha1.DynamoCheckpointJobConfig;
import io.podsnap.api.v1alpha1.DynamoCheckpointPhase;
import io.podsnap.api.v1alpha1.DynamoCheckpointSpec;
import io.podsnap.testkit.ApiRequest;
import io.podsnap.testkit.MockApiServer;
import io.podsnap.testkit.Verb;
import io.podsnap.testkit.sim.AgentSimulator;
import io.podsnap.testkit.sim.JobControllerSimulator;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Creates N DynamoCheckpoints against the mock API server, with the Job-controller and agent simulators standing in
 * for Kubernetes and the node agent, and a real podsnap-operator process (the shaded jar) reconciling them. Prints:
 * wall time until all are Ready, the operator's API writes per checkpoint, its live heap after the run (jcmd after
 * a full GC, so the mock server's memory is not counted), and the same number of plain writes issued back to back
 * by one client as the baseline measured in this run.
 *
 * <p>Usage: {@code make bench-operator} (or {@code java -cp ... io.podsnap.bench.OperatorScaleBench [N]}).
 */
public final class OperatorScaleBench {
    private static final String NAMESPACE = "bench";
    private static final String NODE = "bench-node";
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);
    private static final double TARGET_WALL_SECONDS = 60;
    private static final double TARGET_WRITES_PER_CHECKPOINT = 15;
    private static final double TARGET_HEAP_MIB = 256;

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        Path operatorJar = Path.of(System.getProperty("podsnap.operatorJar", "operator/target/podsnap-operator.jar"));
        if (!Files.isRegularFile(operatorJar)) {
            throw new IllegalStateException(operatorJar + " not found: build it first (make build)");
        }
        try (MockApiServer api = MockApiServer.start();
             JobControllerSimulator jobs = JobControllerSimulator.start(api.client(), NODE);
             AgentSimulator agent = AgentSimulator.start(api.client(), NODE)) {
            KubernetesClient client = api.client();
            int httpPort = freePort();
            Process operator = OperatorProcess.start(operatorJar, api.url(), NAMESPACE, httpPort);
            try {
                waitReady(httpPort, operator);
                api.requests().clear();

                long start = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    client.resources(DynamoCheckpoint.class).inNamespace(NAMESPACE).resource(checkpoint(i)).create();
                }
                long created = System.nanoTime();
                int[] counts = waitAllReady(client, n);
                long done = System.nanoTime();

                long operatorWrites = api.requests().all().stream().filter(OperatorScaleBench::isOperatorWrite).count();
                double heapMiB = OperatorProcess.liveHeapMiB(operator.pid());
                double wall = (done - start) / 1e9;

                // Baseline, same run, same server: as many plain writes as the operator made, back to back.
                long baseStart = System.nanoTime();
                for (long i = 0; i < operatorWrites; i++) {
                    client.configMaps().inNamespace("baseline").resource(new ConfigMapBuilder().withNewMetadata()
                            .withName("cm-" + i).endMetadata().addToData("k", "v").build()).create();
                }
                double baseline = (System.nanoTime() - baseStart) / 1e9;

                System.out.printf("operator scale bench: %d DynamoCheckpoints, mock API server, simulated Job controller and agent%n", n);
                System.out.printf("  created all in               %8.2f s%n", (created - start) / 1e9);
                System.out.printf("  all Ready after              %8.2f s   (target < %.0f s)   ready=%d failed=%d%n",
                        wall, TARGET_WALL_SECONDS, counts[0], counts[1]);
                System.out.printf("  operator API writes          %8d     = %.1f per checkpoint (target <= %.0f)%n",
                        operatorWrites, operatorWrites / (double) n, TARGET_WRITES_PER_CHECKPOINT);
                System.out.printf("  operator live heap after GC  %8.1f MiB (target < %.0f MiB)%n", heapMiB, TARGET_HEAP_MIB);
                System.out.printf("  baseline: %d plain writes    %8.2f s   -> operator/baseline = %.2f%n",
                        operatorWrites, baseline, wall / baseline);
                boolean ok = counts[1] == 0 && counts[0] == n && wall < TARGET_WALL_SECONDS
                        && operatorWrites / (double) n <= TARGET_WRITES_PER_CHECKPOINT && heapMiB < TARGET_HEAP_MIB;
                System.out.println("  operator writes per checkpoint, by kind:");
                api.requests().all().stream().filter(OperatorScaleBench::isOperatorWrite)
                        .collect(java.util.stream.Collectors.groupingBy(
                                r -> r.verb() + " " + r.resource() + (r.subresource() == null ? "" : "/" + r.subresource()),
                                java.util.TreeMap::new, java.util.stream.Collectors.counting()))
                        .forEach((kind, count) -> System.out.printf("    %-40s %6.2f%n", kind, count / (double) n));
                System.out.println(ok ? "  all targets met" : "  TARGETS MISSED");
                if (!ok) {
                    System.exit(1);
                }
            } finally {
                operator.destroy();
                operator.waitFor();
            }
        }
    }

    /** Writes by the operator: everything except what the bench and the simulators write. */
    static boolean isOperatorWrite(ApiRequest r) {
        if (!r.isWrite()) {
            return false;
        }
        boolean status = "status".equals(r.subresource());
        return switch (r.resource()) {
            case "pods" -> false;                                   // the Job simulator's pods
            case "jobs" -> !status;                                 // the Job simulator writes Job status
            case "podsnapshotcontents" -> !status;                  // the agent simulator writes content status
            case "dynamocheckpoints" -> !(r.verb() == Verb.POST);   // the bench creates them
            case "configmaps" -> false;                             // the baseline
            default -> true;
        };
    }

    static DynamoCheckpoint checkpoint(int i) {
        DynamoCheckpointIdentity identity = new DynamoCheckpointIdentity();
        identity.setModel("bench/model-" + i);
        identity.setBackendFramework("vllm");
        DynamoCheckpointJobConfig job = new DynamoCheckpointJobConfig();
        job.setPodTemplateSpec(new PodTemplateSpecBuilder().withNewSpec()
                .addNewContainer().withName("main").withImage("workload:1").withCommand("/serve").endContainer()
                .endSpec().build());
        DynamoCheckpointSpec spec = new DynamoCheckpointSpec();
        spec.setIdentity(identity);
        spec.setJob(job);
        DynamoCheckpoint ckpt = new DynamoCheckpoint();
        ckpt.getMetadata().setName("ckpt-" + i);
        ckpt.getMetadata().setNamespace(NAMESPACE);
        ckpt.setSpec(spec);
        return ckpt;
    }

    /** {ready, failed} once every checkpoint is Ready or one failed; throws on timeout. */
    private static int[] waitAllReady(KubernetesClient client, int n) throws InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (true) {
            List<DynamoCheckpoint> all = client.resources(DynamoCheckpoint.class).inNamespace(NAMESPACE).list().getItems();
            int ready = 0;
            int failed = 0;
            for (DynamoCheckpoint c : all) {
                DynamoCheckpointPhase phase = c.getStatus() == null ? null : c.getStatus().getPhase();
                if (phase == DynamoCheckpointPhase.Ready) {
                    ready++;
                } else if (phase == DynamoCheckpointPhase.Failed) {
                    failed++;
                    System.err.println("failed: " + c.getMetadata().getName() + ": " + c.getStatus().getMessage());
                }
            }
            if (ready + failed == n) {
                return new int[] {ready, failed};
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out: " + ready + " of " + n + " Ready after " + READY_TIMEOUT);
            }
            Thread.sleep(200);
        }
    }

    private static void waitReady(int port, Process operator) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!operator.isAlive()) {
                throw new IllegalStateException("the operator exited with " + operator.exitValue());
            }
            try {
                var response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the operator did not become ready within 60 s");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** The operator as a child process, as it runs in production: its own JVM, its own heap. */
    static final class OperatorProcess {
        private static final Pattern USED = Pattern.compile("used (\\d+)K");

        static Process start(Path jar, String apiUrl, String namespace, int httpPort) throws IOException {
            Path config = Files.createTempFile("podsnap-operator", ".yaml");
            Files.writeString(config, String.join("\n",
                    "leaderElection:",
                    "  enabled: false",
                    "httpPort: " + httpPort,
                    ""), StandardCharsets.UTF_8);
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder pb = new ProcessBuilder(java, "-XX:+UseG1GC", "-jar", jar.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(Path.of("bench-operator.log").toFile()));
            Map<String, String> env = pb.environment();
            env.put("PODSNAP_OPERATOR_CONFIG", config.toString());
            env.put("PODSNAP_LOG_LEVEL", "WARN");
            env.put("KUBERNETES_MASTER", apiUrl);
            env.put("KUBERNETES_TRUST_CERTIFICATES", "true");
            env.put("KUBERNETES_AUTH_TRYKUBECONFIG", "false");
            env.put("KUBERNETES_AUTH_TRYSERVICEACCOUNT", "false");
            env.put("KUBERNETES_NAMESPACE", namespace);
            return pb.start();
        }

        /** Live heap: run a full GC in the operator's JVM, then read what is still used. */
        static double liveHeapMiB(long pid) throws IOException, InterruptedException {
            run("jcmd", Long.toString(pid), "GC.run");
            String info = run("jcmd", Long.toString(pid), "GC.heap_info");
            Matcher m = USED.matcher(info);
            if (!m.find()) {
                throw new IllegalStateException("cannot read the heap from jcmd: " + info);
            }
            return Long.parseLong(m.group(1)) / 1024.0;
        }

        private static String run(String... command) throws IOException, InterruptedException {
            String jcmd = Path.of(System.getProperty("java.home"), "bin", command[0]).toString();
            command[0] = jcmd;
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
            }
            return out;
        }
    }
}
