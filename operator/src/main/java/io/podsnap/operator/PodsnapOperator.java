package io.podsnap.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.podsnap.operator.config.InvalidOperatorConfigException;
import io.podsnap.operator.config.OperatorConfig;
import io.podsnap.operator.config.OperatorConfigLoader;
import io.podsnap.operator.runtime.HttpEndpoints;
import io.podsnap.operator.runtime.OperatorRuntime;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar podsnap-operator.jar}: loads the config ({@code docs/operator.md}), connects with fabric8's
 * auto-configuration (in-cluster service account, else {@code KUBECONFIG}), serves the probes and metrics, and
 * runs the reconcilers until SIGTERM.
 *
 * <p>Exit status: 0 after a SIGTERM, 1 when leadership is lost, 2 for an invalid configuration, 3 when the
 * operator cannot start (API server unreachable, RBAC, missing CRDs).
 */
public final class PodsnapOperator {
    private static final Logger log = LoggerFactory.getLogger(PodsnapOperator.class);

    static final int EXIT_BAD_CONFIG = 2;
    static final int EXIT_START_FAILED = 3;

    private PodsnapOperator() {}

    public static void main(String[] args) {
        if (args.length > 0) {
            System.err.println("podsnap-operator takes no arguments; configure it with " + OperatorConfigLoader.DEFAULT_PATH
                    + " (or " + OperatorConfigLoader.ENV_CONFIG_PATH + ") and the environment, see docs/operator.md");
            System.exit(EXIT_BAD_CONFIG);
        }
        Map<String, String> env = System.getenv();
        OperatorConfig config;
        try {
            config = OperatorConfigLoader.load(env);
        } catch (InvalidOperatorConfigException e) {
            log.error(e.getMessage());
            System.exit(EXIT_BAD_CONFIG);
            return;
        }

        var registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        bindProcessMetrics(registry);
        KubernetesClient client = new KubernetesClientBuilder()
                .withHttpClientFactory(new JdkHttpClientFactory())
                .build();
        OperatorRuntime runtime;
        HttpEndpoints http;
        try {
            runtime = OperatorRuntime.create(client, config, Clock.systemUTC(), registry);
            // The probes answer before the informers sync: /healthz is 200 and /readyz 503 while starting.
            http = HttpEndpoints.start(config.httpPort(), runtime::readiness, Optional.of(registry::scrape));
        } catch (RuntimeException e) {
            log.error("cannot create the operator: {}", e.getMessage(), e);
            client.close();
            System.exit(EXIT_START_FAILED);
            return;
        }
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("shutting down");
            runtime.stop();
            http.close();
            client.close();
            stopped.countDown();
        }, "podsnap-operator-shutdown"));

        log.info("starting podsnap-operator {}: api server {}, controllers {}, namespaces {}, checkpoints {}, "
                        + "GMS snapshots {}, seccomp profile {}, cleanup image {}, storage {}, leader election {}, "
                        + "http port {}",
                version(), client.getMasterUrl(), runtime.controllerNames(),
                config.watchNamespaces().isEmpty() ? "all" : config.watchNamespaces(),
                config.checkpointEnabled() ? "enabled" : "disabled",
                config.gmsSnapshotEnabled() ? "enabled" : "disabled",
                config.seccompProfile().isEmpty() ? "none" : config.seccompProfile(),
                config.cleanupImage(),
                config.storage().map(Object::toString).orElse("discovered from the snapshot-agent DaemonSet"),
                config.leaderElection() ? "Lease " + runtime.leaseNamespace() + "/" + config.leaderElectionLease()
                        + " as " + runtime.leaderIdentity() : "off",
                http.port());
        try {
            runtime.start();
        } catch (RuntimeException e) {
            log.error("the operator did not start: {}", e.getMessage(), e);
            System.exit(EXIT_START_FAILED);
            return;
        }
        log.info("started; {}", runtime.readiness().detail());
        // Not every thread that keeps the operator working is a non-daemon one (the JDK HTTP client's are
        // daemons): main waits for the shutdown hook rather than relying on thread flags.
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void bindProcessMetrics(PrometheusMeterRegistry registry) {
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry); // lives as long as the process
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    private static String version() {
        String v = PodsnapOperator.class.getPackage().getImplementationVersion();
        return v == null ? "(development build)" : v;
    }
}
