package io.podsnap.protocol.artifact;

/** manifest.yaml is missing or cannot be accepted; carries the {@link ArtifactProblem} that says why. */
public class InvalidManifestException extends RuntimeException {
    private final ArtifactProblem problem;

    public InvalidManifestException(ArtifactProblem problem) {
        super(problem.message());
        this.problem = problem;
    }

    public ArtifactProblem problem() {
        return problem;
    }
}
