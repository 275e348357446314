package dev.rootgate.request;

public enum Verdict {
    APPROVE, DENY
}
