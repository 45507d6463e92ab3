package io.podsnap.operator.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's HTTP port: {@value #HEALTHZ} (the process is alive), {@value #READYZ} (informers synced, see
 * {@link OperatorRuntime#readiness()}) and {@value #METRICS} (Prometheus text). Plain JDK server: three GET
 * endpoints need no framework.
 */
public final class HttpEndpoints implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HttpEndpoints.class);

    public static final String HEALTHZ = "/healthz";
    public static final String READYZ = "/readyz";
    public static final String METRICS = "/metrics";
    /** The Prometheus text exposition format that {@code PrometheusMeterRegistry.scrape()} writes. */
    public static final String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService executor;

    private HttpEndpoints(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Binds all interfaces on {@code port} (0: any free port, see {@link #port()}) and starts serving.
     *
     * @param metrics the scrape text, or empty when the registry is not a Prometheus one ({@value #METRICS} is then
     *                404)
     */
    public static HttpEndpoints start(int port, Supplier<Readiness> readiness, Optional<Supplier<String>> metrics) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on HTTP port " + port, e);
        }
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            try (exchange) {
                handle(exchange, readiness, metrics);
            }
        });
        server.start();
        return new HttpEndpoints(server, executor);
    }

    /** The bound port. */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdown();
    }

    private static void handle(HttpExchange exchange, Supplier<Readiness> readiness,
                               Optional<Supplier<String>> metrics) throws IOException {
        String method = exchange.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            respond(exchange, 405, "text/plain; charset=utf-8", "method not allowed\n");
            return;
        }
        // Contexts match by prefix; the probes are exact paths.
        switch (exchange.getRequestURI().getPath()) {
            case HEALTHZ -> respond(exchange, 200, "text/plain; charset=utf-8", "ok\n");
            case READYZ -> {
                Readiness r = readiness.get();
                if (!r.ready()) {
                    log.debug("not ready: {}", r.detail());
                }
                respond(exchange, r.ready() ? 200 : 503, "text/plain; charset=utf-8", r.detail() + "\n");
            }
            case METRICS -> {
                if (metrics.isPresent()) {
                    respond(exchange, 200, PROMETHEUS_CONTENT_TYPE, metrics.get().get());
                } else {
                    respond(exchange, 404, "text/plain; charset=utf-8", "no Prometheus registry\n");
                }
            }
            default -> respond(exchange, 404, "text/plain; charset=utf-8", "not found\n");
        }
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
