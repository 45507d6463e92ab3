package io.podsnap.snapshotctl;

import io.podsnap.protocol.artifact.ArtifactProblem;
import io.podsnap.protocol.artifact.ArtifactVerifier;
import io.podsnap.protocol.artifact.Manifest;
import io.podsnap.protocol.artifact.Verification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code snapshotctl verify DIR}: checks an artifact directory against its manifest.yaml, as restore does before
 * trusting it. Exit 0 when intact, 1 with every problem when not, 2 when the directory cannot be read.
 */
@Command(name = "verify",
        mixinStandardHelpOptions = true,
        versionProvider = Snapshotctl.Version.class,
        description = "Verify an artifact directory against its manifest.yaml: every listed file present with "
                + "the listed size and SHA-256, nothing unlisted. Prints every problem found.",
        footerHeading = "%nExample:%n",
        footer = {"  $ snapshotctl verify /checkpoints/96429b2725761a09/versions/1 --checkpoint-id 96429b2725761a09",
                "  status=ok",
                "  checkpoint_id=96429b2725761a09",
                "  files=12",
                "  bytes=1073741824"})
final class VerifyCommand implements Callable<Integer> {

    @ParentCommand
    Snapshotctl parent;

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOption output;

    @Parameters(index = "0", paramLabel = "DIR", description = "The artifact directory (<base>/<id>/versions/<version>).")
    Path dir;

    @Option(names = "--checkpoint-id", paramLabel = "ID",
            description = "The checkpoint the directory must hold (the manifest's checkpointId); unchecked when omitted.")
    String checkpointId;

    @Override
    public Integer call() {
        if (!Files.exists(dir)) {
            throw new UsageException(dir + ": no such directory");
        }
        if (!Files.isDirectory(dir)) {
            throw new UsageException(dir + ": not a directory");
        }
        Verification verification;
        try {
            verification = ArtifactVerifier.verify(dir, checkpointId);
        } catch (IOException e) {
            throw new UsageException(dir + ": cannot read: " + e);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        Manifest manifest = verification.manifest();
        result.put("status", verification.ok() ? "ok" : "failed");
        if (manifest != null) {
            result.put("checkpoint_id", manifest.checkpointId());
            result.put("files", manifest.files().size());
            result.put("bytes", manifest.files().stream().mapToLong(Manifest.FileEntry::size).sum());
        }
        OutputFormat format = output.resolve(parent);
        if (!verification.ok()) {
            if (format == OutputFormat.text) {
                List<String> lines = new ArrayList<>();
                for (ArtifactProblem p : verification.problems()) {
                    lines.add(p.kind() + " " + p.path() + ": " + p.message());
                }
                result.put("problem", lines);
            } else {
                List<Map<String, String>> problems = new ArrayList<>();
                for (ArtifactProblem p : verification.problems()) {
                    Map<String, String> m = new LinkedHashMap<>();
                    m.put("kind", p.kind().name());
                    m.put("path", p.path());
                    m.put("message", p.message());
                    problems.add(m);
                }
                result.put("problems", problems);
            }
        }
        format.print(spec.commandLine().getOut(), result);
        return verification.ok() ? ExitCode.OK.code() : ExitCode.FAILED.code();
    }
}
