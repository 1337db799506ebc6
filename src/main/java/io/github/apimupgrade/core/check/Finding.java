package io.github.apimupgrade.core.check;

/** One pre-flight or post-flight finding: what was checked, what was found, and the fix when it is not a pass. */
public record Finding(Status status, String area, String message, String fix) {
    public enum Status { PASS, WARN, FAIL }

    public static Finding pass(String area, String message) {
        return new Finding(Status.PASS, area, message, "");
    }

    public static Finding warn(String area, String message, String fix) {
        return new Finding(Status.WARN, area, message, fix);
    }

    public static Finding fail(String area, String message, String fix) {
        return new Finding(Status.FAIL, area, message, fix);
    }
}
