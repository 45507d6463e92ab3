package io.podsnap.snapshotctl;

import picocli.CommandLine.Option;

/** {@code -o} repeated on each subcommand, so it works both before and after the subcommand name. */
final class OutputOption {
    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: the global -o, else text).")
    OutputFormat output;

    /** This command's {@code -o} if given, else the global one. */
    OutputFormat resolve(Snapshotctl parent) {
        if (output != null) {
            return output;
        }
        return parent == null || parent.output == null ? OutputFormat.text : parent.output;
    }
}
