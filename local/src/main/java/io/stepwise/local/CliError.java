package io.stepwise.local;

/** A problem with what the user asked for (arguments, files, input): reported on stderr with exit code 2. */
final class CliError extends RuntimeException {
    private final boolean showUsage;

    CliError(String message, boolean showUsage) {
        super(message);
        this.showUsage = showUsage;
    }

    static CliError usage(String message) {
        return new CliError(message, true);
    }

    static CliError input(String message) {
        return new CliError(message, false);
    }

    boolean showUsage() {
        return showUsage;
    }
}
