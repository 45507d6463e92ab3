package io.podsnap.protocol.artifact;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The outcome of {@link ArtifactVerifier#verify}: every problem found, in a stable order (manifest first, then
 * listed files by path, then unlisted files). A value rather than an exception so the caller sees all damage at
 * once and maps it to one terminal reason.
 *
 * @param manifest the parsed manifest, or {@code null} when the manifest itself could not be accepted
 * @param problems empty when the artifact is intact
 */
public record Verification(Manifest manifest, List<ArtifactProblem> problems) {

    public Verification {
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    /** A one-line message for a condition: the first few problems, and how many more there are. */
    public String summary() {
        if (problems.isEmpty()) {
            return "artifact verified";
        }
        int shown = Math.min(3, problems.size());
        String head = problems.subList(0, shown).stream().map(ArtifactProblem::message).collect(Collectors.joining("; "));
        return problems.size() > shown ? head + "; and " + (problems.size() - shown) + " more problem(s)" : head;
    }
}
