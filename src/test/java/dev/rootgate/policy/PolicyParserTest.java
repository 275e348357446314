package dev.rootgate.policy;

import dev.rootgate.net.Cidr;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicyParserTest {

    private static final String ACCOUNTS = """
            accounts:
              - {id: "111122223333", name: payments-prod, ou: prod, tags: [pci]}
            """;

    private static final String ONE_RULE = """
            rules:
              - name: audit
                taskPolicies: [IAMAuditRootUserCredentials]
                accounts: ["*"]
                requesters: [eng]
                approvers: [oncall]
                approvals: 1
            """;

    @Test
    void devPolicyParses() {
        Policy policy = PolicyParser.parse("dev-policy.yaml", PolicyFiles.devPolicy());

        assertEquals(List.of("payments-prod", "sandbox", "log-archive"),
                policy.accounts().stream().map(Account::name).toList());
        assertEquals(new Account("777788889999", "log-archive", "security", List.of("logs")),
                policy.account("777788889999").orElseThrow());
        assertEquals(Set.of("security-audit"), policy.auditorGroups());
        assertEquals(Set.of("rootgate-admins"), policy.adminGroups());
        assertEquals(List.of("audit-root-credentials", "unlock-resources", "delete-root-credentials",
                "recover-root-password"), policy.rules().stream().map(Rule::name).toList());

        Rule breakGlass = policy.rule("recover-root-password").orElseThrow();
        assertTrue(breakGlass.breakGlass());
        assertEquals(2, breakGlass.approvals());
        assertEquals(Set.of("security-breakglass"), breakGlass.requesters());
        assertEquals(Set.of("security-leads"), breakGlass.approvers());

        assertEquals(List.of(new ApprovalStage(Set.of("security-oncall"), 1, false),
                        new ApprovalStage(Set.of("platform-leads"), 1, false)),
                policy.rule("unlock-resources").orElseThrow().stages());

        Rule delete = policy.rule("delete-root-credentials").orElseThrow();
        assertTrue(delete.covers(TaskPolicy.IAMDeleteRootUserCredentials, policy.account("444455556666").orElseThrow()));
        assertFalse(delete.covers(TaskPolicy.IAMDeleteRootUserCredentials, policy.account("111122223333").orElseThrow()));

        for (Rule rule : policy.rules()) {
            assertTrue(rule.sourceCidrs().isEmpty() && rule.changeWindows().isEmpty() && !rule.ticketRequired(),
                    () -> rule.name() + " must be usable by a newcomer clicking through dev mode");
        }
    }

    @Test
    void examplePolicyParsesAndEveryOptionalKeyTakesEffect() throws Exception {
        Policy policy = PolicyParser.parse("policy.example.yaml", PolicyFiles.examplePolicy());

        Rule prod = policy.rule("unlock-prod-resources").orElseThrow();
        assertEquals(List.of(new ApprovalStage(Set.of("security-oncall"), 1, false),
                new ApprovalStage(Set.of("platform-leads"), 1, false)), prod.stages());
        assertEquals(List.of(Cidr.parse("10.0.0.0/8")), prod.sourceCidrs());
        assertTrue(prod.allowsSource(InetAddress.getByName("10.20.30.40")));
        assertFalse(prod.allowsSource(InetAddress.getByName("192.0.2.1")));
        assertFalse(prod.allowsSource(null));
        assertTrue(prod.ticketRequired());
        assertTrue(prod.ticketPattern().orElseThrow().matcher("CHG-1234").matches());
        assertFalse(prod.ticketPattern().orElseThrow().matcher("JIRA-1").matches());
        assertTrue(prod.inChangeWindow(Instant.parse("2025-03-05T10:00:00Z")), "Wednesday 11:00 Berlin");
        assertFalse(prod.inChangeWindow(Instant.parse("2025-03-08T10:00:00Z")), "Saturday");

        Rule audit = policy.rule("audit-root-credentials").orElseThrow();
        assertTrue(audit.allowsSource(InetAddress.getByName("2001:db8::1")), "no sourceCidrs means any address");
        assertTrue(audit.inChangeWindow(Instant.parse("2025-03-08T03:00:00Z")), "no changeWindows means always");
        assertFalse(audit.ticketRequired());
        assertFalse(audit.breakGlass());
    }

    @Test
    void builtInDefaultsApplyWithoutADefaultsBlock() {
        Rule rule = PolicyFiles.parse(ACCOUNTS + ONE_RULE).rule("audit").orElseThrow();

        assertEquals(new MfaMaxAge(Duration.ofMinutes(15), Duration.ofMinutes(15), Duration.ofMinutes(5)),
                rule.mfaMaxAge());
        assertEquals(Duration.ofHours(2), rule.pendingTtl());
        assertEquals(Duration.ofMinutes(30), rule.activationWindow());
        assertEquals(900, rule.sessionSeconds());
    }

    @Test
    void defaultsBlockOverridesBuiltInsKeyByKeyAndRulesOverrideDefaultsKeyByKey() {
        Policy policy = PolicyFiles.parse(ACCOUNTS + """
                defaults:
                  mfaMaxAge: {start: PT1M}
                  pendingTtl: PT1H
                rules:
                  - name: inherits
                    taskPolicies: [IAMAuditRootUserCredentials]
                    accounts: ["*"]
                    requesters: [eng]
                    approvers: [oncall]
                    approvals: 1
                  - name: overrides
                    taskPolicies: [S3UnlockBucketPolicy]
                    accounts: ["*"]
                    requesters: [eng]
                    approvers: [oncall]
                    approvals: 1
                    mfaMaxAge: {decide: PT3M}
                    activationWindow: PT10M
                    sessionSeconds: 300
                """);

        Rule inherits = policy.rule("inherits").orElseThrow();
        assertEquals(new MfaMaxAge(Duration.ofMinutes(15), Duration.ofMinutes(15), Duration.ofMinutes(1)),
                inherits.mfaMaxAge());
        assertEquals(Duration.ofHours(1), inherits.pendingTtl());
        assertEquals(Duration.ofMinutes(30), inherits.activationWindow());
        assertEquals(900, inherits.sessionSeconds());

        Rule overrides = policy.rule("overrides").orElseThrow();
        assertEquals(new MfaMaxAge(Duration.ofMinutes(15), Duration.ofMinutes(3), Duration.ofMinutes(1)),
                overrides.mfaMaxAge());
        assertEquals(Duration.ofHours(1), overrides.pendingTtl());
        assertEquals(Duration.ofMinutes(10), overrides.activationWindow());
        assertEquals(300, overrides.sessionSeconds());
    }

    @Test
    void sha256IsOfTheExactBytesAndChangesWithOneByte() throws Exception {
        byte[] original = (ACCOUNTS + ONE_RULE).getBytes(UTF_8);
        byte[] oneByteChanged = original.clone();
        oneByteChanged[original.length - 2] = '2';

        String sha256 = PolicyParser.parse("a.yaml", original).sha256();

        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(original)), sha256);
        assertTrue(sha256.matches("[0-9a-f]{64}"));
        assertEquals(sha256, PolicyParser.parse("b.yaml", original.clone()).sha256());
        assertNotEquals(sha256, PolicyParser.parse("a.yaml", oneByteChanged).sha256());
        assertArrayEquals((ACCOUNTS + ONE_RULE).getBytes(UTF_8), original, "parsing must not touch the bytes");
    }

    @Test
    void rolesAreOptional() {
        Policy policy = PolicyFiles.parse(ACCOUNTS + ONE_RULE);

        assertEquals(Set.of(), policy.auditorGroups());
        assertEquals(Set.of(), policy.adminGroups());
    }

    @Test
    void aGroupThatBothRequestsAndApprovesIsAllowedBecauseSelfApprovalIsBlockedPerRequest() {
        Rule rule = PolicyFiles.parse(ACCOUNTS + ONE_RULE.replace("approvers: [oncall]", "approvers: [eng, oncall]"))
                .rule("audit").orElseThrow();

        assertEquals(Set.of("eng", "oncall"), rule.approvers());
        assertEquals(Set.of("eng"), rule.requesters());
    }

    @Test
    void accountIdsKeepTheirDigitsAsWrittenEvenUnquoted() {
        Policy policy = PolicyFiles.parse("""
                accounts:
                  - {id: 012345678901, name: octal-looking, ou: dev}
                """ + ONE_RULE);

        assertTrue(policy.account("012345678901").isPresent());
    }

    @Test
    void modelCollectionsCannotBeChangedAfterParsing() {
        Policy policy = PolicyFiles.parse(ACCOUNTS + ONE_RULE);
        Rule rule = policy.rules().get(0);

        assertUnmodifiable(() -> policy.rules().clear());
        assertUnmodifiable(() -> policy.accounts().get(0).tags().add("x"));
        assertUnmodifiable(() -> rule.approvers().add("everyone"));
        assertUnmodifiable(() -> rule.taskPolicies().add(TaskPolicy.IAMCreateRootUserPassword));
        assertUnmodifiable(() -> policy.rulesApprovableBy(Set.of("oncall")).add("x"));
    }

    private static void assertUnmodifiable(Runnable change) {
        assertThrows(UnsupportedOperationException.class, change::run);
    }
}
