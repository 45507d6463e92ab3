package io.podsnap.snapshotctl;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code snapshotctl}: the podsnap command-line tool. Results go to stdout, logs and errors to stderr, and the exit
 * code is one of {@link ExitCode}.
 */
@Command(name = "snapshotctl",
        mixinStandardHelpOptions = true,
        versionProvider = Snapshotctl.Version.class,
        description = "Inspect podsnap / Dynamo checkpoints: resolve checkpoint IDs and artifact paths, verify artifacts.",
        subcommands = {CheckpointIdCommand.class, VerifyCommand.class, CommandLine.HelpCommand.class},
        synopsisSubcommandLabel = "COMMAND",
        footerHeading = "%nExample:%n",
        footer = {"  snapshotctl checkpoint-id -f dynamocheckpoint.yaml",
                "  snapshotctl -o json verify /checkpoints/96429b2725761a09/versions/1",
                "",
                "Results are printed on stdout; logs and errors on stderr."})
public final class Snapshotctl implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). Also accepted after the subcommand.")
    OutputFormat output = OutputFormat.text;

    @Override
    public Integer call() {
        // No subcommand: that is a usage error, not a success.
        PrintWriter err = spec.commandLine().getErr();
        err.println("snapshotctl: missing command; see 'snapshotctl --help'");
        err.flush();
        return ExitCode.USAGE.code();
    }

    /** A configured command line writing to {@code out} / {@code err}; what {@link #main} and the tests run. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Snapshotctl());
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        // The exit-code list comes from ExitCode, so the help and the code cannot drift apart.
        Map<String, String> exitCodes = new LinkedHashMap<>();
        for (ExitCode c : ExitCode.values()) {
            exitCodes.put(Integer.toString(c.code()), c.meaning());
        }
        for (CommandLine command : allCommands(cl)) {
            command.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(exitCodes);
        }
        cl.setExitCodeExceptionMapper(e -> e instanceof UsageException || e instanceof CommandLine.ParameterException ? ExitCode.USAGE.code() : ExitCode.FAILED.code());
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter w = commandLine.getErr();
            String name = commandLine.getCommandSpec().qualifiedName();
            if (e instanceof UsageException) {
                w.println(name + ": " + e.getMessage());
                w.flush();
                return ExitCode.USAGE.code();
            }
            w.println(name + ": error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            w.flush();
            return ExitCode.FAILED.code();
        });
        return cl;
    }

    private static List<CommandLine> allCommands(CommandLine root) {
        List<CommandLine> all = new ArrayList<>();
        all.add(root);
        for (CommandLine sub : root.getSubcommands().values()) {
            all.addAll(allCommands(sub));
        }
        return all;
    }

    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return commandLine(out, err).execute(args);
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(run(out, err, args));
    }

    /** The version from the jar manifest ({@code Implementation-Version}); "dev" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Snapshotctl.class.getPackage().getImplementationVersion();
            return new String[] {"snapshotctl " + (v == null ? "dev" : v)};
        }
    }
}
