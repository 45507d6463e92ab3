package io.podsnap.protocol.naming;

import io.podsnap.protocol.Messages;
import java.util.List;

/**
 * A Kubernetes object name cannot be built or is invalid. The message follows the API server's field-error shape
 * ({@code <input>: Invalid value: "<value>": <reasons>}) and names the input at fault — the checkpoint ID, the
 * artifact version, the pod name — rather than only the derived name, so the user knows what to change.
 */
public class InvalidNameException extends IllegalArgumentException {
    private final String input;
    private final String value;
    private final List<String> errors;

    public InvalidNameException(String input, String value, List<String> errors, String hint) {
        super(message(input, value, errors, hint));
        this.input = input;
        this.value = value;
        this.errors = List.copyOf(errors);
    }

    /** Which input is wrong, e.g. {@code "checkpoint ID"}. */
    public String input() {
        return input;
    }

    /** The offending value as given (may be {@code null}). */
    public String value() {
        return value;
    }

    /** Each rule the value breaks, in Kubernetes wording. */
    public List<String> errors() {
        return errors;
    }

    private static String message(String input, String value, List<String> errors, String hint) {
        String head = value == null || value.isEmpty()
                ? input + ": Required value"
                : input + ": Invalid value: " + Messages.quote(value);
        String body = errors.isEmpty() ? "" : ": " + String.join("; ", errors);
        return head + body + (hint == null ? "" : " (" + hint + ")");
    }
}
