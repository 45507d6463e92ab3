package io.podsnap.operator.runtime;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.javaoperatorsdk.operator.processing.Controller;
import io.micrometer.core.instrument.MeterRegistry;
import io.podsnap.api.v1alpha1.DynamoCheckpoint;
import io.podsnap.operator.checkpoint.DynamoCheckpointReconciler;
import io.podsnap.operator.config.OperatorConfig;
import io.podsnap.operator.events.EventRecorder;
import io.podsnap.operator.events.KubernetesEventRecorder;
import io.podsnap.operator.metrics.OperatorMetrics;
import io.podsnap.operator.podsnapshot.PodSnapshotReconciler;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator process minus {@code main}: a JOSDK {@link Operator} with both reconcilers registered, the event
 * recorder, metrics and leader election wired from the {@link OperatorConfig}. {@link #start()} blocks until the
 * informers have synced; {@link #stop()} is idempotent and safe from a shutdown hook.
 *
 * <p>Server-Side Apply is off for primary-resource patches and dependent matching: the reconcilers write with
 * update/merge-patch, which is also the only path the mock API server tests can exercise (docs/testing.md).
 */
public final class OperatorRuntime {
    private static final Logger log = LoggerFactory.getLogger(OperatorRuntime.class);

    /** {@code source.component} / {@code reportingComponent} of the Events the operator writes. */
    public static final String EVENT_COMPONENT = "podsnap-operator";

    private enum State { CREATED, STARTING, STARTED, STOPPED, FAILED }

    /**
     * What differs between the real process and a test.
     *
     * @param leaderIdentity   holder identity written into the leader Lease; unique per replica
     * @param onLostLeadership runs when this replica loses the Lease while running (not on {@link #stop()}). The
     *                         process must then stop reconciling at once, or two replicas would reconcile together.
     */
    public record Options(String leaderIdentity, Runnable onLostLeadership) {
        public Options {
            Objects.requireNonNull(leaderIdentity, "leaderIdentity");
            Objects.requireNonNull(onLostLeadership, "onLostLeadership");
        }

        /**
         * Identity from {@code POD_NAME}, else {@code HOSTNAME} (the pod name in Kubernetes), else a random UUID;
         * losing the Lease exits the JVM with status 1 so that Kubernetes restarts the pod as a standby.
         */
        public static Options defaults(Map<String, String> env) {
            String identity = Stream.of(env.get("POD_NAME"), env.get("HOSTNAME"))
                    .filter(s -> s != null && !s.isBlank())
                    .findFirst()
                    .orElseGet(() -> UUID.randomUUID().toString());
            return new Options(identity, () -> System.exit(1));
        }

        public Options withLeaderIdentity(String identity) {
            return new Options(identity, onLostLeadership);
        }

        public Options withOnLostLeadership(Runnable action) {
            return new Options(leaderIdentity, action);
        }
    }

    private final KubernetesClient client;
    private final Operator operator;
    private final OperatorConfig config;
    private final EventRecorder events;
    private final Options options;
    private final String leaseNamespace;
    private final AtomicReference<State> state = new AtomicReference<>(State.CREATED);
    private volatile boolean leader;

    private OperatorRuntime(KubernetesClient client, Operator operator, OperatorConfig config, EventRecorder events,
                            Options options, String leaseNamespace) {
        this.client = client;
        this.operator = operator;
        this.config = config;
        this.events = events;
        this.options = options;
        this.leaseNamespace = leaseNamespace;
    }

    /** {@link #create(KubernetesClient, OperatorConfig, Clock, MeterRegistry, Options)} with the process defaults. */
    public static OperatorRuntime create(KubernetesClient client, OperatorConfig config, Clock clock,
                                         MeterRegistry registry) {
        return create(client, config, clock, registry, Options.defaults(System.getenv()));
    }

    /**
     * Builds the operator without starting it. The client stays the caller's: stopping the runtime does not close
     * it.
     *
     * @throws IllegalArgumentException when leader election is on and no Lease namespace is known (config, env
     *                                  {@code POD_NAMESPACE} and the client's namespace are all empty)
     */
    public static OperatorRuntime create(KubernetesClient client, OperatorConfig config, Clock clock,
                                         MeterRegistry registry, Options options) {
        String leaseNamespace = config.leaderElectionNamespace() == null || config.leaderElectionNamespace().isBlank()
                ? client.getNamespace() : config.leaderElectionNamespace();
        if (config.leaderElection() && (leaseNamespace == null || leaseNamespace.isBlank())) {
            throw new IllegalArgumentException("leader election is on but its Lease namespace is unknown: set "
                    + "leaderElection.namespace or POD_NAMESPACE, or turn leaderElection.enabled off");
        }
        var runtime = new AtomicReference<OperatorRuntime>();
        LeaderCallbacks callbacks = new LeaderCallbacks(
                () -> runtime.get().startedLeading(),
                () -> runtime.get().stoppedLeading(),
                newLeader -> log.info("leader Lease {}/{} is held by {}", leaseNamespace,
                        config.leaderElectionLease(), newLeader));
        Operator operator = new Operator(o -> {
            o.withKubernetesClient(client)
                    .withCloseClientOnStop(false)
                    .withUseSSAToPatchPrimaryResource(false)
                    .withSSABasedCreateUpdateMatchForDependentResources(false)
                    .withMetrics(MicrometerMetrics.newMicrometerMetricsBuilder(registry)
                            .notCollectingMetricsPerResource()
                            .build());
            if (config.leaderElection()) {
                // JOSDK would System.exit(1) itself on losing the Lease, including on our own stop(); the callback
                // below exits only on a real loss and lets tests observe it instead.
                o.withLeaderElectionConfiguration(LeaderElectionConfigurationBuilder
                        .aLeaderElectionConfiguration(config.leaderElectionLease())
                        .withLeaseNamespace(leaseNamespace)
                        .withIdentity(options.leaderIdentity())
                        .withLeaderCallbacks(callbacks)
                        .withExitOnStopLeading(false)
                        .build());
            }
        });
        EventRecorder events = new KubernetesEventRecorder(client, EVENT_COMPONENT, clock);
        operator.register(new DynamoCheckpointReconciler(config, events, clock), namespaces(config));
        operator.register(new PodSnapshotReconciler(events, clock), namespaces(config));

        var created = new OperatorRuntime(client, operator, config, events, options, leaseNamespace);
        runtime.set(created);
        // Without leader election this replica is the only one and reconciles as soon as it starts.
        created.leader = !config.leaderElection();
        OperatorMetrics.registerCheckpointPhases(registry, created::cachedCheckpoints);
        OperatorMetrics.registerLeader(registry, created::isLeader);
        return created;
    }

    private static <R extends io.fabric8.kubernetes.api.model.HasMetadata>
            Consumer<ControllerConfigurationOverrider<R>> namespaces(OperatorConfig config) {
        return o -> {
            if (!config.watchNamespaces().isEmpty()) {
                o.settingNamespaces(Set.copyOf(config.watchNamespaces()));
            }
        };
    }

    /**
     * Starts the informers (and, without leader election or once leading, reconciliation). Blocks until every
     * informer has listed its resources.
     *
     * @throws io.javaoperatorsdk.operator.OperatorException when an informer cannot start (RBAC, a missing CRD)
     */
    public void start() {
        if (!state.compareAndSet(State.CREATED, State.STARTING)) {
            throw new IllegalStateException("the runtime was already started (state " + state.get() + ")");
        }
        try {
            operator.start();
            state.set(State.STARTED);
        } catch (RuntimeException e) {
            state.set(State.FAILED);
            throw e;
        }
    }

    /**
     * Stops reconciling (waiting for running reconciles up to JOSDK's termination timeout), stops the informers and
     * releases the leader Lease. Idempotent.
     */
    public void stop() {
        State previous = state.getAndSet(State.STOPPED);
        if (previous == State.STOPPED || previous == State.CREATED) {
            return;
        }
        boolean wasLeader = leader;
        operator.stop();
        leader = false;
        if (config.leaderElection() && wasLeader) {
            releaseLease();
        }
    }

    /**
     * JOSDK leaves the Lease held on stop (it builds fabric8's elector with releaseOnCancel off), so a standby would
     * wait out the whole lease duration. Reconciling has stopped by now; handing the Lease over at once makes a
     * rolling update fail over in one retry period. The update carries our resourceVersion: if another replica took
     * the Lease meanwhile the write conflicts and theirs stands.
     */
    private void releaseLease() {
        var leases = client.leases().inNamespace(leaseNamespace).withName(config.leaderElectionLease());
        try {
            Lease lease = leases.get();
            if (lease == null || lease.getSpec() == null
                    || !options.leaderIdentity().equals(lease.getSpec().getHolderIdentity())) {
                return;
            }
            ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
            lease.getSpec().setHolderIdentity(null);
            lease.getSpec().setLeaseDurationSeconds(1);
            lease.getSpec().setAcquireTime(now);
            lease.getSpec().setRenewTime(now);
            client.leases().inNamespace(leaseNamespace).resource(lease).update();
            log.info("released the leader Lease {}/{}", leaseNamespace, config.leaderElectionLease());
        } catch (KubernetesClientException e) {
            // Not releasing only delays the next leader by the lease duration; shutdown goes on.
            log.warn("could not release the leader Lease {}/{} (the next leader takes it when it expires): {}",
                    leaseNamespace, config.leaderElectionLease(), e.getMessage());
        }
    }

    /**
     * Ready when started and every informer of both controllers is watching and synced. A standby replica (not
     * holding the Lease) is ready too: its caches are warm and it takes over without a restart, and a rolling
     * update must be able to count it as available.
     */
    public Readiness readiness() {
        State s = state.get();
        if (s != State.STARTED) {
            return Readiness.notReady("operator " + s.name().toLowerCase(java.util.Locale.ROOT));
        }
        var info = operator.getRuntimeInfo();
        if (!info.allEventSourcesAreHealthy()) {
            return Readiness.notReady("event sources not healthy: " + info.unhealthyEventSources().keySet());
        }
        return Readiness.ready(config.leaderElection()
                ? (leader ? "ready (leader " + options.leaderIdentity() + ")"
                        : "ready (standby " + options.leaderIdentity() + ")")
                : "ready");
    }

    /** Whether this replica reconciles: it holds the Lease, or leader election is off. */
    public boolean isLeader() {
        return leader;
    }

    public Operator operator() {
        return operator;
    }

    public EventRecorder events() {
        return events;
    }

    public OperatorConfig config() {
        return config;
    }

    public String leaderIdentity() {
        return options.leaderIdentity();
    }

    /** The namespace of the leader Lease: the configured one, else the client's. */
    public String leaseNamespace() {
        return leaseNamespace;
    }

    /** The names of the registered controllers, for the startup log and tests. */
    public List<String> controllerNames() {
        return operator.getRegisteredControllers().stream()
                .map(c -> c.getConfiguration().getName())
                .sorted()
                .toList();
    }

    /**
     * The DynamoCheckpoints in JOSDK's informer cache (empty before start): the phase gauge reads them without an
     * API call or a second watch.
     */
    @SuppressWarnings("unchecked")
    Stream<DynamoCheckpoint> cachedCheckpoints() {
        State s = state.get();
        if (s != State.STARTED) {
            return Stream.empty();
        }
        return operator.getRegisteredController(DynamoCheckpointReconciler.NAME)
                .filter(Controller.class::isInstance)
                .map(c -> ((Controller<DynamoCheckpoint>) c).getEventSourceManager().getControllerEventSource().list())
                .orElseGet(Stream::empty);
    }

    private void startedLeading() {
        leader = true;
        log.info("took the leader Lease {}/{} as {}; reconciling", leaseNamespace, config.leaderElectionLease(),
                options.leaderIdentity());
    }

    private void stoppedLeading() {
        leader = false;
        if (state.get() == State.STOPPED) {
            return; // our own stop(): it releases the Lease
        }
        // Another replica may already be reconciling: continuing here would run two reconcilers on one object.
        log.error("lost the leader Lease {}/{} as {}; stopping so that only the new leader reconciles",
                leaseNamespace, config.leaderElectionLease(), options.leaderIdentity());
        options.onLostLeadership().run();
    }
}
