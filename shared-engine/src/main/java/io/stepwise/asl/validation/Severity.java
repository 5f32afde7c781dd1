package io.stepwise.asl.validation;

/** How serious a finding is; only {@link #ERROR} makes a definition invalid. */
public enum Severity {
    ERROR,
    WARNING
}
