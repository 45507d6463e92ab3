package io.podsnap.protocol.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.nio.file.Path;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ArtifactLayoutTest {

    private static final String ID = "96429b2725761a09";
    private static final UUID ATTEMPT = UUID.fromString("0b6f4a8e-2d7c-4f11-9c3e-5a1b2c3d4e5f");

    static Stream<Arguments> basePaths() {
        return Stream.of(
                argumentSet("plain", "/checkpoints", "/checkpoints"),
                argumentSet("trailing slash trimmed", "/checkpoints/", "/checkpoints"),
                argumentSet("root stays root", "/", "/"),
                argumentSet("repeated slashes collapsed", "//mnt//ckpt///", "/mnt/ckpt"),
                argumentSet("dot segments cleaned", "/mnt/./a/../ckpt", "/mnt/ckpt"),
                argumentSet("dot-dot above root is root", "/../ckpt", "/ckpt"),
                argumentSet("surrounding whitespace removed", "  /checkpoints \n", "/checkpoints"));
    }

    @ParameterizedTest
    @MethodSource("basePaths")
    void cleansBasePath(String input, String expected) {
        assertThat(ArtifactLayout.of(input).basePath()).isEqualTo(Path.of(expected));
    }

    static Stream<Arguments> locations() {
        ArtifactLayout layout = ArtifactLayout.of("/checkpoints/");
        ArtifactLayout root = ArtifactLayout.of("/");
        return Stream.of(
                argumentSet("artifact location", (Function<Void, Path>) v -> layout.location(ID, "1"), "/checkpoints/96429b2725761a09/versions/1"),
                argumentSet("artifact location under root base", (Function<Void, Path>) v -> root.location(ID, "2"), "/96429b2725761a09/versions/2"),
                argumentSet("staging directory is a tmp sibling of the versions", (Function<Void, Path>) v -> layout.stagingDir(ID, ATTEMPT),
                        "/checkpoints/96429b2725761a09/versions/tmp/0b6f4a8e-2d7c-4f11-9c3e-5a1b2c3d4e5f"),
                argumentSet("GMS tensors", (Function<Void, Path>) v -> layout.gmsLocation(ID, "1"), "/checkpoints/gms/96429b2725761a09/versions/1"),
                argumentSet("friendly ID with dots inside is one element", (Function<Void, Path>) v -> layout.location("manual-snapshot.v2", "1"),
                        "/checkpoints/manual-snapshot.v2/versions/1"));
    }

    @ParameterizedTest
    @MethodSource("locations")
    void buildsLocations(Function<Void, Path> build, String expected) {
        assertThat(build.apply(null)).isEqualTo(Path.of(expected));
    }

    static Stream<Arguments> rejected() {
        ArtifactLayout layout = ArtifactLayout.of("/checkpoints");
        return Stream.of(
                argumentSet("base path empty", (Runnable) () -> ArtifactLayout.of(" "), "storage base path", "storage base path \" \" is empty"),
                argumentSet("base path missing", (Runnable) () -> ArtifactLayout.of(null), "storage base path", "storage base path <missing> is empty"),
                argumentSet("base path relative", (Runnable) () -> ArtifactLayout.of("checkpoints"), "storage base path",
                        "storage base path \"checkpoints\" must be an absolute path"),
                argumentSet("base path with NUL", (Runnable) () -> ArtifactLayout.of("/ck\0pt"), "storage base path",
                        "storage base path \"/ck\\u0000pt\" contains the control character U+0000 at index 3"),
                argumentSet("ID empty", (Runnable) () -> layout.location("", "1"), "checkpoint ID", "checkpoint ID \"\" is empty"),
                argumentSet("ID missing", (Runnable) () -> layout.location(null, "1"), "checkpoint ID", "checkpoint ID <missing> is empty"),
                argumentSet("ID whitespace only", (Runnable) () -> layout.location("  ", "1"), "checkpoint ID", "checkpoint ID \"  \" is only whitespace"),
                argumentSet("ID with slash", (Runnable) () -> layout.location("a/b", "1"), "checkpoint ID",
                        "checkpoint ID \"a/b\" must be a single path element: it contains '/'"),
                argumentSet("ID with backslash", (Runnable) () -> layout.location("a\\b", "1"), "checkpoint ID",
                        "checkpoint ID \"a\\\\b\" must be a single path element: it contains '\\'"),
                argumentSet("ID is dot-dot", (Runnable) () -> layout.location("..", "1"), "checkpoint ID", "checkpoint ID \"..\" must not contain '..'"),
                argumentSet("ID contains dot-dot", (Runnable) () -> layout.stagingDir("a..b", ATTEMPT), "checkpoint ID", "must not contain '..'"),
                argumentSet("ID is dot", (Runnable) () -> layout.location(".", "1"), "checkpoint ID", "checkpoint ID \".\" must not be '.'"),
                argumentSet("ID with NUL", (Runnable) () -> layout.location("ab\0", "1"), "checkpoint ID",
                        "checkpoint ID \"ab\\u0000\" contains the control character U+0000 at index 2"),
                argumentSet("ID with newline", (Runnable) () -> layout.gmsLocation("a\nb", "1"), "checkpoint ID",
                        "checkpoint ID \"a\\nb\" contains the control character U+000A at index 1"),
                argumentSet("ID with DEL", (Runnable) () -> layout.location("a\u007f", "1"), "checkpoint ID", "contains the control character U+007F"),
                argumentSet("ID with surrounding space", (Runnable) () -> layout.location(" a", "1"), "checkpoint ID", "has leading or trailing whitespace"),
                argumentSet("version empty", (Runnable) () -> layout.location(ID, ""), "artifact version", "artifact version \"\" is empty"),
                argumentSet("version whitespace only", (Runnable) () -> layout.location(ID, " \t"), "artifact version", "is only whitespace"),
                argumentSet("version with slash", (Runnable) () -> layout.gmsLocation(ID, "1/2"), "artifact version", "artifact version \"1/2\" must be a single path element"),
                argumentSet("version is dot-dot", (Runnable) () -> layout.location(ID, ".."), "artifact version", "must not contain '..'"),
                argumentSet("version is the staging directory", (Runnable) () -> layout.location(ID, "tmp"), "artifact version",
                        "artifact version \"tmp\" is reserved: versions/tmp holds in-progress captures"));
    }

    @ParameterizedTest
    @MethodSource("rejected")
    void rejectsUnsafeSegmentsNamingTheField(Runnable action, String field, String message) {
        assertThatThrownBy(action::run)
                .isInstanceOf(InvalidArtifactPathException.class)
                .hasMessageContaining(message)
                .extracting(e -> ((InvalidArtifactPathException) e).field()).isEqualTo(field);
    }
}
