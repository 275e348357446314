package dev.rootgate.policy;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One stage of a rule's approvals: {@code count} distinct people from any of {@code groups}. A rule is met when
 * every stage is, and one person counts in one stage at most. {@code overlapAllowed} marks a stage that shares a
 * group with an earlier one on purpose (the policy file refuses unmarked overlaps).
 */
public record ApprovalStage(Set<String> groups, int count, boolean overlapAllowed) {

    public ApprovalStage {
        groups = Collections.unmodifiableSet(new LinkedHashSet<>(groups));
    }

    public boolean admits(Set<String> memberOf) {
        return !Collections.disjoint(groups, memberOf);
    }
}
