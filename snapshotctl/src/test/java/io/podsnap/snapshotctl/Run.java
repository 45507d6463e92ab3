package io.podsnap.snapshotctl;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process snapshotctl run with stdout and stderr captured. */
record Run(int exitCode, String out, String err) {
    static Run of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Snapshotctl.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }
}
