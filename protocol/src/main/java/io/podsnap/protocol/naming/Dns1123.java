package io.podsnap.protocol.naming;

import io.podsnap.protocol.Messages;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * RFC 1123 name rules as the API server applies them, with the API server's own error wording (apimachinery
 * {@code IsDNS1123Label}/{@code IsDNS1123Subdomain}), so a name we reject reads the same as one Kubernetes would.
 */
public final class Dns1123 {
    private Dns1123() {}

    public static final int LABEL_MAX_LENGTH = 63;
    public static final int SUBDOMAIN_MAX_LENGTH = 253;

    static final String LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    static final String SUBDOMAIN_FMT = LABEL_FMT + "(\\." + LABEL_FMT + ")*";
    private static final Pattern LABEL = Pattern.compile(LABEL_FMT);
    private static final Pattern SUBDOMAIN = Pattern.compile(SUBDOMAIN_FMT);

    static final String LABEL_ERROR = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters "
            + "or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex "
            + "used for validation is '" + LABEL_FMT + "')";
    static final String SUBDOMAIN_ERROR = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric "
            + "characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', "
            + "regex used for validation is '" + SUBDOMAIN_FMT + "')";

    /** Empty when {@code value} is a DNS-1123 label (≤63, {@code [a-z0-9]([-a-z0-9]*[a-z0-9])?}). */
    public static List<String> labelErrors(String value) {
        List<String> errors = new ArrayList<>(2);
        String v = value == null ? "" : value;
        if (v.length() > LABEL_MAX_LENGTH) {
            errors.add(maxLengthError(LABEL_MAX_LENGTH));
        }
        if (!LABEL.matcher(v).matches()) {
            errors.add(SUBDOMAIN.matcher(v).matches() ? "must not contain dots" : LABEL_ERROR);
        }
        return errors;
    }

    /** Empty when {@code value} is a DNS-1123 subdomain (≤253, dot-separated labels). */
    public static List<String> subdomainErrors(String value) {
        List<String> errors = new ArrayList<>(2);
        String v = value == null ? "" : value;
        if (v.length() > SUBDOMAIN_MAX_LENGTH) {
            errors.add(maxLengthError(SUBDOMAIN_MAX_LENGTH));
        }
        if (!SUBDOMAIN.matcher(v).matches()) {
            errors.add(SUBDOMAIN_ERROR);
        }
        return errors;
    }

    public static boolean isLabel(String value) {
        return labelErrors(value).isEmpty();
    }

    public static boolean isSubdomain(String value) {
        return subdomainErrors(value).isEmpty();
    }

    /** Returns {@code value}, or throws naming {@code input} with every rule it breaks. */
    public static String requireLabel(String input, String value) {
        List<String> errors = labelErrors(value);
        if (!errors.isEmpty()) {
            throw new InvalidNameException(input, value, errors, null);
        }
        return value;
    }

    /** Returns {@code value}, or throws naming {@code input} with every rule it breaks. */
    public static String requireSubdomain(String input, String value) {
        List<String> errors = subdomainErrors(value);
        if (!errors.isEmpty()) {
            throw new InvalidNameException(input, value, errors, null);
        }
        return value;
    }

    /**
     * {@code value} cut to {@code maxLength} characters, then stripped of trailing {@code '-'} and {@code '.'} (a
     * cut can land right after one, and a name may not end with either). The result is always a valid DNS-1123
     * subdomain of at most {@code maxLength} characters; when no such prefix exists (the input is empty, has
     * characters no name may hold, or is all dashes) this throws naming {@code input} rather than returning a name
     * the API server would reject.
     */
    public static String truncate(String input, String value, int maxLength) {
        if (maxLength < 1 || maxLength > SUBDOMAIN_MAX_LENGTH) {
            throw new IllegalArgumentException("maxLength must be 1.." + SUBDOMAIN_MAX_LENGTH + ", got " + maxLength);
        }
        if (value == null || value.isEmpty()) {
            throw new InvalidNameException(input, value, List.of(), null);
        }
        String cut = value.length() > maxLength ? value.substring(0, maxLength) : value;
        int end = cut.length();
        while (end > 0 && (cut.charAt(end - 1) == '-' || cut.charAt(end - 1) == '.')) {
            end--;
        }
        String result = cut.substring(0, end);
        if (result.isEmpty()) {
            throw new InvalidNameException(input, value, List.of("nothing is left after removing trailing '-' and '.'"), null);
        }
        List<String> errors = subdomainErrors(result);
        if (!errors.isEmpty()) {
            throw new InvalidNameException(input, value, errors, result.equals(value) ? null
                    : "shortened to " + maxLength + " characters it would be " + Messages.quote(result));
        }
        return result;
    }

    static String maxLengthError(int max) {
        return "must be no more than " + max + " characters";
    }
}
