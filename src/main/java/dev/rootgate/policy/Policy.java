package dev.rootgate.policy;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The parsed, validated policy file. The SHA-256 of its bytes is stored on every request it decided. */
public record Policy(List<Account> accounts, Set<String> auditorGroups, Set<String> adminGroups, List<Rule> rules,
                     String sha256) {

    public Policy {
        accounts = List.copyOf(accounts);
        auditorGroups = Collections.unmodifiableSet(new LinkedHashSet<>(auditorGroups));
        adminGroups = Collections.unmodifiableSet(new LinkedHashSet<>(adminGroups));
        rules = List.copyOf(rules);
    }

    public Optional<Account> account(String id) {
        return accounts.stream().filter(account -> account.id().equals(id)).findFirst();
    }

    public Optional<Rule> rule(String name) {
        return rules.stream().filter(rule -> rule.name().equals(name)).findFirst();
    }

    /** The first rule in file order that covers the task policy and account and lets one of the groups request. */
    public Optional<Rule> match(TaskPolicy taskPolicy, Account account, Set<String> requesterGroups) {
        return rules.stream()
                .filter(rule -> rule.covers(taskPolicy, account) && rule.requestableBy(requesterGroups))
                .findFirst();
    }

    public Set<String> rulesApprovableBy(Set<String> groups) {
        return rules.stream()
                .filter(rule -> rule.approvableBy(groups))
                .map(Rule::name)
                .collect(Collectors.collectingAndThen(Collectors.toCollection(LinkedHashSet::new),
                        Collections::unmodifiableSet));
    }

    public boolean canRequestSomething(Set<String> groups) {
        return rules.stream().anyMatch(rule -> rule.requestableBy(groups));
    }

    public boolean canApproveSomething(Set<String> groups) {
        return rules.stream().anyMatch(rule -> rule.approvableBy(groups));
    }
}
