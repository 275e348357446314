package dev.rootgate.detect;

/** How loudly a finding is raised: INFO is evidence for the timeline, never an alert. */
public enum Severity {
    INFO, HIGH, CRITICAL;

    public boolean isAlert() {
        return this != INFO;
    }
}
