package dev.rootgate.identity;

import java.util.Set;

/**
 * The signed-in user of this request: OIDC subject, display name and stable username (what approvers recognise
 * a person by: the name is free text anyone's profile can set), groups, MFA evidence, their address, and the email
 * the IdP names (null when it names none), by which Slack finds them for a direct message.
 */
public record Caller(String subject, String name, String username, Set<String> groups, MfaEvidence mfa,
        String sourceIp, String email) {

    public Caller {
        groups = Set.copyOf(groups);
    }

    /** A caller whose IdP named no email. */
    public Caller(String subject, String name, String username, Set<String> groups, MfaEvidence mfa, String sourceIp) {
        this(subject, name, username, groups, mfa, sourceIp, null);
    }

    public Actor actor() {
        return new Actor(subject, name, username, sourceIp);
    }

    public boolean inAnyOf(Set<String> wanted) {
        return groups.stream().anyMatch(wanted::contains);
    }
}
