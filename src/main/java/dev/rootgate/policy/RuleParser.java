package dev.rootgate.policy;

import dev.rootgate.net.Cidr;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.yaml.snakeyaml.nodes.Node;

/** Reads the rules and refuses any that would be weaker than the operator meant or than DESIGN's principles allow. */
final class RuleParser {

    private static final List<String> KEYS = Stream.concat(
            Stream.of("name", "taskPolicies", "accounts", "requesters", "approvers", "approvals", "sourceCidrs",
                    "ticketPattern", "breakGlass", "changeWindows", "slackChannel"),
            Defaults.KEYS.stream()).toList();
    /** Which of approvers and approvals a rule needs depends on the form: {@link ApprovalsParser} checks them. */
    private static final List<String> REQUIRED_KEYS = List.of("name", "taskPolicies", "accounts", "requesters");
    private static final int BREAK_GLASS_MIN_APPROVALS = 2;

    private final YamlNodes nodes;
    private final List<Account> catalog;
    private final Defaults defaults;
    private final ApprovalsParser approvals;

    RuleParser(YamlNodes nodes, List<Account> catalog, Defaults defaults) {
        this.nodes = nodes;
        this.catalog = catalog;
        this.defaults = defaults;
        this.approvals = new ApprovalsParser(nodes);
    }

    List<Rule> parse(Node node) {
        List<Rule> rules = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Node item : nodes.sequence(node, "rules")) {
            Map<String, Node> entries = nodes.mapping(item, "a rule", KEYS, REQUIRED_KEYS);
            Rule rule = rule(item, entries);
            if (!names.add(rule.name())) {
                throw nodes.error(entries.get("name"), "duplicate rule name '" + rule.name()
                        + "'; requests record the rule by name");
            }
            rules.add(rule);
        }
        return rules;
    }

    private Rule rule(Node ruleNode, Map<String, Node> entries) {
        Defaults settings = defaults.overriddenBy(entries, nodes);
        Rule rule = new Rule(
                nodes.string(entries.get("name"), "name"),
                taskPolicies(entries.get("taskPolicies")),
                accountSelectors(entries.get("accounts")),
                groups(entries.get("requesters"), "requesters"),
                approvals.parse(ruleNode, entries),
                settings.mfaMaxAge(),
                optionalList(entries.get("sourceCidrs"), "sourceCidrs", Cidr::parse),
                settings.pendingTtl(),
                settings.activationWindow(),
                settings.sessionSeconds(),
                Optional.ofNullable(entries.get("ticketPattern")).map(this::ticketPattern),
                entries.containsKey("breakGlass") && nodes.bool(entries.get("breakGlass"), "breakGlass"),
                optionalList(entries.get("changeWindows"), "changeWindows", ChangeWindow::parse),
                Optional.ofNullable(entries.get("slackChannel")).map(channel -> nodes.string(channel, "slackChannel")));
        requireBreakGlassSafeguards(rule, ruleNode, entries);
        return rule;
    }

    /** DESIGN principle 5: creating a root password is break-glass only, and break-glass always takes two people. */
    private void requireBreakGlassSafeguards(Rule rule, Node ruleNode, Map<String, Node> entries) {
        if (rule.taskPolicies().contains(TaskPolicy.IAMCreateRootUserPassword) && !rule.breakGlass()) {
            Node offending = nodes.sequence(entries.get("taskPolicies"), "taskPolicies").stream()
                    .filter(item -> nodes.entry(item, "taskPolicies").equals(TaskPolicy.IAMCreateRootUserPassword.name()))
                    .findFirst()
                    .orElseThrow();
            throw nodes.error(offending, "IAMCreateRootUserPassword is only allowed by a rule with breakGlass: true"
                    + " (and at least " + BREAK_GLASS_MIN_APPROVALS + " approvals)");
        }
        if (rule.breakGlass() && rule.approvals() < BREAK_GLASS_MIN_APPROVALS) {
            throw nodes.error(nodes.keyNode(ruleNode, "approvals"), "a breakGlass rule needs at least "
                    + BREAK_GLASS_MIN_APPROVALS + " approvals in total (over all its stages), not "
                    + rule.approvals());
        }
    }

    private Set<TaskPolicy> taskPolicies(Node node) {
        Set<TaskPolicy> taskPolicies = EnumSet.noneOf(TaskPolicy.class);
        for (Node item : nodes.sequence(node, "taskPolicies")) {
            String name = nodes.entry(item, "taskPolicies");
            taskPolicies.add(TaskPolicy.byName(name).orElseThrow(() -> nodes.error(item, "unknown task policy '"
                    + name + "'; valid names: " + Arrays.stream(TaskPolicy.values()).map(TaskPolicy::name)
                    .collect(Collectors.joining(", ")))));
        }
        return taskPolicies;
    }

    private List<String> accountSelectors(Node node) {
        List<String> selectors = new ArrayList<>();
        for (Node item : nodes.sequence(node, "accounts")) {
            String selector = nodes.entry(item, "accounts");
            checkSelector(selector, item);
            selectors.add(selector);
        }
        return selectors;
    }

    /** A selector that matches nothing is a typo waiting to become a surprise, so it is refused. */
    private void checkSelector(String selector, Node node) {
        if (selector.equals(AccountSelector.ALL)) {
            return;
        }
        if (AccountSelector.ACCOUNT_ID.matcher(selector).matches()) {
            requireMatch(selector, node, "account " + selector + " is not in the accounts catalog");
        } else if (selector.startsWith(AccountSelector.OU_PREFIX)) {
            requireMatch(selector, node, "no account in the catalog has ou '"
                    + selector.substring(AccountSelector.OU_PREFIX.length()) + "'");
        } else if (selector.startsWith(AccountSelector.TAG_PREFIX)) {
            requireMatch(selector, node, "no account in the catalog has tag '"
                    + selector.substring(AccountSelector.TAG_PREFIX.length()) + "'");
        } else {
            throw nodes.error(node, "unknown account selector '" + selector
                    + "'; use a 12-digit account id, \"ou:<name>\", \"tag:<name>\" or \"*\"");
        }
    }

    private void requireMatch(String selector, Node node, String reason) {
        if (catalog.stream().noneMatch(account -> AccountSelector.matches(selector, account))) {
            throw nodes.error(node, "account selector '" + selector + "' matches nothing: " + reason);
        }
    }

    private Set<String> groups(Node node, String key) {
        Set<String> groups = new LinkedHashSet<>();
        for (Node item : nodes.sequence(node, key)) {
            groups.add(nodes.entry(item, key));
        }
        return groups;
    }

    private Pattern ticketPattern(Node node) {
        String regex = nodes.string(node, "ticketPattern");
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw nodes.error(node, "ticketPattern is not a valid regular expression: " + e.getDescription()
                    + " near index " + e.getIndex());
        }
    }

    /**
     * An absent key means "no restriction"; an empty list is refused because it reads like "nothing allowed" and
     * would mean the opposite.
     */
    private <T> List<T> optionalList(Node node, String key, Function<String, T> parse) {
        if (node == null) {
            return List.of();
        }
        List<T> values = new ArrayList<>();
        for (Node item : nodes.sequence(node, key)) {
            try {
                values.add(parse.apply(nodes.entry(item, key)));
            } catch (IllegalArgumentException e) {
                throw nodes.error(item, key + ": " + e.getMessage());
            }
        }
        return values;
    }
}
