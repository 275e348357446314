package dev.rootgate.policy;

import static dev.rootgate.policy.TaskPolicy.IAMAuditRootUserCredentials;
import static dev.rootgate.policy.TaskPolicy.IAMCreateRootUserPassword;
import static dev.rootgate.policy.TaskPolicy.IAMDeleteRootUserCredentials;
import static dev.rootgate.policy.TaskPolicy.S3UnlockBucketPolicy;
import static dev.rootgate.policy.TaskPolicy.SQSUnlockQueuePolicy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PolicyMatchingTest {

    private static final String PAYMENTS_PROD = "111122223333";
    private static final String SANDBOX = "444455556666";
    private static final String LOG_ARCHIVE = "777788889999";

    private static final Policy POLICY = PolicyFiles.parse("""
            accounts:
              - {id: "111122223333", name: payments-prod, ou: prod, tags: [pci]}
              - {id: "444455556666", name: sandbox, ou: dev}
              - {id: "777788889999", name: log-archive, ou: security, tags: [logs, pci]}
            rules:
              - name: prod-by-ou
                taskPolicies: [S3UnlockBucketPolicy]
                accounts: ["ou:prod"]
                requesters: [eng]
                approvers: [oncall]
                approvals: 2
              - name: everywhere
                taskPolicies: [S3UnlockBucketPolicy, SQSUnlockQueuePolicy]
                accounts: ["*"]
                requesters: [eng, contractors]
                approvers: [oncall]
                approvals: 1
              - name: pci-by-tag
                taskPolicies: [IAMDeleteRootUserCredentials]
                accounts: ["tag:pci"]
                requesters: [eng]
                approvers: [leads]
                approvals: 2
              - name: sandbox-by-id
                taskPolicies: [IAMAuditRootUserCredentials]
                accounts: ["444455556666"]
                requesters: [eng]
                approvers: [leads, oncall]
                approvals: 1
            """);

    static Stream<Arguments> matches() {
        return Stream.of(
                arguments("first rule in file order wins over a broader one below", S3UnlockBucketPolicy,
                        PAYMENTS_PROD, Set.of("eng"), "prod-by-ou"),
                arguments("a rule whose requester groups do not match is skipped", S3UnlockBucketPolicy,
                        PAYMENTS_PROD, Set.of("contractors"), "everywhere"),
                arguments("a rule whose accounts do not match is skipped", S3UnlockBucketPolicy, SANDBOX,
                        Set.of("eng"), "everywhere"),
                arguments("a rule whose task policies do not match is skipped", SQSUnlockQueuePolicy,
                        PAYMENTS_PROD, Set.of("eng"), "everywhere"),
                arguments("one matching group among many is enough", S3UnlockBucketPolicy, PAYMENTS_PROD,
                        Set.of("marketing", "eng"), "prod-by-ou"),
                arguments("tag selector matches an account carrying the tag", IAMDeleteRootUserCredentials,
                        LOG_ARCHIVE, Set.of("eng"), "pci-by-tag"),
                arguments("id selector matches its account", IAMAuditRootUserCredentials, SANDBOX,
                        Set.of("eng"), "sandbox-by-id"),
                arguments("no rule for the account means no", IAMAuditRootUserCredentials, PAYMENTS_PROD,
                        Set.of("eng"), null),
                arguments("tag selector skips accounts without the tag", IAMDeleteRootUserCredentials, SANDBOX,
                        Set.of("eng"), null),
                arguments("no rule for the task policy means no", IAMCreateRootUserPassword, SANDBOX,
                        Set.of("eng"), null),
                arguments("approvers are not requesters", S3UnlockBucketPolicy, SANDBOX, Set.of("oncall"), null),
                arguments("no groups means no", S3UnlockBucketPolicy, SANDBOX, Set.of(), null),
                arguments("group names are case-sensitive", S3UnlockBucketPolicy, SANDBOX, Set.of("ENG"), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matches")
    void match(String rule, TaskPolicy taskPolicy, String accountId, Set<String> groups, String expectedRule) {
        Account account = POLICY.account(accountId).orElseThrow();
        assertEquals(Optional.ofNullable(expectedRule), POLICY.match(taskPolicy, account, groups).map(Rule::name),
                rule);
    }

    static Stream<Arguments> selectors() {
        Account prod = new Account(PAYMENTS_PROD, "payments-prod", "prod", List.of("pci"));
        return Stream.of(
                arguments("id selector covers its account", PAYMENTS_PROD, prod, true),
                arguments("id selector covers no other account", SANDBOX, prod, false),
                arguments("ou selector covers the OU's accounts", "ou:prod", prod, true),
                arguments("ou selector covers no other OU", "ou:dev", prod, false),
                arguments("ou selector is exact, not a prefix", "ou:pro", prod, false),
                arguments("tag selector covers tagged accounts", "tag:pci", prod, true),
                arguments("tag selector covers no untagged account", "tag:logs", prod, false),
                arguments("star covers every account", "*", prod, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("selectors")
    void covers(String rule, String selector, Account account, boolean expected) {
        Rule everywhere = POLICY.rule("everywhere").orElseThrow();
        Rule withSelector = new Rule(everywhere.name(), everywhere.taskPolicies(), List.of(selector),
                everywhere.requesters(), everywhere.stages(), everywhere.mfaMaxAge(),
                everywhere.sourceCidrs(), everywhere.pendingTtl(), everywhere.activationWindow(),
                everywhere.sessionSeconds(), everywhere.ticketPattern(), everywhere.breakGlass(),
                everywhere.changeWindows(), everywhere.slackChannel());
        assertEquals(expected, withSelector.covers(S3UnlockBucketPolicy, account), rule);
        assertFalse(withSelector.covers(IAMCreateRootUserPassword, account), rule + ": the task policy must match too");
    }

    @Test
    void rulesApprovableByListsRulesInFileOrder() {
        assertEquals(List.of("prod-by-ou", "everywhere", "sandbox-by-id"),
                List.copyOf(POLICY.rulesApprovableBy(Set.of("oncall"))));
        assertEquals(Set.of("pci-by-tag", "sandbox-by-id"), POLICY.rulesApprovableBy(Set.of("leads", "eng")));
        assertEquals(Set.of(), POLICY.rulesApprovableBy(Set.of("eng")));
    }

    @Test
    void canRequestOrApproveSomethingOnlyThroughARule() {
        assertTrue(POLICY.canRequestSomething(Set.of("contractors")));
        assertFalse(POLICY.canRequestSomething(Set.of("oncall", "leads")));
        assertTrue(POLICY.canApproveSomething(Set.of("leads")));
        assertFalse(POLICY.canApproveSomething(Set.of("eng", "contractors")));
    }

    @Test
    void lookupsByIdAndName() {
        assertEquals("sandbox", POLICY.account(SANDBOX).orElseThrow().name());
        assertEquals(Optional.empty(), POLICY.account("999999999999"));
        assertEquals(2, POLICY.rule("pci-by-tag").orElseThrow().approvals());
        assertEquals(Optional.empty(), POLICY.rule("Everywhere"));
    }
}
