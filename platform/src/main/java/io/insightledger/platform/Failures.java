package io.insightledger.platform;

/** Failures as people read them in a dead letter or a problem: the outermost often says only that something failed. */
public final class Failures {

    private Failures() {
    }

    /** The failure and each of its causes, at most {@code max} characters. */
    public static String describe(Throwable failure, int max) {
        StringBuilder description = new StringBuilder(failure.toString());
        for (Throwable cause = failure.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            description.append("; caused by ").append(cause);
        }
        return description.length() > max ? description.substring(0, max) : description.toString();
    }
}
