package dev.rootgate.identity;

import java.util.Set;

/**
 * The signed-in user of this request: OIDC subject, display name and stable username (what approvers recognise
 * a person by: the name is free text anyone's profile can set), groups, MFA evidence, and their address.
 */
public record Caller(String subject, String name, String username, Set<String> groups, MfaEvidence mfa,
        String sourceIp) {

    public Caller {
        groups = Set.copyOf(groups);
    }

    public Actor actor() {
        return new Actor(subject, name, username, sourceIp);
    }

    public boolean inAnyOf(Set<String> wanted) {
        return groups.stream().anyMatch(wanted::contains);
    }
}
