package dev.rootgate.identity;

import java.util.ArrayList;
import java.util.List;

import dev.rootgate.policy.Policy;

/** rootgate's roles of a caller, from their IdP groups through the policy file. */
public final class Roles {

    private Roles() {
    }

    public static List<String> of(Caller caller, Policy policy) {
        List<String> roles = new ArrayList<>();
        if (policy.canRequestSomething(caller.groups())) {
            roles.add("requester");
        }
        if (policy.canApproveSomething(caller.groups())) {
            roles.add("approver");
        }
        if (caller.inAnyOf(policy.auditorGroups())) {
            roles.add("auditor");
        }
        if (caller.inAnyOf(policy.adminGroups())) {
            roles.add("admin");
        }
        return roles;
    }
}
