package io.podsnap.operator.runtime;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.LayoutBase;
import io.podsnap.protocol.Messages;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * One log line per event in logfmt ({@code key=value}, values quoted when they need it), with the object a flow is
 * about taken from the MDC, e.g.
 * <pre>ts=2026-07-01T10:15:30.123Z level=INFO logger=io.podsnap.operator.checkpoint.DynamoCheckpointReconciler
 * thread=ReconcilerExecutor-dynamocheckpoint-42 kind=DynamoCheckpoint namespace=inference name=llama
 * checkpointID=96429b2725761a09 msg="created checkpoint Job"</pre>
 * A stack trace is folded into the line ({@code error="...\n\tat ..."}): a log shipper never splits an event.
 *
 * <p>MDC keys: {@value #MDC_NAMESPACE}, {@value #MDC_NAME} and {@value #MDC_CHECKPOINT_ID} as our code sets them;
 * JOSDK sets {@code resource.namespace}, {@code resource.name} and {@code resource.kind} around each reconcile,
 * which fill namespace, name and kind when our keys are absent. Keys with no value are left out.
 */
public final class LogfmtLayout extends LayoutBase<ILoggingEvent> {
    public static final String MDC_NAMESPACE = "namespace";
    public static final String MDC_NAME = "name";
    public static final String MDC_CHECKPOINT_ID = "checkpointID";

    private static final String JOSDK_NAMESPACE = "resource.namespace";
    private static final String JOSDK_NAME = "resource.name";
    private static final String JOSDK_KIND = "resource.kind";

    @Override
    public String doLayout(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(256);
        append(line, "ts", DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochMilli(event.getTimeStamp())));
        append(line, "level", event.getLevel().toString());
        append(line, "logger", event.getLoggerName());
        append(line, "thread", event.getThreadName());
        Map<String, String> mdc = event.getMDCPropertyMap();
        append(line, "kind", mdc.get(JOSDK_KIND));
        append(line, "namespace", first(mdc.get(MDC_NAMESPACE), mdc.get(JOSDK_NAMESPACE)));
        append(line, "name", first(mdc.get(MDC_NAME), mdc.get(JOSDK_NAME)));
        append(line, "checkpointID", mdc.get(MDC_CHECKPOINT_ID));
        append(line, "msg", event.getFormattedMessage());
        IThrowableProxy error = event.getThrowableProxy();
        if (error != null) {
            append(line, "error", ThrowableProxyUtil.asString(error).stripTrailing());
        }
        return line.append('\n').toString();
    }

    private static void append(StringBuilder line, String key, String value) {
        if (value == null || value.isEmpty()) {
            return;
        }
        if (!line.isEmpty()) {
            line.append(' ');
        }
        line.append(key).append('=').append(needsQuotes(value) ? Messages.quote(value) : value);
    }

    private static boolean needsQuotes(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c == '"' || c == '=' || c == '\\' || c >= 0x7f) {
                return true;
            }
        }
        return false;
    }

    private static String first(String a, String b) {
        return a != null && !a.isEmpty() ? a : b;
    }
}
