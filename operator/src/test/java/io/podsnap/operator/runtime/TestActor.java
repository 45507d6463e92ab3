package io.podsnap.operator.runtime;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.podsnap.testkit.ApiRequest;
import io.podsnap.testkit.MockApiServer;
import java.net.URI;

/**
 * A client for the parts a test plays itself (a user creating objects, the kubelet scheduling a pod, the node agent
 * writing a content's status). Its requests carry the query parameter {@value #MARK}, which the mock ignores and
 * the request log keeps, so {@link RbacCoverage} can tell them from the operator's and check only the latter.
 */
public final class TestActor {
    public static final String MARK = "podsnap-test-actor=true";

    private TestActor() {}

    /** A new client on {@code api}, namespace {@link MockApiServer#DEFAULT_NAMESPACE}; the caller closes it. */
    public static KubernetesClient client(MockApiServer api) {
        Config config = new ConfigBuilder(Config.empty())
                .withMasterUrl(api.url())
                .withNamespace(MockApiServer.DEFAULT_NAMESPACE)
                .withTrustCerts(true)
                .withHttp2Disable(true)
                .withRequestRetryBackoffLimit(0)
                .build();
        return new KubernetesClientBuilder()
                .withConfig(config)
                .withHttpClientFactory(new JdkHttpClientFactory())
                .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("podsnap-test-actor", new Interceptor() {
                    @Override
                    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
                        String uri = request.uri().toString();
                        builder.uri(URI.create(uri + (uri.contains("?") ? "&" : "?") + MARK));
                    }
                }))
                .build();
    }

    public static boolean isActor(ApiRequest request) {
        return ("&" + request.query() + "&").contains("&" + MARK + "&");
    }
}
