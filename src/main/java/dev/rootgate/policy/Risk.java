package dev.rootgate.policy;

/** How much damage a root session with a given task policy can do; shown to approvers and used to order attention. */
public enum Risk {
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL
}
