package io.podsnap.protocol.naming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class Dns1123Test {

    private static final String TOO_LONG_63 = "must be no more than 63 characters";

    static Stream<Arguments> labels() {
        return Stream.of(
                argumentSet("lowercase with dash", "my-name", List.of()),
                argumentSet("digits first", "123-abc", List.of()),
                argumentSet("single character", "a", List.of()),
                argumentSet("exactly 63", "a".repeat(63), List.of()),
                argumentSet("64 characters", "a".repeat(64), List.of(TOO_LONG_63)),
                argumentSet("empty", "", List.of(Dns1123.LABEL_ERROR)),
                argumentSet("null", null, List.of(Dns1123.LABEL_ERROR)),
                argumentSet("uppercase", "My-name", List.of(Dns1123.LABEL_ERROR)),
                argumentSet("leading dash", "-abc", List.of(Dns1123.LABEL_ERROR)),
                argumentSet("trailing dash", "abc-", List.of(Dns1123.LABEL_ERROR)),
                argumentSet("underscore", "a_b", List.of(Dns1123.LABEL_ERROR)),
                argumentSet("dots: a subdomain but not a label", "a.b", List.of("must not contain dots")),
                argumentSet("too long and invalid", "A".repeat(64), List.of(TOO_LONG_63, Dns1123.LABEL_ERROR)));
    }

    @ParameterizedTest
    @MethodSource("labels")
    void validatesLabelsWithKubernetesMessages(String value, List<String> expectedErrors) {
        assertThat(Dns1123.labelErrors(value)).containsExactlyElementsOf(expectedErrors);
        assertThat(Dns1123.isLabel(value)).isEqualTo(expectedErrors.isEmpty());
    }

    static Stream<Arguments> subdomains() {
        return Stream.of(
                argumentSet("dotted", "example.com", List.of()),
                argumentSet("plain label", "my-name", List.of()),
                argumentSet("exactly 253", ("a".repeat(63) + ".").repeat(3) + "a".repeat(61), List.of()),
                argumentSet("254 characters", "a".repeat(254), List.of("must be no more than 253 characters")),
                argumentSet("empty", "", List.of(Dns1123.SUBDOMAIN_ERROR)),
                argumentSet("double dot", "a..b", List.of(Dns1123.SUBDOMAIN_ERROR)),
                argumentSet("dash before dot", "a-.b", List.of(Dns1123.SUBDOMAIN_ERROR)),
                argumentSet("trailing dot", "a.", List.of(Dns1123.SUBDOMAIN_ERROR)),
                argumentSet("slash", "a/b", List.of(Dns1123.SUBDOMAIN_ERROR)));
    }

    @ParameterizedTest
    @MethodSource("subdomains")
    void validatesSubdomainsWithKubernetesMessages(String value, List<String> expectedErrors) {
        assertThat(Dns1123.subdomainErrors(value)).containsExactlyElementsOf(expectedErrors);
        assertThat(Dns1123.isSubdomain(value)).isEqualTo(expectedErrors.isEmpty());
    }

    static Stream<Arguments> truncations() {
        return Stream.of(
                argumentSet("short name unchanged", "my-pod-checkpoint", 63, "my-pod-checkpoint"),
                argumentSet("cut to the limit", "a".repeat(70), 63, "a".repeat(63)),
                argumentSet("cut landing after a dash trims it", "a".repeat(62) + "-bcd", 63, "a".repeat(62)),
                argumentSet("cut landing after dash and dot trims both", "a".repeat(61) + ".-bcd", 63, "a".repeat(61)),
                argumentSet("trailing dashes trimmed even without cut", "abc--", 63, "abc"),
                argumentSet("dotted subdomain kept", "pod.example-checkpoint", 63, "pod.example-checkpoint"));
    }

    @ParameterizedTest
    @MethodSource("truncations")
    void truncatesToValidNames(String value, int max, String expected) {
        String result = Dns1123.truncate("name", value, max);
        assertThat(result).isEqualTo(expected).hasSizeLessThanOrEqualTo(max);
        assertThat(Dns1123.isSubdomain(result)).isTrue();
    }

    static Stream<Arguments> untruncatable() {
        return Stream.of(
                argumentSet("empty", "", "job name: Required value"),
                argumentSet("only dashes and dots", "-.-", "job name: Invalid value: \"-.-\": nothing is left after removing trailing '-' and '.'"),
                argumentSet("uppercase", "MyPod-checkpoint", "job name: Invalid value: \"MyPod-checkpoint\": a lowercase RFC 1123 subdomain"),
                argumentSet("leading dash survives the cut", "-" + "a".repeat(70), "shortened to 63 characters it would be \"-" + "a".repeat(62) + "\""),
                argumentSet("control character shown escaped", "ab\u0000c", "Invalid value: \"ab\\u0000c\""));
    }

    @ParameterizedTest
    @MethodSource("untruncatable")
    void refusesInputsThatCannotMakeAValidName(String value, String messageFragment) {
        assertThatThrownBy(() -> Dns1123.truncate("job name", value, 63))
                .isInstanceOf(InvalidNameException.class)
                .hasMessageContaining(messageFragment)
                .extracting(e -> ((InvalidNameException) e).input()).isEqualTo("job name");
    }

    static Stream<Arguments> requireMessages() {
        return Stream.of(
                argumentSet("label message in API server shape", (Runnable) () -> Dns1123.requireLabel("container name", "Main"),
                        "container name: Invalid value: \"Main\": " + Dns1123.LABEL_ERROR),
                argumentSet("subdomain message lists every broken rule", (Runnable) () -> Dns1123.requireSubdomain("pod name", "A".repeat(254)),
                        "pod name: Invalid value: \"" + "A".repeat(254) + "\": must be no more than 253 characters; " + Dns1123.SUBDOMAIN_ERROR),
                argumentSet("missing value", (Runnable) () -> Dns1123.requireLabel("container name", null), "container name: Required value"));
    }

    @ParameterizedTest
    @MethodSource("requireMessages")
    void requireThrowsKubernetesStyleMessages(Runnable action, String expectedMessage) {
        assertThatThrownBy(action::run).isInstanceOf(InvalidNameException.class).hasMessageStartingWith(expectedMessage);
    }
}
