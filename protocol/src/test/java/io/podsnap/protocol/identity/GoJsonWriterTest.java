package io.podsnap.protocol.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GoJsonWriterTest {

    // Expected strings are what Go 1.26's json.Marshal(s) prints for the same input.
    static Stream<Arguments> strings() {
        return Stream.of(
                argumentSet("plain ASCII as-is", "meta-llama/Llama-2-7b-hf", "\"meta-llama/Llama-2-7b-hf\""),
                argumentSet("quote and backslash escaped", "a\"b\\c", "\"a\\\"b\\\\c\""),
                argumentSet("newline, return, tab short forms", "a\nb\rc\td", "\"a\\nb\\rc\\td\""),
                argumentSet("backspace and form feed short forms (Go >= 1.22)", "a\bb\fc", "\"a\\bb\\fc\""),
                argumentSet("other control chars as lowercase \\u00XX", "\u0000\u0001\u001f\u000b", "\"\\u0000\\u0001\\u001f\\u000b\""),
                argumentSet("DEL as-is", "a\u007fb", "\"a\u007fb\""),
                argumentSet("HTML characters escaped", "<a href=x>&</a>", "\"\\u003ca href=x\\u003e\\u0026\\u003c/a\\u003e\""),
                argumentSet("line and paragraph separators escaped", "a\u2028b\u2029c", "\"a\\u2028b\\u2029c\""),
                argumentSet("non-ASCII BMP as-is", "naïve – 通义", "\"naïve – 通义\""),
                argumentSet("supplementary character as-is", "x\uD83D\uDE00y", "\"x\uD83D\uDE00y\""),
                argumentSet("lone high surrogate becomes U+FFFD", "a\uD800b", "\"a\uFFFDb\""),
                argumentSet("lone low surrogate becomes U+FFFD", "a\uDC00b", "\"a\uFFFDb\""),
                argumentSet("reversed surrogate pair becomes two U+FFFD", "\uDE00\uD83D", "\"\uFFFD\uFFFD\""),
                argumentSet("high surrogate at end becomes U+FFFD", "a\uD83D", "\"a\uFFFD\""),
                argumentSet("empty string", "", "\"\""));
    }

    @ParameterizedTest
    @MethodSource("strings")
    void quotesStringsLikeGo(String input, String expected) {
        assertThat(GoJsonWriter.quote(input)).isEqualTo(expected);
    }

    static Stream<Arguments> mapKeyOrders() {
        return Stream.of(
                argumentSet("ASCII sorted ascending, uppercase first", List.of("b", "a", "Z", "_"), "{\"Z\":\"\",\"_\":\"\",\"a\":\"\",\"b\":\"\"}"),
                argumentSet("prefix sorts before longer key", List.of("ab", "a"), "{\"a\":\"\",\"ab\":\"\"}"),
                // UTF-16 order would put U+1F600 (D83D DE00) before U+FF21; UTF-8 bytes (F0.. vs EF..) do not.
                argumentSet("UTF-8 byte order, not UTF-16 order", List.of("\uD83D\uDE00", "\uFF21", "a"), "{\"a\":\"\",\"\uFF21\":\"\",\"\uD83D\uDE00\":\"\"}"),
                argumentSet("empty key first", List.of("a", ""), "{\"\":\"\",\"a\":\"\"}"));
    }

    @ParameterizedTest
    @MethodSource("mapKeyOrders")
    void sortsMapKeysByUtf8Bytes(List<String> insertionOrder, String expected) {
        Map<String, String> map = new LinkedHashMap<>();
        insertionOrder.forEach(k -> map.put(k, ""));
        assertThat(new GoJsonWriter().value(map).toString()).isEqualTo(expected);
    }

    static Stream<Arguments> documents() {
        return Stream.of(
                argumentSet("keys in written order, compact", new GoJsonWriter().beginObject().field("z", "1").field("a", 2).endObject(), "{\"z\":\"1\",\"a\":2}"),
                argumentSet("negative and large integers plain", new GoJsonWriter().beginObject().field("n", -5).field("big", 9_007_199_254_740_993L).endObject(), "{\"n\":-5,\"big\":9007199254740993}"),
                argumentSet("null string written as empty", new GoJsonWriter().beginObject().field("s", (String) null).endObject(), "{\"s\":\"\"}"),
                argumentSet("nested map after fields", new GoJsonWriter().beginObject().field("a", 1).field("m", Map.of("k", "v")).field("b", 1).endObject(), "{\"a\":1,\"m\":{\"k\":\"v\"},\"b\":1}"),
                argumentSet("booleans", new GoJsonWriter().beginObject().name("t").value(true).name("f").value(false).endObject(), "{\"t\":true,\"f\":false}"),
                argumentSet("empty object", new GoJsonWriter().beginObject().endObject(), "{}"));
    }

    @ParameterizedTest
    @MethodSource("documents")
    void writesDocuments(GoJsonWriter writer, String expected) {
        assertThat(writer.toString()).isEqualTo(expected);
        assertThat(writer.toBytes()).isEqualTo(expected.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void utf8BytesOfReplacedSurrogateAreTheReplacementCharacter() {
        byte[] bytes = new GoJsonWriter().value("\uD800").toBytes();
        assertThat(bytes).containsExactly('"', 0xEF, 0xBF, 0xBD, '"');
    }

    static Stream<Arguments> misuse() {
        return Stream.of(
                argumentSet("value inside object without name", (Runnable) () -> new GoJsonWriter().beginObject().value("x")),
                argumentSet("name outside object", (Runnable) () -> new GoJsonWriter().name("x")),
                argumentSet("two names in a row", (Runnable) () -> new GoJsonWriter().beginObject().name("a").name("b")),
                argumentSet("close right after a name", (Runnable) () -> new GoJsonWriter().beginObject().name("a").endObject()),
                argumentSet("bytes of an unclosed object", (Runnable) () -> new GoJsonWriter().beginObject().toBytes()),
                argumentSet("second top-level value", (Runnable) () -> new GoJsonWriter().value(1).value(2)));
    }

    @ParameterizedTest
    @MethodSource("misuse")
    void rejectsMalformedDocuments(Runnable action) {
        assertThatThrownBy(action::run).isInstanceOf(IllegalStateException.class);
    }

    static Stream<Arguments> sha256() {
        return Stream.of(
                argumentSet("empty input", "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
                argumentSet("abc", "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    }

    @ParameterizedTest
    @MethodSource("sha256")
    void sha256HexIsFullLowercase(String input, String expected) {
        assertThat(Sha256.hex(input.getBytes(StandardCharsets.UTF_8))).isEqualTo(expected);
        assertThat(Sha256.hexPrefix(input.getBytes(StandardCharsets.UTF_8), 16)).isEqualTo(expected.substring(0, 16));
    }
}
