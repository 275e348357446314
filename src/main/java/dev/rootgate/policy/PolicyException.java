package dev.rootgate.policy;

/** A policy file that cannot be trusted; the message, "<sourceName>:<line>: <reason>", points at what to fix. */
public final class PolicyException extends RuntimeException {

    private final String sourceName;
    private final int line;
    private final String reason;

    public PolicyException(String sourceName, int line, String reason) {
        super(sourceName + ":" + line + ": " + reason);
        this.sourceName = sourceName;
        this.line = line;
        this.reason = reason;
    }

    public String sourceName() {
        return sourceName;
    }

    /** 1-based. */
    public int line() {
        return line;
    }

    public String reason() {
        return reason;
    }
}
