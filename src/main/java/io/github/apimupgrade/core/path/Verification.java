package io.github.apimupgrade.core.path;

/** Whether a step's post-condition holds after it ran. */
public record Verification(boolean ok, String detail) {
    public static Verification ok(String detail) {
        return new Verification(true, detail);
    }

    public static Verification failed(String detail) {
        return new Verification(false, detail);
    }
}
