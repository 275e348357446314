package dev.rootgate.approval;

public enum Verdict {
    APPROVE, DENY
}
