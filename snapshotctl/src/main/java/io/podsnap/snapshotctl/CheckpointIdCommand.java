package io.podsnap.snapshotctl;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.podsnap.api.v1alpha1.DynamoCheckpoint;
import io.podsnap.protocol.WireNames;
import io.podsnap.protocol.artifact.ArtifactLayout;
import io.podsnap.protocol.identity.CheckpointIds;
import io.podsnap.protocol.naming.Names;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code snapshotctl checkpoint-id -f FILE}: the checkpoint ID a DynamoCheckpoint manifest stands for and where its
 * artifact lives, resolved exactly as the operator does (no cluster access).
 */
@Command(name = "checkpoint-id",
        mixinStandardHelpOptions = true,
        versionProvider = Snapshotctl.Version.class,
        description = "Print the checkpoint ID of a DynamoCheckpoint manifest and its artifact location "
                + "(<base-path>/<id>/versions/<artifact-version>).",
        footerHeading = "%nExample:%n",
        footer = {"  $ snapshotctl checkpoint-id -f dynamocheckpoint.yaml",
                "  checkpoint_id=96429b2725761a09",
                "  artifact_version=1",
                "  checkpoint_location=/checkpoints/96429b2725761a09/versions/1"})
final class CheckpointIdCommand implements Callable<Integer> {
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final String KIND = "DynamoCheckpoint";

    @ParentCommand
    Snapshotctl parent;

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOption output;

    @Option(names = {"-f", "--filename"}, required = true, paramLabel = "FILE",
            description = "DynamoCheckpoint manifest (YAML or JSON), kind " + KIND + ", apiVersion " + WireNames.API_VERSION + ".")
    Path file;

    @Option(names = "--base-path", paramLabel = "PATH", defaultValue = "/checkpoints",
            description = "Checkpoint storage base path (default: ${DEFAULT-VALUE}).")
    String basePath;

    @Override
    public Integer call() {
        DynamoCheckpoint checkpoint = read(file);
        String id;
        String version;
        Path location;
        try {
            id = CheckpointIds.resolve(checkpoint);
            Map<String, String> annotations = checkpoint.getMetadata() == null ? null : checkpoint.getMetadata().getAnnotations();
            version = Names.artifactVersion(annotations == null ? null : annotations.get(WireNames.ANNOTATION_ARTIFACT_VERSION));
            location = ArtifactLayout.of(basePath).location(id, version);
        } catch (IllegalArgumentException | io.podsnap.protocol.identity.InvalidCheckpointException e) {
            throw new UsageException(file + ": " + e.getMessage());
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("checkpoint_id", id);
        result.put("artifact_version", version);
        result.put("checkpoint_location", location.toString());
        output.resolve(parent).print(spec.commandLine().getOut(), result);
        return ExitCode.OK.code();
    }

    private static DynamoCheckpoint read(Path file) {
        String content;
        try {
            content = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new UsageException(file + ": no such file");
        } catch (IOException e) {
            throw new UsageException(file + ": cannot read: " + e);
        }
        Map<?, ?> generic;
        try {
            generic = SERIALIZATION.unmarshal(content, Map.class);
        } catch (RuntimeException e) {
            throw new UsageException(file + ": not a YAML or JSON manifest: " + firstLine(e.getMessage()));
        }
        if (generic == null) {
            throw new UsageException(file + ": empty manifest; expected kind " + KIND);
        }
        Object kind = generic.get("kind");
        Object apiVersion = generic.get("apiVersion");
        if (!KIND.equals(kind) || !WireNames.API_VERSION.equals(apiVersion)) {
            throw new UsageException(file + ": expected kind " + KIND + " apiVersion " + WireNames.API_VERSION
                    + ", got kind " + (kind == null ? "<missing>" : kind)
                    + " apiVersion " + (apiVersion == null ? "<missing>" : apiVersion));
        }
        try {
            return SERIALIZATION.unmarshal(content, DynamoCheckpoint.class);
        } catch (RuntimeException e) {
            throw new UsageException(file + ": invalid " + KIND + ": " + firstLine(e.getMessage()));
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
