package dev.rootgate.request;

import dev.rootgate.identity.Caller;
import dev.rootgate.policy.Policy;

/**
 * Who may see a request: its requester, the members of its rule's approver groups, auditors and admins.
 * Everyone else gets 404, so the existence of a request is not disclosed either.
 */
public final class Access {

    private Access() {
    }

    public static boolean canSee(Caller caller, AccessRequest request, Policy policy) {
        return caller.subject().equals(request.requesterSubject)
                || isOverseer(caller, policy)
                || policy.rule(request.ruleName).map(rule -> caller.inAnyOf(rule.approvers())).orElse(false);
    }

    /** Auditors and admins see every request (they decide nothing unless an approver group names them). */
    public static boolean isOverseer(Caller caller, Policy policy) {
        return caller.inAnyOf(policy.auditorGroups()) || caller.inAnyOf(policy.adminGroups());
    }
}
