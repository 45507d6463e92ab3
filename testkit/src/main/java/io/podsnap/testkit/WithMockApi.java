package io.podsnap.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives each test a {@link MockApiServer}: declare a {@code MockApiServer} or {@code KubernetesClient} parameter on a
 * test, {@code @BeforeEach} or {@code @AfterEach} method. A fresh server per test method, closed after it.
 *
 * <pre>{@code
 * @WithMockApi
 * class ReconcilerTest {
 *     @Test
 *     void createsTheJob(MockApiServer api, KubernetesClient client) { ... }
 * }
 * }</pre>
 *
 * <p>With {@code perClass = true} all tests of the class share one server (also injectable into {@code @BeforeAll}),
 * closed after the last test; tests then see each other's objects, faults and log entries.
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(MockApiExtension.class)
public @interface WithMockApi {
    boolean perClass() default false;
}
