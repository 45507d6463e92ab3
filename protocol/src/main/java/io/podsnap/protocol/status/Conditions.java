package io.podsnap.protocol.status;

import static io.podsnap.protocol.WireNames.CONDITION_FAILED;
import static io.podsnap.protocol.WireNames.CONDITION_READY;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Standard {@code metav1.Condition} handling for PodSnapshot and PodSnapshotContent status, with the same
 * set-if-changed semantics as Kubernetes' {@code meta.SetStatusCondition}: every setter reports whether it changed
 * anything, so callers write status only when it did (no write, no event, no resourceVersion churn).
 *
 * <p>Ready and Failed are a mutually exclusive pair: {@link #markReady} and {@link #markFailed} always write both,
 * so no reader ever sees Ready=True and Failed=True together. Methods mutate the given list (replacing changed
 * entries, never editing a condition object in place); pass the status's own list, not one from an informer cache.
 */
public final class Conditions {
    private Conditions() {}

    public static final String TRUE = "True";
    public static final String FALSE = "False";
    public static final String UNKNOWN = "Unknown";

    /** The message of the Pending condition written while the agent has not captured yet. */
    public static final String PENDING_MESSAGE = "Waiting for node agent to capture the checkpoint";

    /**
     * Sets a condition if anything about it differs. lastTransitionTime is {@code now} for a new condition or a status
     * change, and kept otherwise: it dates the transition, not the last write.
     *
     * @return true if the list changed
     */
    public static boolean set(List<Condition> conditions, String type, String status, String reason, String message,
                              long observedGeneration, Instant now) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
        if (reason == null || reason.isEmpty()) {
            // Kubernetes rejects a condition without a reason; fail here, where the caller is, not at the write.
            throw new IllegalArgumentException("condition " + type + " needs a reason");
        }
        String msg = message == null ? "" : message;
        for (int i = 0; i < conditions.size(); i++) {
            Condition c = conditions.get(i);
            if (!type.equals(c.getType())) {
                continue;
            }
            boolean statusChanged = !status.equals(c.getStatus());
            if (!statusChanged && reason.equals(c.getReason()) && msg.equals(nullToEmpty(c.getMessage()))
                    && Long.valueOf(observedGeneration).equals(c.getObservedGeneration())) {
                return false;
            }
            conditions.set(i, new ConditionBuilder(c)
                    .withStatus(status)
                    .withReason(reason)
                    .withMessage(msg)
                    .withObservedGeneration(observedGeneration)
                    .withLastTransitionTime(statusChanged || c.getLastTransitionTime() == null
                            ? formatTime(now) : c.getLastTransitionTime())
                    .build());
            return true;
        }
        conditions.add(new ConditionBuilder()
                .withType(type)
                .withStatus(status)
                .withReason(reason)
                .withMessage(msg)
                .withObservedGeneration(observedGeneration)
                .withLastTransitionTime(formatTime(now))
                .build());
        return true;
    }

    /** {@link #set(List, String, String, String, String, long, Instant)} with a boolean status and a {@link Reason}. */
    public static boolean set(List<Condition> conditions, String type, boolean status, Reason reason, String message,
                              long observedGeneration, Instant now) {
        return set(conditions, type, status ? TRUE : FALSE, reason.name(), message, observedGeneration, now);
    }

    public static Optional<Condition> get(List<Condition> conditions, String type) {
        if (conditions == null) {
            return Optional.empty();
        }
        return conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    /** True only for status {@code True}; absent and {@code Unknown} are not true. */
    public static boolean isTrue(List<Condition> conditions, String type) {
        return get(conditions, type).map(c -> TRUE.equals(c.getStatus())).orElse(false);
    }

    /** Removes the condition; returns true if it was there. */
    public static boolean remove(List<Condition> conditions, String type) {
        return conditions.removeIf(c -> type.equals(c.getType()));
    }

    /** Ready=True and Failed=False, both with this reason and message. */
    public static boolean markReady(List<Condition> conditions, Reason reason, String message, long observedGeneration,
                                    Instant now) {
        boolean ready = set(conditions, CONDITION_READY, true, reason, message, observedGeneration, now);
        boolean failed = set(conditions, CONDITION_FAILED, false, reason, message, observedGeneration, now);
        return ready | failed;
    }

    /** Failed=True and Ready=False, both with this reason and message. */
    public static boolean markFailed(List<Condition> conditions, Reason reason, String message, long observedGeneration,
                                     Instant now) {
        boolean failed = set(conditions, CONDITION_FAILED, true, reason, message, observedGeneration, now);
        boolean ready = set(conditions, CONDITION_READY, false, reason, message, observedGeneration, now);
        return failed | ready;
    }

    /**
     * Ready=False with reason {@link Reason#Pending}. Failed is not written: nothing has failed, and a pending object
     * reports no Failed condition until something does.
     */
    public static boolean markPending(List<Condition> conditions, String message, long observedGeneration, Instant now) {
        return set(conditions, CONDITION_READY, false, Reason.Pending, message, observedGeneration, now);
    }

    /** {@link #markPending(List, String, long, Instant)} with {@link #PENDING_MESSAGE}. */
    public static boolean markPending(List<Condition> conditions, long observedGeneration, Instant now) {
        return markPending(conditions, PENDING_MESSAGE, observedGeneration, now);
    }

    /** RFC 3339 at second precision, as {@code metav1.Time} is serialised. */
    public static String formatTime(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
