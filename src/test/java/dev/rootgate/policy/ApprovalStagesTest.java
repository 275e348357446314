package dev.rootgate.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The two ways a rule says who approves, and every way of getting them wrong. {@link #RULE} fills lines 1-8, so a
 * rule's approval keys, passed without indentation to {@link #rule}, start at line 9.
 */
class ApprovalStagesTest {

    private static final String RULE = """
            accounts:
              - {id: "111122223333", name: payments-prod, ou: prod}
              - {id: "444455556666", name: sandbox, ou: dev}
            rules:
              - name: r
                taskPolicies: [IAMAuditRootUserCredentials]
                accounts: ["*"]
                requesters: [eng]
            """;

    private static String rule(String approvalKeys) {
        return RULE + approvalKeys.indent(4);
    }

    private static String breakGlassRule(String keys) {
        return rule(keys).replace("[IAMAuditRootUserCredentials]", "[IAMCreateRootUserPassword]");
    }

    private static ApprovalStage stage(int count, String... groups) {
        return new ApprovalStage(Set.of(groups), count, false);
    }

    static Stream<Arguments> validShapes() {
        return Stream.of(
                arguments("approvers + approvals: N is one stage", """
                        approvers: [oncall, leads]
                        approvals: 2
                        """, List.of(stage(2, "oncall", "leads"))),
                arguments("a list of one stage means the same as the old form", """
                        approvals:
                          - {from: [oncall, leads], count: 2}
                        """, List.of(stage(2, "oncall", "leads"))),
                arguments("two stages keep their file order", """
                        approvals:
                          - {from: [security-oncall], count: 1}
                          - {from: [platform-leads], count: 1}
                        """, List.of(stage(1, "security-oncall"), stage(1, "platform-leads"))),
                arguments("block style works as well as flow style", """
                        approvals:
                          - from:
                              - security-oncall
                              - sre
                            count: 2
                          - count: 1
                            from: [platform-leads]
                            allowOverlap: false
                        """, List.of(stage(2, "security-oncall", "sre"), stage(1, "platform-leads"))),
                arguments("a stage marked allowOverlap may share a group with an earlier one", """
                        approvals:
                          - {from: [security-oncall], count: 1}
                          - {from: [platform-leads, security-oncall], count: 1, allowOverlap: true}
                        """, List.of(stage(1, "security-oncall"),
                        new ApprovalStage(Set.of("platform-leads", "security-oncall"), 1, true))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validShapes")
    void parsesTo(String shape, String approvalKeys, List<ApprovalStage> stages) {
        assertEquals(stages, PolicyFiles.parse(rule(approvalKeys)).rule("r").orElseThrow().stages(), shape);
    }

    @Test
    void approversAreEveryStagesGroupsInFileOrderAndApprovalsTheSumOfTheirCounts() {
        Rule rule = PolicyFiles.parse(rule("""
                approvals:
                  - {from: [security-oncall, sre], count: 2}
                  - {from: [platform-leads], count: 1}
                  - {from: [sre, cto], count: 1, allowOverlap: true}
                """)).rule("r").orElseThrow();

        assertEquals(List.of("security-oncall", "sre", "platform-leads", "cto"), List.copyOf(rule.approvers()));
        assertEquals(4, rule.approvals());
    }

    @Test
    void aBreakGlassRuleMayReachItsTwoApprovalsAcrossStages() {
        Rule rule = PolicyFiles.parse(breakGlassRule("""
                breakGlass: true
                approvals:
                  - {from: [security-leads], count: 1}
                  - {from: [cto], count: 1}
                """)).rule("r").orElseThrow();

        assertEquals(2, rule.approvals());
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                arguments("approvers beside a list of stages: neither reading is safe to guess", rule("""
                        approvers: [oncall]
                        approvals:
                          - {from: [leads], count: 1}
                        """), 9, "use either approvers + approvals: N, or a list of stages"),
                arguments("approvers below a list of stages is refused at approvers", rule("""
                        approvals:
                          - {from: [leads], count: 1}
                        approvers: [oncall]
                        """), 11, "use either approvers + approvals: N, or a list of stages"),
                arguments("approvals: N without approvers is refused at the rule's first line", rule("""
                        approvals: 1
                        """), 5, "missing the required key 'approvers'"),
                arguments("approvers without approvals is refused at the rule's first line", rule("""
                        approvers: [oncall]
                        """), 5, "missing the required key 'approvals': with approvers, approvals is the number"),
                arguments("a rule without any approval keys names both forms", rule("""
                        sourceCidrs: [10.0.0.0/8]
                        """), 5, "missing the required key 'approvals': a list of stages such as"
                        + " - {from: [security-oncall], count: 1}, or a number together with approvers"),
                arguments("approvers with approvals that is not a number", rule("""
                        approvers: [oncall]
                        approvals: two
                        """), 10, "approvals must be a whole number, not 'two'"),
                arguments("approvals of zero would approve on request", rule("""
                        approvers: [oncall]
                        approvals: 0
                        """), 10, "approvals must be at least 1, not 0"),
                arguments("a stage written without its list dash", rule("""
                        approvals:
                          from: [oncall]
                          count: 1
                        """), 10, "write each stage as a list item: - {from: [security-oncall], count: 1}"),
                arguments("a list of groups under approvals is not a list of stages", rule("""
                        approvals: [oncall]
                        """), 9, "approval stage 1 must be a mapping such as {from: [groups], count: 1}; for a plain"
                        + " list of groups write approvers: [groups] with approvals: N"),
                arguments("no stages at all", rule("""
                        approvals: []
                        """), 9, "approvals must not be empty"),
                arguments("unknown keys in a stage are refused, not ignored", rule("""
                        approvals:
                          - {from: [oncall], count: 1}
                          - {from: [leads], cout: 1}
                        """), 11, "unknown key 'cout' in approval stage 2; known keys: from, count, allowOverlap"),
                arguments("a stage without from", rule("""
                        approvals:
                          - {count: 1}
                        """), 10, "approval stage 1 is missing the required key 'from'"),
                arguments("a stage with an empty from", rule("""
                        approvals:
                          - {from: [], count: 1}
                        """), 10, "from must not be empty"),
                arguments("count has no default: the operator writes how many", rule("""
                        approvals:
                          - {from: [oncall]}
                        """), 10, "approval stage 1 is missing the required key 'count'"
                        + ": how many distinct people from its groups must approve (at least 1; there is no default)"),
                arguments("a stage count of zero would let the stage pass unapproved", rule("""
                        approvals:
                          - {from: [oncall], count: 0}
                        """), 10, "count must be at least 1, not 0"),
                arguments("a stage count must be a number", rule("""
                        approvals:
                          - {from: [oncall], count: one}
                        """), 10, "count must be a whole number, not 'one'"),
                arguments("a group in two stages is refused at the later stage's entry, naming the earlier one",
                        rule("""
                        approvals:
                          - {from: [security-oncall], count: 1}
                          - count: 1
                            from:
                              - platform-leads
                              - security-oncall
                        """), 14, "group 'security-oncall' also approves in stage 1: its members alone could then"
                        + " meet both stages (though no one person counts in both). Name a different group, or add"
                        + " allowOverlap: true to stage 2 if you mean it"),
                arguments("the overlap names the stage the group first appeared in", rule("""
                        approvals:
                          - {from: [a], count: 1}
                          - {from: [b], count: 1}
                          - {from: [c, b], count: 1}
                        """), 12, "group 'b' also approves in stage 2"),
                arguments("allowOverlap on one stage does not cover the next", rule("""
                        approvals:
                          - {from: [a], count: 1}
                          - {from: [a, b], count: 1, allowOverlap: true}
                          - {from: [b], count: 1}
                        """), 12, "group 'b' also approves in stage 2"),
                arguments("allowOverlap with no overlap would silently cover a later one", rule("""
                        approvals:
                          - {from: [a], count: 1}
                          - {from: [b], count: 1, allowOverlap: true}
                        """), 11, "allowOverlap: true, but approval stage 2 shares no group with an earlier stage"),
                arguments("allowOverlap is a boolean, not YAML 1.1's yes", rule("""
                        approvals:
                          - {from: [a], count: 1}
                          - {from: [a], count: 1, allowOverlap: yes}
                        """), 11, "allowOverlap must be true or false, not 'yes'"),
                arguments("a group twice in one stage is likely a typo for another group", rule("""
                        approvals:
                          - from:
                              - security-oncall
                              - platform-leads
                              - security-oncall
                            count: 2
                        """), 13, "group 'security-oncall' is listed twice in approval stage 1"),
                arguments("a group twice in approvers, the old form of one stage", rule("""
                        approvers: [oncall, leads, oncall]
                        approvals: 2
                        """), 9, "group 'oncall' is listed twice in approvers"),
                arguments("break-glass needs two approvals in total, counted over the stages (principle 5)",
                        breakGlassRule("""
                        breakGlass: true
                        approvals:
                          - {from: [security-leads], count: 1}
                        """), 10, "a breakGlass rule needs at least 2 approvals in total (over all its stages),"
                        + " not 1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refused(String why, String yaml, int line, String reason) {
        PolicyFiles.assertRefused(why, yaml, line, reason);
    }
}
