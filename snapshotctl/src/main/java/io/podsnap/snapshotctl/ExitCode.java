package io.podsnap.snapshotctl;

/**
 * snapshotctl's exit codes, the single source for both the code and the help footer. Scripts branch on these, so
 * a value never changes meaning once released.
 */
public enum ExitCode {
    /** The command did what was asked. */
    OK(0, "ok"),
    /** The command ran but the answer is negative or an operation failed (e.g. an artifact did not verify). */
    FAILED(1, "failed (e.g. the artifact did not verify)"),
    /** Bad input: unknown option, missing or unreadable file, wrong manifest kind, invalid checkpoint ID. */
    USAGE(2, "usage: bad input (options, files, manifests)"),
    /** A wait ran out of time (cluster commands; none of the local commands waits). */
    TIMEOUT(3, "timeout");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }
}
