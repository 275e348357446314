package dev.rootgate.identity;

import java.util.Set;

/** The signed-in user of this request: OIDC subject and groups, MFA evidence, and the address they came from. */
public record Caller(String subject, String name, Set<String> groups, MfaEvidence mfa, String sourceIp) {

    public Caller {
        groups = Set.copyOf(groups);
    }

    public Actor actor() {
        return new Actor(subject, name, sourceIp);
    }

    public boolean inAnyOf(Set<String> wanted) {
        return groups.stream().anyMatch(wanted::contains);
    }
}
