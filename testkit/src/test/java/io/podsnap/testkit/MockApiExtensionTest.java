package io.podsnap.testkit;

import static io.podsnap.testkit.MockApiServerTest.configMap;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

class MockApiExtensionTest {

    @Nested
    @WithMockApi
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class PerMethod {
        private static MockApiServer fromFirstTest;
        private MockApiServer fromBeforeEach;

        @BeforeEach
        void setUp(MockApiServer api) {
            fromBeforeEach = api;
        }

        @Test
        @Order(1)
        void injectsTheSameServerIntoSetUpAndTestAndItsClient(MockApiServer api, KubernetesClient client) {
            assertThat(api).isSameAs(fromBeforeEach);
            assertThat(client).isSameAs(api.client());
            client.configMaps().resource(configMap("left-behind", Map.of())).create();
            fromFirstTest = api;
        }

        @Test
        @Order(2)
        void eachTestGetsAFreshServerAndTheLastOneIsClosed(MockApiServer api, KubernetesClient client) {
            assertThat(api).isNotSameAs(fromFirstTest);
            assertThat(fromFirstTest.isClosed()).isTrue();
            assertThat(client.configMaps().withName("left-behind").get()).isNull();
        }
    }

    @Nested
    @WithMockApi(perClass = true)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class PerClass {
        private static MockApiServer fromBeforeAll;

        @BeforeAll
        static void setUpClass(MockApiServer api) {
            fromBeforeAll = api;
            api.client().configMaps().resource(configMap("shared", Map.of())).create();
        }

        @Test
        @Order(1)
        void sharesOneServerAcrossTheClass(MockApiServer api) {
            assertThat(api).isSameAs(fromBeforeAll);
            assertThat(api.client().configMaps().withName("shared").get()).isNotNull();
        }

        @Test
        @Order(2)
        void stillTheSameServer(MockApiServer api) {
            assertThat(api).isSameAs(fromBeforeAll);
            assertThat(api.isClosed()).isFalse();
        }
    }
}
