package io.github.apimupgrade.core.path;

/** What a step found when it looked at the live deployment, without changing anything. */
public record Probe(Status status, String reason) {

    public enum Status {
        /** The step has work to do. */
        APPLICABLE,
        /** The post-condition already holds: nothing to do. */
        ALREADY_DONE,
        /** The step does not apply to this dialect, role or configuration. */
        NOT_APPLICABLE,
        /** The step cannot run as things are; the reason says what to change. */
        BLOCKED
    }

    public static Probe applicable(String reason) {
        return new Probe(Status.APPLICABLE, reason);
    }

    public static Probe done(String reason) {
        return new Probe(Status.ALREADY_DONE, reason);
    }

    public static Probe notApplicable(String reason) {
        return new Probe(Status.NOT_APPLICABLE, reason);
    }

    public static Probe blocked(String reason) {
        return new Probe(Status.BLOCKED, reason);
    }

    public boolean is(Status s) {
        return status == s;
    }
}
