package io.podsnap.testkit;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Resolves {@link MockApiServer} and {@link KubernetesClient} parameters; see {@link WithMockApi}. The server lives
 * in the JUnit store of the test method (or of the class with {@code perClass}), which closes it when that scope ends.
 */
public final class MockApiExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(MockApiExtension.class);
    private static final String KEY = "server";

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == MockApiServer.class || type == KubernetesClient.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        MockApiServer server = server(context);
        return parameter.getParameter().getType() == MockApiServer.class ? server : server.client();
    }

    /** The server for this context: one per test method, or one per class with {@code perClass}. */
    public static MockApiServer server(ExtensionContext context) {
        ExtensionContext scope = perClass(context) ? classContext(context) : context;
        if (scope.getTestMethod().isEmpty() && !perClass(context)) {
            throw new ParameterResolutionException("@WithMockApi gives a fresh server per test method; it cannot be "
                    + "injected into " + scope.getDisplayName() + " (a @BeforeAll or constructor). Use "
                    + "@WithMockApi(perClass = true) to share one server across the class.");
        }
        return scope.getStore(NAMESPACE).computeIfAbsent(KEY, k -> MockApiServer.start(), MockApiServer.class);
    }

    private static boolean perClass(ExtensionContext context) {
        Optional<WithMockApi> annotation = context.getTestClass()
                .flatMap(c -> AnnotationSupport.findAnnotation(c, WithMockApi.class));
        return annotation.map(WithMockApi::perClass).orElse(false);
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext c = context;
        while (c.getTestMethod().isPresent() && c.getParent().isPresent()) {
            c = c.getParent().get();
        }
        return c;
    }
}
