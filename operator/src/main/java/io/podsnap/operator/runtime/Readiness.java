package io.podsnap.operator.runtime;

/**
 * The answer of {@code /readyz}.
 *
 * @param ready  200 when true, 503 when false
 * @param detail one line for the response body and the log: why not ready, or which role this replica has
 */
public record Readiness(boolean ready, String detail) {

    public static Readiness ready(String detail) {
        return new Readiness(true, detail);
    }

    public static Readiness notReady(String detail) {
        return new Readiness(false, detail);
    }
}
