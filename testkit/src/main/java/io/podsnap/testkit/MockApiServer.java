package io.podsnap.testkit;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * fabric8's mock Kubernetes API server (7.5.2, CRUD mode) with the CRDs on the classpath registered, Server-Side
 * Apply emulated, fault injection and a request log. Start one per test ({@link #start()}, or {@link WithMockApi}),
 * use {@link #client()}, close it.
 *
 * <p><b>This is not Kubernetes.</b> It stores objects, bumps resourceVersion and generation, checks a PUT's
 * resourceVersion (409 when stale), drops {@code status} on create and on main-resource writes when the CRD has a
 * status subresource, honours finalizers and deletionTimestamp, and serves watches. It does NOT:
 * <ul>
 *   <li>validate against the CRD's OpenAPI schema or CEL rules (a CR missing a required field is accepted);</li>
 *   <li>apply schema defaults;</li>
 *   <li>garbage-collect objects whose owner was deleted (ownerReferences are stored, nothing more);</li>
 *   <li>run controllers: no Job controller (a Job never gets pods or a status), no scheduler, no kubelet (pods
 *       stay without nodeName or phase unless the test writes them);</li>
 *   <li>call admission or conversion webhooks;</li>
 *   <li>filter by set-based label selectors: {@code key in (a,b)} and {@code key notin (a)} are silently dropped,
 *       so the list is not filtered by them (equality, {@code !=}, {@code key} and {@code !key} do work);</li>
 *   <li>replace lists in a JSON merge patch: it <em>appends</em> array items where RFC 7386 replaces the array
 *       (finalizers [a] patched with [b] become [a, b]); strategic merge patch is refused with 415;</li>
 *   <li>return 409 for a PUT to {@code /status} with a stale resourceVersion (the status is written anyway);</li>
 *   <li>answer a PATCH with 200 (it says 202).</li>
 * </ul>
 * Our Server-Side Apply is an emulation, not real SSA (see {@code ServerSideApply}): GET, RFC 7386 merge, PUT. It
 * keeps no managedFields, tracks no field ownership, raises no conflicts between field managers, and does not remove
 * fields an applier stops sending. {@code MockDeviationsTest} pins the deviations a test can observe.
 *
 * <p>The {@link #client()} uses the JDK HTTP client with fabric8's retries turned off, so that each injected fault
 * reaches the caller: fabric8 otherwise retries 429 and 5xx answers up to 10 times with backoff.
 */
public final class MockApiServer implements AutoCloseable {
    /** The namespace {@link #client()} uses when a call names none. */
    public static final String DEFAULT_NAMESPACE = "test";

    private static final String CRD_COLLECTION = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";

    /**
     * The mock web server logs every request at INFO through java.util.logging, outside SLF4J and the tests' logback
     * configuration. The request log has the same facts. Held in a field: JUL keeps loggers only weakly, and a
     * collected logger forgets its level.
     */
    private static final Logger MOCK_WEB_SERVER_LOG = quiet(Logger.getLogger(MockWebServer.class.getName()));

    private final KubernetesMockServer server;
    private final MockApiDispatcher dispatcher;
    private final Faults faults = new Faults();
    private final RequestLog requests = new RequestLog();
    private final KubernetesSerialization serialization = new KubernetesSerialization();
    private final List<CustomResourceDefinition> crds = new CopyOnWriteArrayList<>();
    private final List<KubernetesClient> clients = new CopyOnWriteArrayList<>();
    private final KubernetesClient client;
    private volatile boolean closed;

    private MockApiServer() {
        Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
        this.dispatcher = new MockApiDispatcher(new KubernetesMixedDispatcher(expectations), faults, requests);
        this.server = new KubernetesMockServer(new Context(Serialization.jsonMapper()), new MockWebServer(),
                expectations, dispatcher, false);
        server.init();
        try {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            ClasspathCrds.load(loader != null ? loader : MockApiServer.class.getClassLoader(), serialization)
                    .forEach(this::registerCrd);
            this.client = newClient(UnaryOperator.identity());
        } catch (RuntimeException e) {
            server.destroy();
            throw e;
        }
    }

    /** A started server with every CRD under {@code META-INF/fabric8/*-v1.yml} on the classpath registered. */
    public static MockApiServer start() {
        return new MockApiServer();
    }

    /** The client bound to this server (JDK HTTP client, namespace {@value #DEFAULT_NAMESPACE}, no retries). */
    public KubernetesClient client() {
        return client;
    }

    /**
     * Another client, e.g. with retries: {@code newClient(c -> c.withRequestRetryBackoffLimit(3))}. The server
     * closes it on {@link #close()}.
     */
    public KubernetesClient newClient(UnaryOperator<ConfigBuilder> customizer) {
        Config base = new ConfigBuilder(Config.empty())
                .withMasterUrl(server.url("/"))
                .withNamespace(DEFAULT_NAMESPACE)
                .withTrustCerts(true)
                .withHttp2Disable(true)
                .withRequestRetryBackoffLimit(0)
                .build();
        KubernetesClient newClient = new KubernetesClientBuilder()
                .withConfig(customizer.apply(new ConfigBuilder(base)).build())
                .withHttpClientFactory(new JdkHttpClientFactory())
                .build();
        clients.add(newClient);
        return newClient;
    }

    /** The base URL, e.g. {@code http://localhost:12345/}, for clients built elsewhere. */
    public String url() {
        return server.url("/");
    }

    /**
     * Register a CRD as a cluster would: the CRD object is created (readable through the API) and each of its
     * versions becomes servable, with its scope and its status subresource. Registering a CRD of the same name
     * again replaces it.
     */
    public void registerCrd(CustomResourceDefinition crd) {
        String json = serialization.asJson(crd);
        MockResponse created = dispatcher.dispatchInternal(request(HttpMethod.POST, CRD_COLLECTION, json));
        if (created.code() == 409) {
            MockResponse replaced = dispatcher.dispatchInternal(
                    request(HttpMethod.PUT, CRD_COLLECTION + "/" + crd.getMetadata().getName(), json));
            check(replaced, crd);
        } else {
            check(created, crd);
        }
        // The mock's CRD processor only registers the storage version of a created CRD; serve every version.
        for (CustomResourceDefinitionVersion version : crd.getSpec().getVersions()) {
            dispatcher.expectCustomResource(new CustomResourceDefinitionContext.Builder()
                    .withName(crd.getMetadata().getName())
                    .withGroup(crd.getSpec().getGroup())
                    .withVersion(version.getName())
                    .withKind(crd.getSpec().getNames().getKind())
                    .withPlural(crd.getSpec().getNames().getPlural())
                    .withScope(crd.getSpec().getScope())
                    .withStatusSubresource(version.getSubresources() != null
                            && version.getSubresources().getStatus() != null)
                    .build());
        }
        crds.removeIf(c -> c.getMetadata().getName().equals(crd.getMetadata().getName()));
        crds.add(crd);
    }

    /** The registered CRDs: those from the classpath, then those given to {@link #registerCrd}. */
    public List<CustomResourceDefinition> crds() {
        return new ArrayList<>(crds);
    }

    /** Fault rules for this server. */
    public Faults faults() {
        return faults;
    }

    /** Every request clients sent. */
    public RequestLog requests() {
        return requests;
    }

    /** Every Server-Side Apply the emulation handled, in order. */
    public List<ApplyRequest> applies() {
        return dispatcher.ssa().applies();
    }

    /** The underlying fabric8 server, for what this class does not cover (e.g. {@code expect()} stubs). */
    public KubernetesMockServer kubernetesMockServer() {
        return server;
    }

    public boolean isClosed() {
        return closed;
    }

    /** Closes every client this server made, then stops the server. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        clients.forEach(KubernetesClient::close);
        server.destroy();
    }

    private static Logger quiet(Logger logger) {
        logger.setLevel(Level.WARNING);
        return logger;
    }

    private static void check(MockResponse response, CustomResourceDefinition crd) {
        if (response.code() >= 300) {
            throw new IllegalStateException("the mock refused CRD " + crd.getMetadata().getName() + ": HTTP "
                    + response.code() + " " + response.getBody().readUtf8());
        }
    }

    private static RecordedRequest request(HttpMethod method, String path, String json) {
        return new RecordedRequest("HTTP/1.1", method, path,
                Headers.builder().add("Content-Type", "application/json").build(),
                new Buffer(json.getBytes(StandardCharsets.UTF_8)));
    }
}
