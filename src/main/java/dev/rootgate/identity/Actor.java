package dev.rootgate.identity;

/** Who did something, as the audit log records it: an OIDC subject, or rootgate itself for scheduled work. */
public record Actor(String subject, String name, String username, String sourceIp) {

    public static final Actor SYSTEM = new Actor("rootgate", "rootgate (scheduled)", "rootgate", null);
}
