package io.podsnap.operator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LogfmtLayoutTest {
    private static final LoggerContext CONTEXT = new LoggerContext();
    private static final String PREFIX = "ts=2026-07-01T10:15:30.123Z level=INFO logger=io.podsnap.Test thread=main ";

    record Case(String name, String message, Map<String, String> mdc, Throwable error, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("a plain word is not quoted", "started", Map.of(), null, PREFIX + "msg=started\n"),
                new Case("a message with spaces is quoted", "took the Lease", Map.of(), null,
                        PREFIX + "msg=\"took the Lease\"\n"),
                new Case("quotes, backslashes and newlines are escaped onto one line", "a \"b\"\\c\nd", Map.of(),
                        null, PREFIX + "msg=\"a \\\"b\\\"\\\\c\\nd\"\n"),
                new Case("our MDC keys name the object and the checkpoint",
                        "created Job", Map.of("namespace", "inference", "name", "llama", "checkpointID", "96429b27"),
                        null, PREFIX + "namespace=inference name=llama checkpointID=96429b27 msg=\"created Job\"\n"),
                new Case("JOSDK's MDC keys fill kind, namespace and name",
                        "reconciling", Map.of("resource.kind", "DynamoCheckpoint", "resource.namespace", "inference",
                                "resource.name", "llama", "resource.uid", "u-1"),
                        null, PREFIX + "kind=DynamoCheckpoint namespace=inference name=llama msg=reconciling\n"),
                new Case("our keys win over JOSDK's", "x",
                        Map.of("namespace", "ours", "resource.namespace", "josdk"), null,
                        PREFIX + "namespace=ours msg=x\n"),
                new Case("empty MDC values are left out", "x", Map.of("checkpointID", ""), null, PREFIX + "msg=x\n"),
                new Case("an exception is folded into the line", "failed", Map.of(),
                        new IllegalStateException("boom"), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void formats(Case c) {
        var event = new LoggingEvent("fqcn", CONTEXT.getLogger("io.podsnap.Test"), Level.INFO, c.message(), c.error(),
                null);
        event.setTimeStamp(java.time.Instant.parse("2026-07-01T10:15:30.123Z").toEpochMilli());
        event.setThreadName("main");
        event.setMDCPropertyMap(c.mdc());

        String line = new LogfmtLayout().doLayout(event);

        assertThat(line).endsWith("\n").containsOnlyOnce("\n");
        if (c.expected() != null) {
            assertThat(line).isEqualTo(c.expected());
        } else {
            assertThat(line).startsWith(PREFIX + "msg=failed error=\"java.lang.IllegalStateException: boom\\n\\tat ");
        }
    }
}
