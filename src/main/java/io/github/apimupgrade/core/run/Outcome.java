package io.github.apimupgrade.core.run;

/** How a goal ended, as the report, the journal and the last log line say it. */
public enum Outcome {
    /** Did what it had to (or found it done). */
    SUCCEEDED,
    /** Bad input, a blocked step or a FAIL finding: nothing was changed. */
    REFUSED,
    /** Something broke while working: see the message; a re-run finishes the job. */
    FAILED,
    /** The run was stopped (interrupted) before it ended. */
    INTERRUPTED,
    /** apim.skip or apim.<goal>.skip. */
    SKIPPED;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
