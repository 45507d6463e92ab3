package io.podsnap.protocol.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/reasons.md is the published alerting contract; it must list exactly the reasons the code can write. */
class ReasonsDocTest {

    private static List<String> docRows() throws IOException {
        Path doc = Path.of(System.getProperty("podsnap.root", ".."), "docs", "reasons.md");
        return Files.readAllLines(doc).stream().filter(l -> l.startsWith("| `")).toList();
    }

    @Test
    void everyReasonHasItsRowInTheDoc() throws IOException {
        List<String> rows = docRows();
        List<String> missing = Arrays.stream(Reason.values()).map(Reason::docRow).filter(r -> !rows.contains(r)).toList();
        assertThat(missing).as("rows missing or different in docs/reasons.md (paste these)").isEmpty();
    }

    @Test
    void theDocListsNoReasonTheCodeDoesNotHave() throws IOException {
        List<String> expected = Arrays.stream(Reason.values()).map(Reason::docRow).toList();
        assertThat(docRows()).as("rows in docs/reasons.md without a Reason constant").isSubsetOf(expected);
    }

    @Test
    void reasonsAreCamelCaseWordsWithAMeaning() {
        for (Reason r : Reason.values()) {
            assertThat(r.name()).matches("[A-Z][A-Za-z0-9]+");
            assertThat(r.meaning()).isNotBlank().doesNotContain("|");
        }
    }
}
