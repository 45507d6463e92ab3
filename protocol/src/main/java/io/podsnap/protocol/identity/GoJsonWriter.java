package io.podsnap.protocol.identity;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Writes JSON byte-for-byte as Go's {@code encoding/json} {@code Marshal} does for the structs Dynamo hashes, so
 * that a checkpoint ID computed here equals the one the Go operator computes for the same object.
 *
 * <p>What "as Go does" means: compact; object keys in the order the caller writes them (Go uses struct field
 * order, and {@code omitempty} is the caller's decision); map keys sorted by the UTF-8 bytes of the key (Go
 * compares strings bytewise, which differs from Java's UTF-16 {@code compareTo} above U+FFFF); integers in plain
 * decimal; strings escaped as {@link #quote} describes.
 *
 * <p>Not thread-safe; one writer per document.
 */
public final class GoJsonWriter {
    /**
     * Orders strings as Go orders them: by UTF-8 bytes, which for valid text is code point order. Lone surrogates
     * compare as U+FFFD because that is what Go holds after decoding them.
     */
    public static final Comparator<String> UTF8_ORDER = GoJsonWriter::compareUtf8;

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final StringBuilder out = new StringBuilder(128);
    /** One entry per open object: whether a member has been written (so the next needs a comma). */
    private final Deque<boolean[]> open = new ArrayDeque<>();
    private boolean expectingValue;

    public GoJsonWriter beginObject() {
        beforeValue();
        out.append('{');
        open.push(new boolean[] {false});
        return this;
    }

    public GoJsonWriter endObject() {
        if (open.isEmpty() || expectingValue) {
            throw new IllegalStateException("endObject without an open object, or right after a name");
        }
        open.pop();
        out.append('}');
        return this;
    }

    public GoJsonWriter name(String key) {
        if (open.isEmpty() || expectingValue) {
            throw new IllegalStateException("name(" + key + ") outside an object or right after another name");
        }
        boolean[] hasMember = open.peek();
        if (hasMember[0]) {
            out.append(',');
        }
        hasMember[0] = true;
        appendQuoted(out, key);
        out.append(':');
        expectingValue = true;
        return this;
    }

    /** A string value; {@code null} is written as Go writes an unset {@code string}: {@code ""}. */
    public GoJsonWriter value(String value) {
        beforeValue();
        appendQuoted(out, value == null ? "" : value);
        return this;
    }

    public GoJsonWriter value(long value) {
        beforeValue();
        out.append(value);
        return this;
    }

    public GoJsonWriter value(boolean value) {
        beforeValue();
        out.append(value);
        return this;
    }

    /**
     * A {@code map[string]string} value: keys sorted by {@link #UTF8_ORDER}; a {@code null} map value is written
     * as {@code ""} (Go cannot hold nil in a string map; decoding JSON null gives "").
     */
    public GoJsonWriter value(Map<String, String> map) {
        beginObject();
        List<Map.Entry<String, String>> entries = new ArrayList<>(map.entrySet());
        entries.sort(Map.Entry.comparingByKey(UTF8_ORDER));
        for (Map.Entry<String, String> e : entries) {
            name(e.getKey()).value(e.getValue());
        }
        return endObject();
    }

    public GoJsonWriter field(String key, String value) {
        return name(key).value(value);
    }

    public GoJsonWriter field(String key, long value) {
        return name(key).value(value);
    }

    public GoJsonWriter field(String key, Map<String, String> value) {
        return name(key).value(value);
    }

    /** The document as UTF-8, the bytes Go would hash. */
    public byte[] toBytes() {
        if (!open.isEmpty()) {
            throw new IllegalStateException("document has " + open.size() + " unclosed object(s)");
        }
        // Safe: appendQuoted never leaves a lone surrogate, so encoding is lossless.
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return out.toString();
    }

    /**
     * {@code value} as Go's {@code json.Marshal(value)} writes it, quotes included. Escaping as in Go 1.22 and
     * later: {@code "} and backslash are backslash-escaped; backspace, form feed, newline, carriage return and tab
     * by their two-character forms (Go before 1.22 wrote backspace and form feed as six-character escapes); other
     * bytes below 0x20 as &#92;u00XX with lowercase hex; {@code < > &} as &#92;u003c &#92;u003e &#92;u0026
     * (Marshal escapes HTML); U+2028 and U+2029 escaped; everything else, DEL included, as-is.
     *
     * <p>A lone surrogate becomes the character U+FFFD, not the six-character escape Go writes for invalid UTF-8:
     * the only way a Java string gets one is a surrogate escape in the JSON the API server sent, and Go's decoder
     * turns that same escape into the character U+FFFD before the operator hashes it. Checked against Go 1.26.
     */
    public static String quote(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 2);
        appendQuoted(sb, value);
        return sb.toString();
    }

    /** Appends {@link #quote}{@code (s)} to {@code sb}. */
    static void appendQuoted(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '<', '>', '&', '\u2028', '\u2029' -> appendUnicodeEscape(sb, c);
                default -> {
                    if (c < 0x20) {
                        appendUnicodeEscape(sb, c);
                    } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        sb.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        sb.append('\uFFFD');
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    private static void appendUnicodeEscape(StringBuilder sb, char c) {
        sb.append("\\u").append(HEX[(c >> 12) & 0xF]).append(HEX[(c >> 8) & 0xF])
                .append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
    }

    private void beforeValue() {
        if (open.isEmpty()) {
            if (!out.isEmpty()) {
                throw new IllegalStateException("a JSON document has one top-level value");
            }
            return;
        }
        if (!expectingValue) {
            throw new IllegalStateException("a value inside an object needs a name first");
        }
        expectingValue = false;
    }

    private static int compareUtf8(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = goCodePointAt(a, i);
            int cb = goCodePointAt(b, j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(a.codePointAt(i));
            j += Character.charCount(b.codePointAt(j));
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    private static int goCodePointAt(String s, int index) {
        int cp = s.codePointAt(index);
        return cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE ? 0xFFFD : cp;
    }
}
