package dev.rootgate.policy;

import dev.rootgate.net.Cidr;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One rule of the policy file: who may request which task policies on which accounts, and what it takes to get there.
 * Group sets keep file order so pages list them the way the operator wrote them.
 */
public record Rule(String name, Set<TaskPolicy> taskPolicies, List<String> accounts, Set<String> requesters,
                   List<ApprovalStage> stages, MfaMaxAge mfaMaxAge, List<Cidr> sourceCidrs,
                   Duration pendingTtl, Duration activationWindow, int sessionSeconds, Optional<Pattern> ticketPattern,
                   boolean breakGlass, List<ChangeWindow> changeWindows, Optional<String> slackChannel) {

    public Rule {
        taskPolicies = Collections.unmodifiableSet(EnumSet.copyOf(taskPolicies));
        accounts = List.copyOf(accounts);
        requesters = Collections.unmodifiableSet(new LinkedHashSet<>(requesters));
        stages = List.copyOf(stages);
        sourceCidrs = List.copyOf(sourceCidrs);
        changeWindows = List.copyOf(changeWindows);
    }

    public boolean covers(TaskPolicy taskPolicy, Account account) {
        return taskPolicies.contains(taskPolicy)
                && accounts.stream().anyMatch(selector -> AccountSelector.matches(selector, account));
    }

    /** No source CIDRs means any address; a missing address is never allowed by a rule that has them. */
    public boolean allowsSource(InetAddress address) {
        return sourceCidrs.isEmpty() || sourceCidrs.stream().anyMatch(cidr -> cidr.contains(address));
    }

    /** No change windows means always. */
    public boolean inChangeWindow(Instant instant) {
        return changeWindows.isEmpty() || changeWindows.stream().anyMatch(window -> window.contains(instant));
    }

    public boolean ticketRequired() {
        return ticketPattern.isPresent();
    }

    public boolean requestableBy(Set<String> groups) {
        return !Collections.disjoint(requesters, groups);
    }

    /** Every group that approves in some stage, in file order. */
    public Set<String> approvers() {
        Set<String> groups = new LinkedHashSet<>();
        stages.forEach(stage -> groups.addAll(stage.groups()));
        return Collections.unmodifiableSet(groups);
    }

    /** The approvals all stages need together. */
    public int approvals() {
        return stages.stream().mapToInt(ApprovalStage::count).sum();
    }

    public boolean approvableBy(Set<String> groups) {
        return !Collections.disjoint(approvers(), groups);
    }
}
