package io.podsnap.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.CustomResourceAware;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.Resetable;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Sits in front of fabric8's CRUD dispatcher: logs each client request, lets fault rules answer first, emulates
 * Server-Side Apply, and works around the mock's status-path bug. Everything else is the mock's own behaviour.
 */
final class MockApiDispatcher extends Dispatcher implements Resetable, CustomResourceAware {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KubernetesMixedDispatcher crud;
    private final Faults faults;
    private final RequestLog log;
    private final ServerSideApply ssa;
    /**
     * Serialises writes. The apply emulation is a GET followed by a PUT; without this lock another client's write
     * could land in between and the PUT would fail with a 409 that real SSA never gives.
     */
    private final ReentrantLock writeLock = new ReentrantLock();

    MockApiDispatcher(KubernetesMixedDispatcher crud, Faults faults, RequestLog log) {
        this.crud = crud;
        this.faults = faults;
        this.log = log;
        this.ssa = new ServerSideApply(crud);
    }

    ServerSideApply ssa() {
        return ssa;
    }

    /** Serve a request the testkit itself makes (CRD registration): no log, no faults. */
    MockResponse dispatchInternal(RecordedRequest request) {
        writeLock.lock();
        try {
            return crud.dispatch(request);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        // getBytes(), not readUtf8(): reading a Buffer empties it, and the mock reads the body again.
        String body = request.getBody() == null ? "" : new String(request.getBody().getBytes(), StandardCharsets.UTF_8);
        ApiPath path = ApiPath.parse(request.getPath());
        Verb verb = Verb.of(request.getMethod(), path);
        String name = path.name() != null ? path.name() : verb == Verb.POST ? nameInBody(body) : null;
        String contentType = request.getHeader("Content-Type");

        Optional<MockResponse> injected = verb == null ? Optional.empty() : faults.intercept(verb, path, name);
        MockResponse response = injected.orElseGet(() -> serve(request, verb, path, contentType, body));
        if (injected.isEmpty() && verb == Verb.POST && response.code() == 409) {
            // The mock answers a duplicate create with reason Invalid; the apiserver says AlreadyExists, and callers
            // tell "lost a create race" from a write conflict by that reason.
            response = KubeStatus.failure(409, "AlreadyExists",
                    KubeStatus.defaultMessage("AlreadyExists", verb, path, name), path, name);
        }
        int q = request.getPath().indexOf('?');
        log.record(new ApiRequest(verb, request.getMethod(), path.path(), q < 0 ? "" : request.getPath().substring(q + 1),
                contentType, path.group(), path.resource(), path.subresource(), path.namespace(), name,
                response.code(), injected.isPresent()));
        return response;
    }

    private MockResponse serve(RecordedRequest request, Verb verb, ApiPath path, String contentType, String body) {
        if (verb == null) {
            return KubeStatus.failure(405, "MethodNotAllowed",
                    "the server does not allow this method on the requested resource", path, null);
        }
        if (!verb.isWrite()) {
            return orNotFound(crud.dispatch(request));
        }
        writeLock.lock();
        try {
            if (verb == Verb.PATCH && ServerSideApply.isApplyPatch(contentType)) {
                return ssa.apply(path, body);
            }
            if ((verb == Verb.PUT || verb == Verb.PATCH) && "status".equals(path.subresource())
                    && !path.query().isEmpty()) {
                // The mock decides "is this the status subresource?" with path.endsWith("/status") on the path
                // *with* its query string, so ".../status?fieldManager=x" would be handled as a write to the main
                // resource and the status change dropped. Its handlers use no query parameter, so drop them.
                return orNotFound(crud.dispatch(new RecordedRequest(request.getHttpVersion(), request.method(),
                        path.path(), request.getHeaders(), new Buffer(body.getBytes(StandardCharsets.UTF_8)))));
            }
            return orNotFound(crud.dispatch(request));
        } finally {
            writeLock.unlock();
        }
    }

    /** The CRUD dispatcher returns null for what it does not route; the apiserver answers 404 there. */
    private static MockResponse orNotFound(MockResponse response) {
        return response != null ? response : new MockResponse().setResponseCode(404);
    }

    private static String nameInBody(String body) {
        if (body == null || body.isBlank() || !body.strip().startsWith("{")) {
            return null;
        }
        try {
            JsonNode name = JSON.readTree(body).path("metadata").path("name");
            return name.isTextual() ? name.asText() : null;
        } catch (JsonProcessingException e) {
            // Not JSON: the mock will answer 400 for it; the log just has no name.
            return null;
        }
    }

    @Override
    public void reset() {
        crud.reset();
    }

    @Override
    public void expectCustomResource(CustomResourceDefinitionContext context) {
        crud.expectCustomResource(context);
    }
}
