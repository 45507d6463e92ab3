package io.podsnap.operator.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.javaoperatorsdk.operator.api.config.BaseConfigurationService;
import io.javaoperatorsdk.operator.api.config.ControllerConfiguration;
import io.javaoperatorsdk.operator.processing.retry.GenericRetry;
import io.podsnap.api.v1alpha1.DynamoCheckpoint;
import org.junit.jupiter.api.Test;

/** The JOSDK settings the controller's behaviour depends on (see the reconciler's class comment for why). */
class DynamoCheckpointControllerConfigurationTest {

    private static ControllerConfiguration<DynamoCheckpoint> configuration() {
        return new BaseConfigurationService().getConfigurationFor(new DynamoCheckpointReconciler(
                DynamoCheckpointFixtures.config(), new DynamoCheckpointFixtures.RecordingEvents(),
                DynamoCheckpointFixtures.CLOCK));
    }

    @Test
    void reconcilesAllEventsAndManagesItsOwnFinalizer() {
        assertThat(configuration().triggerReconcilerOnAllEvents())
                .as("only automatic checkpoints get a finalizer, so JOSDK must not add one to every checkpoint")
                .isTrue();
    }

    @Test
    void annotationAndStatusChangesWakeTheController() {
        assertThat(configuration().isGenerationAware())
                .as("an artifact-version bump changes an annotation, not the generation").isFalse();
    }

    @Test
    void noPeriodicReconcile() {
        assertThat(configuration().maxReconciliationInterval()).isEmpty();
    }

    @Test
    void transientErrorsAreRetriedWithoutAnAttemptLimit() {
        assertThat(configuration().getRetry()).isInstanceOfSatisfying(GenericRetry.class, retry -> {
            assertThat(retry.getMaxAttempts()).isEqualTo(-1);
            assertThat(retry.getInitialInterval()).isEqualTo(1000);
            assertThat(retry.getMaxInterval()).isEqualTo(300_000);
        });
    }
}
