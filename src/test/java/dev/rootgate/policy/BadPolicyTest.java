package dev.rootgate.policy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file here must stop start-up with the line to fix and a reason naming what is wrong.
 * Each file has exactly one mistake. Most start with {@link #ACCOUNTS} (lines 1-3), so "rules:" is line 4 and a
 * first rule's keys start at line 5; {@link #RULES} completes files whose mistake is above the rules.
 */
class BadPolicyTest {

    private static final String ACCOUNTS = """
            accounts:
              - {id: "111122223333", name: payments-prod, ou: prod, tags: [pci]}
              - {id: "444455556666", name: sandbox, ou: dev}
            """;

    private static final String RULES = """
            rules:
              - name: audit
                taskPolicies: [IAMAuditRootUserCredentials]
                accounts: ["*"]
                requesters: [eng]
                approvers: [oncall]
                approvals: 1
            """;

    static Stream<Arguments> badFiles() {
        return Stream.of(
                arguments("a typo in a key must not silently drop the approvers", ACCOUNTS + """
                        rules:
                          - name: r
                            taskPolicies: [IAMAuditRootUserCredentials]
                            accounts: ["*"]
                            requesters: [eng]
                            approverz: [oncall]
                            approvals: 1
                        """, 9, "unknown key 'approverz'"),
                arguments("account ids are 12 digits", """
                        accounts:
                          - {id: "1111222233334", name: payments-prod, ou: prod}
                        """ + RULES, 2, "12 digits"),
                arguments("an unquoted star is a YAML alias, and the error says how to write it", ACCOUNTS + """
                        rules:
                          - name: r
                            taskPolicies: [IAMAuditRootUserCredentials]
                            accounts: [*]
                        """, 7, "write the all-accounts selector as \"*\""),
                arguments("account ids are unique", """
                        accounts:
                          - {id: "111122223333", name: payments-prod, ou: prod}
                          - {id: "111122223333", name: payments-dr, ou: prod}
                        """ + RULES, 3, "duplicate account id"),
                arguments("accounts have a name", """
                        accounts:
                          - {id: "111122223333", ou: prod}
                        """ + RULES, 2, "'name'"),
                arguments("account tags are a list of strings", """
                        accounts:
                          - {id: "111122223333", name: payments-prod, ou: prod, tags: pci}
                        """ + RULES, 2, "tags must be a list"),
                arguments("only the five AWS task policies exist, and the error lists them", ACCOUNTS + """
                        rules:
                          - name: r
                            taskPolicies: [IAMAuditRootUserCredential]
                            accounts: ["*"]
                            requesters: [eng]
                            approvers: [oncall]
                            approvals: 1
                        """, 6, "valid names: IAMAuditRootUserCredentials, IAMCreateRootUserPassword,"
                        + " IAMDeleteRootUserCredentials, S3UnlockBucketPolicy, SQSUnlockQueuePolicy"),
                arguments("IAMCreateRootUserPassword only in a break-glass rule (principle 5)", ACCOUNTS + """
                        rules:
                          - name: r
                            taskPolicies:
                              - IAMAuditRootUserCredentials
                              - IAMCreateRootUserPassword
                            accounts: ["*"]
                            requesters: [eng]
                            approvers: [oncall]
                            approvals: 2
                        """, 8, "breakGlass: true"),
                arguments("break-glass takes at least two approvals (principle 5)", ACCOUNTS + """
                        rules:
                          - name: r
                            taskPolicies: [IAMCreateRootUserPassword]
                            accounts: ["*"]
                            breakGlass: true
                            requesters: [eng]
                            approvers: [oncall]
                            approvals: 1
                        """, 11, "a breakGlass rule needs at least 2 approvals in total"),
                arguments("breakGlass is a boolean, not YAML 1.1's yes", ACCOUNTS + """
                        rules:
                          - name: r
                            taskPolicies: [IAMCreateRootUserPassword]
                            accounts: ["*"]
                            breakGlass: yes
                            requesters: [eng]
                            approvers: [oncall]
                            approvals: 2
                        """, 8, "true or false"),
                arguments("sessions last at most 900 seconds (AssumeRoot's limit)", ACCOUNTS + """
                        rules:
                          - name: r
                            taskPolicies: [IAMAuditRootUserCredentials]
                            accounts: ["*"]
                            requesters: [eng]
                            approvers: [oncall]
                            approvals: 1
                            sessionSeconds: 901
                        """, 11, "between 1 and 900"),
                arguments("default sessions last at least one second", ACCOUNTS + """
                        defaults:
                          sessionSeconds: 0
                        """ + RULES, 5, "sessionSeconds"),
                arguments("durations are ISO-8601", ACCOUNTS + """
                        defaults:
                          pendingTtl: 2h
                        """ + RULES, 5, "pendingTtl must be an ISO-8601 duration"),
                arguments("durations are positive", ACCOUNTS + """
                        defaults:
                          mfaMaxAge: {request: PT-5M}
                        """ + RULES, 5, "mfaMaxAge.request must be a positive duration"),
                arguments("mfaMaxAge has only request, decide and start", ACCOUNTS + """
                        defaults:
                          mfaMaxAge:
                            approve: PT5M
                        """ + RULES, 6, "unknown key 'approve'"),
                arguments("source CIDRs must parse", ACCOUNTS + """
                        rules:
                          - name: r
                            taskPolicies: [IAMAuditRootUserCredentials]
                            accounts: ["*"]
                            requesters: [eng]
                            approvers: [oncall]
                            approvals: 1
                            sourceCidrs:
                              - 10.0.0.0/8
                              - 10.0.0.0/33
                        """, 13, "sourceCidrs"),
                arguments("an empty sourceCidrs list is refused: it reads like 'nowhere' and would mean 'anywhere'",
                        ACCOUNTS + """
                        rules:
                          - name: r
                            taskPolicies: [IAMAuditRootUserCredentials]
                            accounts: ["*"]
                            requesters: [eng]
                            approvers: [oncall]
                            approvals: 1
                            sourceCidrs: []
                        """, 11, "sourceCidrs must not be empty"),
                arguments("ticket patterns must compile", ACCOUNTS + """
                        rules:
                          - name: r
                            taskPolicies: [IAMAuditRootUserCredentials]
                            accounts: ["*"]
                            requesters: [eng]
                            approvers: [oncall]
                            approvals: 1
                            ticketPattern: "^(INC-[0-9]+$"
                        """, 11, "regular expression"),
                arguments("change windows must parse, and overnight ones are refused", ACCOUNTS + """
                        rules:
                          - name: r
                            taskPolicies: [IAMAuditRootUserCredentials]
                            accounts: ["*"]
                            requesters: [eng]
                            approvers: [oncall]
                            approvals: 1
                            changeWindows: ["Mon-Fri 22:00-06:00 UTC"]
                        """, 11, "overnight"),
                arguments("account selectors have one of four forms", ACCOUNTS + """
                        rules:
                          - name: r
                            taskPolicies: [IAMAuditRootUserCredentials]
                            accounts: ["*", prod]
                            requesters: [eng]
                            approvers: [oncall]
                            approvals: 1
                        """, 7, "unknown account selector 'prod'"),
                arguments("an account id selector must name a catalog account", ACCOUNTS + """
                        rules:
                          - name: r
                            taskPolicies: [IAMAuditRootUserCredentials]
                            accounts: ["999988887777"]
                            requesters: [eng]
                            approvers: [oncall]
                            approvals: 1
                        """, 7, "not in the accounts catalog"),
                arguments("an ou selector must name an OU some account has", ACCOUNTS + """
                        rules:
                          - name: r
                            taskPolicies: [IAMAuditRootUserCredentials]
                            accounts: ["ou:staging"]
                            requesters: [eng]
                            approvers: [oncall]
                            approvals: 1
                        """, 7, "no account in the catalog has ou 'staging'"),
                arguments("a tag selector must name a tag some account has", ACCOUNTS + """
                        rules:
                          - name: r
                            taskPolicies: [IAMAuditRootUserCredentials]
                            accounts: ["tag:pcl"]
                            requesters: [eng]
                            approvers: [oncall]
                            approvals: 1
                        """, 7, "no account in the catalog has tag 'pcl'"),
                arguments("rule names are unique (requests store them)", ACCOUNTS + """
                        rules:
                          - name: r
                            taskPolicies: [IAMAuditRootUserCredentials]
                            accounts: ["*"]
                            requesters: [eng]
                            approvers: [oncall]
                            approvals: 1
                          - name: r
                            taskPolicies: [S3UnlockBucketPolicy]
                            accounts: ["*"]
                            requesters: [eng]
                            approvers: [oncall]
                            approvals: 1
                        """, 11, "duplicate rule name 'r'"),
                arguments("a key given twice is refused rather than the last one winning", ACCOUNTS + """
                        rules:
                          - name: r
                            taskPolicies: [IAMAuditRootUserCredentials]
                            accounts: ["*"]
                            requesters: [eng]
                            approvers: [oncall]
                            approvals: 2
                            approvals: 1
                        """, 11, "duplicate key 'approvals'"),
                arguments("requesters must not be empty", ACCOUNTS + """
                        rules:
                          - name: r
                            taskPolicies: [IAMAuditRootUserCredentials]
                            accounts: ["*"]
                            requesters: []
                            approvers: [oncall]
                            approvals: 1
                        """, 8, "requesters must not be empty"),
                arguments("no rules means nothing could ever be requested: refused", ACCOUNTS + """
                        rules: []
                        """, 4, "rules must not be empty"),
                arguments("unknown top-level keys are refused", ACCOUNTS + """
                        rule: []
                        """, 4, "unknown key 'rule'"),
                arguments("an empty file is refused at line 1", "", 1, "empty"),
                arguments("a comment-only file is refused at line 1", "# nothing yet\n", 1, "empty"),
                arguments("a root that is not a mapping is refused at line 1", "\n- accounts\n", 1, "mapping"),
                arguments("broken YAML is refused at its line", ACCOUNTS + """
                        rules:
                          - name: r
                           taskPolicies: [IAMAuditRootUserCredentials]
                        """, 6, "not valid YAML"),
                arguments("a file with two documents is refused", ACCOUNTS + """
                        ---
                        rules: []
                        """, 4, "expected a single document in the stream, but found another document"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void refused(String rule, String yaml, int line, String reason) {
        PolicyFiles.assertRefused(rule, yaml, line, reason);
    }

    @Test
    void invalidUtf8IsRefusedAtItsLine() {
        byte[] yaml = (ACCOUNTS + "rules: [\"x\"]\n").getBytes(UTF_8);
        yaml[yaml.length - 4] = (byte) 0xC3;

        PolicyException e = assertThrows(PolicyException.class, () -> PolicyParser.parse("bad.yaml", yaml));

        assertEquals("bad.yaml:4: not valid UTF-8", e.getMessage());
    }
}
