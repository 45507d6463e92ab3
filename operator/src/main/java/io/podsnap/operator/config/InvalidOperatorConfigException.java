package io.podsnap.operator.config;

import java.util.List;

/**
 * The operator configuration cannot be used. Thrown once at start with every problem found, so a bad ConfigMap
 * fails the pod immediately (CrashLoopBackOff with the reason in the log) instead of misbehaving later.
 */
public final class InvalidOperatorConfigException extends RuntimeException {
    private final transient List<String> problems;

    InvalidOperatorConfigException(String source, List<String> problems) {
        super(message(source, problems));
        this.problems = List.copyOf(problems);
    }

    /** One line per problem, each starting with the key (e.g. {@code checkpoint.seccomp.profile: ...}). */
    public List<String> problems() {
        return problems;
    }

    private static String message(String source, List<String> problems) {
        if (problems.size() == 1) {
            return "invalid operator config " + source + ": " + problems.get(0);
        }
        return "invalid operator config " + source + " (" + problems.size() + " problems):\n  "
                + String.join("\n  ", problems);
    }
}
