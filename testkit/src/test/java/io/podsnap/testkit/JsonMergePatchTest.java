package io.podsnap.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The example table of RFC 7386, Appendix A, plus nesting. */
class JsonMergePatchTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            replace a value             | {"a":"b"}               | {"a":"c"}             | {"a":"c"}
            add a key                   | {"a":"b"}               | {"b":"c"}             | {"a":"b","b":"c"}
            null deletes                | {"a":"b"}               | {"a":null}            | {}
            null deletes one of two     | {"a":"b","b":"c"}       | {"a":null}            | {"b":"c"}
            array replaces a value      | {"a":["b"]}             | {"a":"c"}             | {"a":"c"}
            value replaces an array     | {"a":"c"}               | {"a":["b"]}           | {"a":["b"]}
            nested objects merge        | {"a":{"b":"c"}}         | {"a":{"b":"d","c":null}} | {"a":{"b":"d"}}
            arrays are replaced whole   | {"a":[{"b":"c"}]}       | {"a":[1]}             | {"a":[1]}
            arrays never append         | {"f":["x/a"]}           | {"f":["x/b"]}         | {"f":["x/b"]}
            non-object patch replaces   | {"a":"foo"}             | ["c"]                 | ["c"]
            null inside a new object    | {"e":null}              | {"a":1}               | {"e":null,"a":1}
            patch onto a non-object     | ["a","b"]               | {"a":"b","c":null}    | {"a":"b"}
            deep add into missing key   | {}                      | {"a":{"bb":{"ccc":null}}} | {"a":{"bb":{}}}
            """)
    void mergesPerRfc7386(String caseName, String target, String patch, String expected) throws Exception {
        JsonNode targetNode = JSON.readTree(target);
        JsonNode result = JsonMergePatch.apply(targetNode, JSON.readTree(patch));

        assertThat(result).isEqualTo(JSON.readTree(expected));
        assertThat(targetNode).as("the target is not modified").isEqualTo(JSON.readTree(target));
    }
}
