package io.podsnap.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.podsnap.operator.reconcile.ApiErrors.Kind;
import io.podsnap.protocol.status.Reason;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ApiErrorsTest {

    private static KubernetesClientException error(int code, String reason) {
        return new KubernetesClientException(new StatusBuilder().withCode(code).withReason(reason).withMessage("m").build());
    }

    static Stream<Arguments> classification() {
        return Stream.of(
                argumentSet("400 bad request is terminal", 400, "BadRequest", Kind.TERMINAL),
                argumentSet("401 unauthorized is terminal", 401, "Unauthorized", Kind.TERMINAL),
                argumentSet("403 forbidden (RBAC) is terminal", 403, "Forbidden", Kind.TERMINAL),
                argumentSet("422 invalid (schema, CEL) is terminal", 422, "Invalid", Kind.TERMINAL),
                argumentSet("409 conflict is transient", 409, "Conflict", Kind.TRANSIENT),
                argumentSet("409 already exists is transient", 409, "AlreadyExists", Kind.TRANSIENT),
                argumentSet("429 throttled is transient", 429, "TooManyRequests", Kind.TRANSIENT),
                argumentSet("500 is transient", 500, "InternalError", Kind.TRANSIENT),
                argumentSet("503 is transient", 503, "ServiceUnavailable", Kind.TRANSIENT),
                argumentSet("504 timeout is transient", 504, "Timeout", Kind.TRANSIENT));
    }

    @ParameterizedTest
    @MethodSource("classification")
    void classifies(int code, String reason, Kind expected) {
        assertThat(ApiErrors.classify(error(code, reason))).isEqualTo(expected);
    }

    @Test
    void noHttpAnswerAtAllIsTransient() {
        assertThat(ApiErrors.classify(new KubernetesClientException("connect timed out"))).isEqualTo(Kind.TRANSIENT);
    }

    @Test
    void alreadyExistsAndConflictAreTold() {
        assertThat(ApiErrors.isAlreadyExists(error(409, "AlreadyExists"))).isTrue();
        assertThat(ApiErrors.isConflict(error(409, "AlreadyExists"))).isFalse();
        assertThat(ApiErrors.isConflict(error(409, "Conflict"))).isTrue();
        assertThat(ApiErrors.isAlreadyExists(error(409, "Conflict"))).isFalse();
        assertThat(ApiErrors.isNotFound(error(404, "NotFound"))).isTrue();
    }

    @Test
    void terminalDecisionsOnlyCarryFailureReasons() {
        assertThat(Decision.terminal(Reason.JobFailed, "checkpoint job failed")).isEqualTo(
                new Decision.Terminal(Reason.JobFailed, "checkpoint job failed"));
        assertThatThrownBy(() -> Decision.terminal(Reason.CheckpointReady, "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a failure reason");
        assertThat(Decision.requeueAfter(Duration.ofSeconds(5))).isEqualTo(new Decision.RequeueAfter(Duration.ofSeconds(5)));
    }
}
