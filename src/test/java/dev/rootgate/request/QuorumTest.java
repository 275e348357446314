package dev.rootgate.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.rootgate.policy.ApprovalStage;

/**
 * The quorum with stages, one row per rule, in the style of Teleport's TestReviewThresholds: no Quarkus, no
 * database. Each row: the stages, the groups that still approve, the votes in order ("alice+ sec" is alice
 * approving with groups {sec}; "bob- lead" a deny), whether the quorum is met, and where each voter stands.
 */
class QuorumTest {

    private static final ApprovalStage ONE_SECURITY = stage(1, "sec");
    private static final ApprovalStage TWO_SECURITY = stage(2, "sec");
    private static final ApprovalStage ONE_LEAD = stage(1, "lead");
    private static final Set<String> BOTH = Set.of("sec", "lead");

    static Stream<Arguments> rows() {
        return Stream.of(
                arguments("one stage: enough approvals from its group meet it",
                        List.of(TWO_SECURITY), BOTH, votes("a+ sec", "b+ sec"), true, "a:1 b:1"),
                arguments("one stage: one approval short is not met",
                        List.of(TWO_SECURITY), BOTH, votes("a+ sec"), false, "a:1"),
                arguments("AND: two from the first stage do not meet the second",
                        List.of(ONE_SECURITY, ONE_LEAD), BOTH, votes("a+ sec", "b+ sec"), false, "a:1 b:beyond"),
                arguments("AND: one from each stage meets both",
                        List.of(ONE_SECURITY, ONE_LEAD), BOTH, votes("a+ sec", "b+ lead"), true, "a:1 b:2"),
                arguments("a person in both groups fills one place, not two",
                        List.of(ONE_SECURITY, ONE_LEAD), BOTH, votes("a+ sec,lead"), false, "a:1"),
                arguments("a person in both groups moves aside for someone who fits only where they sat",
                        List.of(ONE_SECURITY, ONE_LEAD), BOTH, votes("a+ sec,lead", "b+ sec"), true, "a:2 b:1"),
                arguments("two people in both groups meet two stages",
                        List.of(ONE_SECURITY, ONE_LEAD), BOTH, votes("a+ sec,lead", "b+ sec,lead"), true, "a:1 b:2"),
                arguments("overlapping stages: two from sec and one from sec-or-lead need three people",
                        List.of(TWO_SECURITY, stage(1, "sec", "lead")), BOTH, votes("a+ sec", "b+ sec", "c+ lead"),
                        true, "a:1 b:1 c:2"),
                arguments("overlapping stages: three from sec meet both",
                        List.of(TWO_SECURITY, stage(1, "sec", "lead")), BOTH, votes("a+ sec", "b+ sec", "c+ sec"),
                        true, "a:1 b:1 c:2"),
                arguments("an approver who left every stage's groups does not count",
                        List.of(ONE_SECURITY, ONE_LEAD), BOTH, votes("a+ sec", "b+ contractors"), false,
                        "a:1 b:not-eligible"),
                arguments("a group the rule no longer lets approve counts nowhere",
                        List.of(ONE_SECURITY, ONE_LEAD), Set.of("sec"), votes("a+ sec", "b+ lead"), false,
                        "a:1 b:not-eligible"),
                arguments("a withdrawn rule lets nobody count",
                        List.of(ONE_SECURITY), Set.of(), votes("a+ sec"), false, "a:not-eligible"),
                arguments("a deny stands apart and fills no place",
                        List.of(ONE_SECURITY, ONE_LEAD), BOTH, votes("a+ sec", "b- lead"), false, "a:1 b:deny"),
                arguments("approvals beyond every stage are kept but not needed",
                        List.of(ONE_SECURITY), BOTH, votes("a+ sec", "b+ sec"), true, "a:1 b:beyond"),
                arguments("no votes meet nothing",
                        List.of(ONE_SECURITY), BOTH, votes(), false, ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void quorum(String rule, List<ApprovalStage> stages, Set<String> stillApproving, List<Quorum.Vote> votes,
            boolean met, String standings) {
        Quorum.Tally tally = Quorum.tally(stages, stillApproving, votes);
        assertEquals(met, tally.met(), rule);
        assertEquals(standings, describe(tally.standings()), rule);
        assertEquals(tally.required() - tally.stages().stream().mapToInt(Quorum.StageProgress::missing).sum(),
                tally.counting(), rule + ": every counting vote fills exactly one place");
    }

    private static String describe(Map<String, Quorum.Standing> standings) {
        List<String> parts = new ArrayList<>();
        standings.forEach((subject, standing) -> parts.add(subject + ":" + switch (standing.kind()) {
            case COUNTS -> String.valueOf(standing.stage());
            case BEYOND_NEED -> "beyond";
            case NOT_ELIGIBLE -> "not-eligible";
            case DENY -> "deny";
        }));
        return String.join(" ", parts);
    }

    private static ApprovalStage stage(int count, String... groups) {
        return new ApprovalStage(Set.of(groups), count, groups.length > 1);
    }

    private static List<Quorum.Vote> votes(String... votes) {
        return Arrays.stream(votes).map(text -> {
            String[] parts = text.split(" ");
            String who = parts[0].substring(0, parts[0].length() - 1);
            Verdict verdict = parts[0].endsWith("+") ? Verdict.APPROVE : Verdict.DENY;
            return new Quorum.Vote(who, verdict, Set.of(parts[1].split(",")));
        }).toList();
    }
}
